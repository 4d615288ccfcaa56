/** The places a test can make the process die, each just after a step whose result is not yet stored. */
export type CrashPoint = "refund:after-gateway" | "notification:before-send";

/**
 * Test-only: when `SHOP_CRASH_POINT` names this point, the process dies here at once
 * (SIGKILL: no cleanup, no pending writes), as a server killed mid-request would. Tests
 * use it to prove the jobs recover what a crash leaves behind. Unset, it does nothing.
 */
export function crashPoint(name: CrashPoint): void {
  if (process.env.SHOP_CRASH_POINT === name) process.kill(process.pid, "SIGKILL");
}
