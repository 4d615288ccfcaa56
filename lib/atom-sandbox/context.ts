import type { Database } from "@/db";
import type { AtomConfig } from "@/lib/atom";
import type { Background } from "./background";

/** What every part of the sandbox works with; built once per process (service.ts). */
export interface SandboxContext {
  db: Database;
  /**
   * The shared merchant configuration. The sandbox uses the gateway's side of it:
   * decrypts with the request key, checks request signatures with the request hash
   * key, encrypts with the response key and signs with the response hash key.
   */
  atom: AtomConfig;
  /** Where server-to-server callbacks go (the shop's /api/atom/callback). */
  callbackUrl: string;
  background: Background;
}
