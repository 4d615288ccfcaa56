import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

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
  child: ChildProcess | undefined;
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
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const HEALTHY_WITHIN_MS = 120_000;

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
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
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
      child: undefined,
    });
  }
  const unexpectedExits: string[] = [];
  const killing = new Set<Instance>();
  let turn = 0;

  const launch = (instance: Instance): ChildProcess => {
    const log = openSync(instance.logPath, "a");
    writeSync(log, `\n=== soak: starting instance ${instance.name} at ${new Date().toISOString()} ===\n`);
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(instance.port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: { ...shared, APP_URL: instance.url },
      detached: true,
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    instance.child = child;
    child.once("exit", (code, signal) => {
      instance.up = false;
      if (instance.child === child) instance.child = undefined;
      if (killing.has(instance)) return;
      // A crash is a finding: note it and bring the instance back so the run goes on.
      unexpectedExits.push(`${instance.name} exited (code ${code}, signal ${signal}) at ${new Date().toISOString()}`);
      void start(instance).catch(() => {});
    });
    return child;
  };

  const start = async (instance: Instance): Promise<void> => {
    const child = launch(instance);
    await waitUntilHealthy(instance, child);
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
      const child = instance.child;
      instance.up = false;
      if (child?.pid === undefined || child.exitCode !== null) return;
      killing.add(instance);
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(-child.pid, "SIGKILL");
      await exited;
      killing.delete(instance);
    },
    restart: start,
    stopNow() {
      for (const instance of instances) {
        killing.add(instance);
        instance.up = false;
        const pid = instance.child?.pid;
        if (pid === undefined) continue;
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // Already gone.
        }
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

async function waitUntilHealthy(instance: Instance, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`instance ${instance.name} exited while starting; see ${instance.logPath}`);
    }
    try {
      const response = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(
    `instance ${instance.name} was not healthy within ${HEALTHY_WITHIN_MS / 1000} s; see ${instance.logPath}`,
  );
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
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
