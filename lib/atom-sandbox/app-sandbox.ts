import "server-only";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { createSandboxService, type SandboxService } from "./service";

const cache = globalThis as unknown as { __atomSandbox?: Promise<SandboxService> };

/** The app's one sandbox (per process), on the app's database and Atom configuration. */
export function getSandboxService(): Promise<SandboxService> {
  cache.__atomSandbox ??= (async () => {
    const env = getEnv();
    const db = await getDatabase();
    return createSandboxService({
      db,
      atom: env.atom,
      callbackUrl: `${env.appUrl}/api/atom/callback`,
      controlAccess: { token: env.sandboxControlToken, trustProxyHops: env.trustProxyHops },
    });
  })();
  cache.__atomSandbox.catch(() => {
    cache.__atomSandbox = undefined;
  });
  return cache.__atomSandbox;
}

/** Whether /atom-sandbox exists at all: only when ATOM_MODE=sandbox. */
export function isSandboxMode(): boolean {
  return getEnv().atom.mode === "sandbox";
}
