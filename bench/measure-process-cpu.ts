import { readdirSync, readFileSync } from "node:fs";
import type postgres from "postgres";

// CPU time of other processes, read from /proc (Linux): the benches' servers and the
// PostgreSQL backends serving their databases. Readings are per process: one that starts
// between two readings counts from zero; one that has ended by the second reading is left
// out (its last CPU time can no longer be read), as is one that lives only between them.

// /proc counts CPU in clock ticks: CLK_TCK is 100 on Linux.
const TICK_MS = 10;

function readStat(pid: number): { ppid: number; cpuMs: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** A process and its descendants. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) parents.set(pid, stat.ppid);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1)
    for (const [pid, ppid] of parents) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
}

/** CPU milliseconds so far (user + system) of each process. */
function cpuMsOf(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, readStat(pid)?.cpuMs ?? 0]));
}

/**
 * Starts counting the CPU of the processes `pids` lists (asked again at the end, so that
 * processes started meanwhile count too); the function returned stops and gives the
 * milliseconds spent.
 */
export async function startCpuMeter(pids: () => number[] | Promise<number[]>): Promise<() => Promise<number>> {
  const first = await pids();
  const before = cpuMsOf(first);
  return async () => {
    let total = 0;
    for (const pid of new Set([...first, ...(await pids())])) {
      const ms = readStat(pid)?.cpuMs;
      if (ms !== undefined) total += ms - (before.get(pid) ?? 0);
    }
    return total;
  };
}

/**
 * The PostgreSQL backends serving a database's clients (`admin`'s own session excepted);
 * parallel query workers are not among them (the benches' statements do not use them).
 */
export async function databaseBackends(admin: postgres.Sql, database: string): Promise<number[]> {
  const rows = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = ${database} and backend_type = 'client backend' and pid <> pg_backend_pid()`;
  return rows.map((row) => row.pid);
}

/** CPU milliseconds (user + system) this process has spent since `start` (a `process.cpuUsage()` reading). */
export function ownCpuMsSince(start: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}
