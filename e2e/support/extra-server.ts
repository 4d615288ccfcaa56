import { rmSync } from "node:fs";
import path from "node:path";
import { assertPortFree, spawnNextServer, waitUntilHealthy } from "../../scripts/start-next-server";
import { e2eDataDir } from "./server-env";

// A second `next start` of the same production build (scripts/start-next-server.ts starts it),
// for the specs that need another origin (a gateway elsewhere, a shop in another mode) and
// for a benchmark's servers. It runs only while its spec does, on its own embedded database
// (.data/e2e-<port>, made fresh), keeps its output in memory for a failure's message, and is
// stopped by its own process id: `next start` itself, not a wrapper that would leave the
// server running.

export interface ExtraServer {
  url: string;
  /** The `next start` process's id (a benchmark reads its CPU time). */
  pid: number;
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
  const dataDir = e2eDataDir(options.port);
  rmSync(dataDir, { recursive: true, force: true });
  const server = spawnNextServer({
    name: options.url,
    port: options.port,
    url: options.url,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LOG_FORMAT: "json",
      PGLITE_DIR: path.join(dataDir, "pglite"),
      APP_URL: options.url,
      ...options.env,
    },
    output: "memory",
    nodeFlags: options.nodeArgs,
    // Reached as localhost as well as 127.0.0.1.
    everyInterface: true,
  });
  // Never outlives the test run, however it ends.
  const killOnExit = () => server.kill();
  process.once("exit", killOnExit);
  void server.exited.then(() => process.removeListener("exit", killOnExit));

  try {
    await waitUntilHealthy(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: options.url, pid: server.pid, stop: () => server.stop() };
}
