import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// One `next start` of the production build in a process group of its own (a kill takes the
// whole server), its output appended to a log file: how the soak (scripts/soak/) and the
// benchmarks (bench/) run the shop as it runs in production.

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export interface NextServerOptions {
  port: number;
  /** The server's whole environment (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  logPath: string;
  /** Written to the log before the server's own lines. */
  banner: string;
  /** Flags for node itself (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeFlags?: readonly string[];
}

export function spawnNextServer(options: NextServerOptions): ChildProcess {
  const log = openSync(options.logPath, "a");
  writeSync(log, `\n=== ${options.banner} at ${new Date().toISOString()} ===\n`);
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), NEXT_BIN, "start", "-p", String(options.port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: options.env,
      detached: true,
      stdio: ["ignore", log, log],
    },
  );
  closeSync(log);
  return child;
}

/** Resolves once `url`/api/health answers 200; throws if the server exits or takes longer than `withinMs`. */
export async function waitUntilHealthy(
  server: { name: string; url: string; logPath: string },
  child: ChildProcess,
  withinMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${server.name} exited while starting; see ${server.logPath}`);
    }
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${server.name} was not healthy within ${withinMs / 1000} s; see ${server.logPath}`);
}

/** SIGKILL to the server's process group (a no-op when it is gone). */
export function killNextServer(child: ChildProcess | undefined): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `next start` serves the production build: make it when it is missing. */
export function ensureProductionBuild(report: (line: string) => void): void {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  report("no production build (.next/BUILD_ID): running next build first");
  const built = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status})`);
}
