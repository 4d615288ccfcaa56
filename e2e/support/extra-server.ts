import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// A second `next start` of the same production build, for the specs that need another
// origin (a gateway elsewhere, a shop in another mode). It runs only while its spec does,
// on its own embedded database (.data/e2e-<port>, made fresh), and is stopped by its own
// process id: `next start` itself, not a wrapper that would leave the server running.

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const HEALTHY_WITHIN_MS = 120_000;
const STOP_WITHIN_MS = 5_000;

export interface ExtraServer {
  url: string;
  /** The `next start` process's id (a benchmark reads its CPU time). */
  pid: number;
  /** What the server printed, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

export async function startExtraServer(options: {
  port: number;
  /** Its APP_URL, on that port (localhost or 127.0.0.1: two hosts are two origins). */
  url: string;
  env: Record<string, string>;
  /** Options for node itself (NODE_OPTIONS refuses some, --cpu-prof among them). */
  nodeArgs?: readonly string[];
}): Promise<ExtraServer> {
  await assertPortFree(options.port);
  const dataDir = path.join(process.cwd(), ".data", `e2e-${options.port}`);
  rmSync(dataDir, { recursive: true, force: true });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(options.port)], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_FORMAT: "json",
      PGLITE_DIR: path.join(dataDir, "pglite"),
      APP_URL: options.url,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Never outlives the test run, however it ends.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.removeListener("exit", killOnExit));

  const server: ExtraServer = {
    url: options.url,
    pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      // A browser's kept-alive connections can hold a graceful stop open: end it after a while.
      const hard = setTimeout(() => child.kill("SIGKILL"), STOP_WITHIN_MS);
      await exited;
      clearTimeout(hard);
    },
  };
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.url} exited while starting:\n${output}`);
    const healthy = await fetch(`${options.url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`${options.url} was not healthy within ${HEALTHY_WITHIN_MS / 1000} s:\n${output}`);
}

/**
 * Refuses to start beside a server already on the port (one an earlier, interrupted run
 * left): its /api/health would answer for the new one, and the spec would test the old build.
 */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`port ${port} is taken (a server left by an earlier run?): stop it and run again`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}
