/**
 * Seconds to wait after `done` checks before the next one: the schedule's step for it, the
 * last step repeating ("60,120,300" → 60, 120, 300, 300, …).
 */
export function delayAfterChecks(schedule: readonly number[], done: number): number {
  if (schedule.length === 0) throw new Error("A schedule needs at least one step");
  return schedule[Math.min(Math.max(done, 0), schedule.length - 1)]!;
}

/** `ms` jittered by up to ±`spread` (0.5 → between 50 % and 150 %), so instances do not wake together. */
export function jittered(ms: number, spread = 0.5, random: () => number = Math.random): number {
  return Math.round(ms * (1 - spread + 2 * spread * random()));
}
