import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// The one way this repository starts `next start` of the production build outside Playwright's
// own web server: the soak (scripts/soak/), the benchmarks (bench/) and the e2e specs' extra
// servers (e2e/support/extra-server.ts). Each caller gives the server's whole environment (only
// the production base below is added), where its output goes (a log file, memory, or its
// stderr to ours), and whether it runs in a process group of its own (a kill takes the whole
// server) or is signalled by its own process id; then waits until it is healthy (or ready by
// a check of its own) and stops or kills it.

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const HEALTHY_WITHIN_MS = 120_000;
const STOP_WITHIN_MS = 5_000;
/** How much of a server's output is kept when it is kept in memory. */
const KEPT_OUTPUT_CHARS = 20_000;

/** What every server started here runs with, whatever its caller's environment says. */
const PRODUCTION_ENV = { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } as const;

/**
 * Where the server's output goes: appended to a log file after a banner line, kept in memory
 * (the last characters, for a failure's message), or its stderr to ours and its stdout dropped.
 */
export type ServerOutput = { logPath: string; banner: string } | "memory" | "stderr";

export interface NextServerOptions {
  /** Names it in errors. */
  name: string;
  port: number;
  /** Where it is reached; http://127.0.0.1:<port> unless given (another host is another origin). */
  url?: string;
  /** The server's whole environment besides NODE_ENV and NEXT_TELEMETRY_DISABLED (nothing is inherited). */
  env: Record<string, string | undefined>;
  output: ServerOutput;
  /** Flags for node itself (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeFlags?: readonly string[];
  /** In a process group of its own, so that kill() and stop() take the whole server; otherwise they signal its pid. */
  processGroup?: boolean;
  /** Listens on every interface (next's default) instead of 127.0.0.1 only: reached as localhost too. */
  everyInterface?: boolean;
}

/**
 * Refuses a fixed port that something already listens on (a server an earlier, interrupted
 * run left): its /api/health would answer for the new server, and the caller would measure or
 * test the old build.
 */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`port ${port} is taken (a server left by an earlier run?): stop it and run again`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

export interface NextServer {
  name: string;
  url: string;
  child: ChildProcess;
  /** The `next start` process's id (a benchmark reads its CPU time); 0 when it could not spawn. */
  pid: number;
  /** Where to read what it printed, for an error's message: the log file, or the output kept in memory. */
  outputNote(): string;
  /** Settles when the process has exited. */
  exited: Promise<void>;
  /** SIGKILL now (to its process group even when the group's leader is gone; else a no-op when it is gone). */
  kill(): void;
  /**
   * SIGTERM, then SIGKILL if it has not exited within `withinMs`; resolves once it is gone.
   * A process-group server whose leader is already gone has the rest of its group killed.
   */
  stop(withinMs?: number): Promise<void>;
}

export function spawnNextServer(options: NextServerOptions): NextServer {
  const args = [...(options.nodeFlags ?? []), NEXT_BIN, "start", "-p", String(options.port)];
  if (!options.everyInterface) args.push("-H", "127.0.0.1");
  const output = options.output;
  const log = typeof output === "object" ? openLog(output) : undefined;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...options.env, ...PRODUCTION_ENV },
    detached: options.processGroup ?? false,
    stdio:
      log !== undefined
        ? ["ignore", log, log]
        : output === "memory"
          ? ["ignore", "pipe", "pipe"]
          : ["ignore", "ignore", "inherit"],
  });
  if (log !== undefined) closeSync(log);
  let kept = "";
  const keep = (chunk: Buffer) => {
    kept = (kept + chunk.toString("utf8")).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const gone = () => child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
  // A process group is signalled even after its leader is gone (what it started may not be).
  const signal = (name: NodeJS.Signals) => {
    if (options.processGroup) killProcessGroup(child, name);
    else if (!gone()) child.kill(name);
  };
  return {
    name: options.name,
    url: options.url ?? `http://127.0.0.1:${options.port}`,
    child,
    pid: child.pid ?? 0,
    outputNote: () =>
      typeof output === "object"
        ? `; see ${output.logPath}`
        : output === "memory"
          ? `:\n${kept}`
          : " (its stderr is above)",
    exited,
    kill: () => signal("SIGKILL"),
    async stop(withinMs = STOP_WITHIN_MS) {
      if (gone()) {
        if (options.processGroup) signal("SIGKILL");
        return;
      }
      signal("SIGTERM");
      // A browser's kept-alive connections can hold a graceful stop open: end it after a while.
      const hard = setTimeout(() => signal("SIGKILL"), withinMs);
      await exited;
      clearTimeout(hard);
    },
  };
}

/** The log file opened for appending, the banner written: its descriptor. */
function openLog(output: { logPath: string; banner: string }): number {
  const log = openSync(output.logPath, "a");
  writeSync(log, `\n=== ${output.banner} at ${new Date().toISOString()} ===\n`);
  return log;
}

/**
 * Resolves once `check` passes (a throw counts as not yet); throws if `server` (when given)
 * exits first or `withinMs` runs out ("<what> was not <goal> within …").
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { withinMs: number; server?: NextServer; goal?: string },
): Promise<void> {
  const { server, withinMs, goal = "ready" } = options;
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (server !== undefined && (server.child.exitCode !== null || server.child.signalCode !== null)) {
      throw new Error(`${what} exited while starting${server.outputNote()}`);
    }
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} was not ${goal} within ${withinMs / 1000} s${server?.outputNote() ?? ""}`);
}

/** Resolves once the server's /api/health answers 200; throws if it exits or takes longer than `withinMs`. */
export async function waitUntilHealthy(server: NextServer, withinMs = HEALTHY_WITHIN_MS): Promise<void> {
  await waitUntil(
    server.name,
    async () => {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.ok;
    },
    { withinMs, server, goal: "healthy" },
  );
}

/** SIGKILL (or `signal`) to a child's process group (a no-op when it is gone): a server's, a baseline's, a browser's. */
export function killProcessGroup(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGKILL"): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
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
