import type { Random } from "./seeded-random";
import { sleep } from "../start-next-server";
import type { Fleet } from "./start-instances";

// SIGKILL one instance at a time, at evenly spaced points of the drive, then start it
// again: work in flight on it (a callback half-applied, a refund sent but not recorded,
// a job halfway through) is cut off as a real crash would cut it.

export interface KillRecord {
  instance: string;
  /** From the kill until the restarted instance answered /api/health. */
  downMs: number;
}

/** Runs the kills as `progress()` (0..1, the share of payments started) passes each point. */
export async function killOnSchedule(
  fleet: Fleet,
  kills: number,
  progress: () => number,
  random: Random,
  report: (line: string) => void,
): Promise<KillRecord[]> {
  const records: KillRecord[] = [];
  for (let round = 1; round <= kills; round += 1) {
    while (progress() < round / (kills + 1)) await sleep(100);
    const instance = fleet.instances[(round - 1) % fleet.instances.length]!;
    const killedAt = Date.now();
    await fleet.kill(instance);
    await sleep(random.int(500, 3_000));
    await fleet.restart(instance);
    const downMs = Date.now() - killedAt;
    records.push({ instance: instance.name, downMs });
    report(`kill ${round}/${kills}: instance ${instance.name} SIGKILLed, back after ${(downMs / 1000).toFixed(1)} s`);
  }
  return records;
}
