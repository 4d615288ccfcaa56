import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { freePort, sleep, spawnNextServer, waitUntilHealthy, type NextServer } from "../start-next-server";

// Two `next start` processes of the production build on one database: the shop as it
// runs in production, each with the sandbox's routes and background loop, each with
// its own job loop. Each runs in a process group of its own so that a kill takes the
// whole instance, and its output goes to a log file under .data/soak-<ts>/.

export interface Instance {
  name: string;
  port: number;
  /** Also its APP_URL: where the sandbox sends the callbacks of payments made on it. */
  url: string;
  logPath: string;
  up: boolean;
  /** Its running server; undefined once that has exited. */
  server: NextServer | undefined;
}

export interface Fleet {
  instances: readonly Instance[];
  logDir: string;
  adminEmail: string;
  /** The next live instance, round robin (waits while none is up). */
  next(): Promise<Instance>;
  /** Another live instance than `instance` when there is one (for a retry). */
  other(instance: Instance): Promise<Instance>;
  /** SIGKILL to the instance's process group; resolves once it is gone. */
  kill(instance: Instance): Promise<void>;
  /** Starts it again and waits until it answers /api/health. */
  restart(instance: Instance): Promise<void>;
  /** Exits that nobody asked for (each was restarted). */
  unexpectedExits: string[];
  /** Kills every instance at once; safe to call from an exit handler. */
  stopNow(): void;
}

const ROOT = process.cwd();

/** The knobs of the background jobs, short for a soak; both instances get the same. */
function jobSettings(horizonSeconds: number): Record<string, string> {
  return {
    JOBS: "on",
    JOBS_INTERVAL_MS: "1000",
    REQUERY_SCHEDULE_SECONDS: "2,4,8",
    ABANDON_AFTER_SECONDS: "10",
    PAYMENT_HORIZON_SECONDS: String(horizonSeconds),
    REFUND_SYNC_SCHEDULE_SECONDS: "2,4,8",
    CONSISTENCY_CHECK_SECONDS: "10",
  };
}

export async function startInstances(options: { databaseUrl: string; horizonSeconds: number }): Promise<Fleet> {
  const logDir = path.join(ROOT, ".data", `soak-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(logDir, { recursive: true });
  const adminEmail = "soak-admin@shop.local";
  const shared = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DATABASE_URL: options.databaseUrl,
    ATOM_MODE: "sandbox",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: randomBytes(16).toString("base64url"),
    LOG_LEVEL: "info",
    // scan-logs.ts reads the instances' lines as JSON.
    LOG_FORMAT: "json",
    ...jobSettings(options.horizonSeconds),
  };
  const instances: Instance[] = [];
  for (const name of ["A", "B"]) {
    const port = await freePort();
    instances.push({
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      logPath: path.join(logDir, `instance-${name}.log`),
      up: false,
      server: undefined,
    });
  }
  const unexpectedExits: string[] = [];
  const killing = new Set<Instance>();
  let turn = 0;

  const launch = (instance: Instance): NextServer => {
    const server = spawnNextServer({
      name: `instance ${instance.name}`,
      port: instance.port,
      url: instance.url,
      // The instance's whole environment (NODE_ENV and NEXT_TELEMETRY_DISABLED are the starter's).
      env: { ...shared, APP_URL: instance.url },
      output: { logPath: instance.logPath, banner: `soak: starting instance ${instance.name}` },
      processGroup: true,
    });
    instance.server = server;
    server.child.once("exit", (code, signal) => {
      instance.up = false;
      if (instance.server === server) instance.server = undefined;
      if (killing.has(instance)) return;
      // A crash is a finding: note it and bring the instance back so the run goes on.
      unexpectedExits.push(`${instance.name} exited (code ${code}, signal ${signal}) at ${new Date().toISOString()}`);
      void start(instance).catch(() => {});
    });
    return server;
  };

  const start = async (instance: Instance): Promise<void> => {
    await waitUntilHealthy(launch(instance));
    instance.up = true;
  };

  const live = async (): Promise<Instance[]> => {
    for (;;) {
      const up = instances.filter((instance) => instance.up);
      if (up.length > 0) return up;
      await sleep(100);
    }
  };

  const fleet: Fleet = {
    instances,
    logDir,
    adminEmail,
    unexpectedExits,
    async next() {
      const up = await live();
      turn += 1;
      return up[turn % up.length]!;
    },
    async other(instance) {
      const up = await live();
      return up.find((candidate) => candidate !== instance) ?? up[0]!;
    },
    async kill(instance) {
      const server = instance.server;
      instance.up = false;
      if (server === undefined) return;
      killing.add(instance);
      server.kill();
      await server.exited;
      killing.delete(instance);
    },
    restart: start,
    stopNow() {
      for (const instance of instances) {
        killing.add(instance);
        instance.up = false;
        instance.server?.kill();
      }
    },
  };
  try {
    await Promise.all(instances.map(start));
  } catch (error) {
    fleet.stopNow();
    throw error;
  }
  return fleet;
}
