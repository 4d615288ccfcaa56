import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { ownCpuMsSince, processTree, startCpuMeter } from "./measure-process-cpu";

/** Keeps this process busy until it has spent `ms` of CPU (however loaded the machine). */
function spin(ms: number): void {
  const start = process.cpuUsage();
  while (ownCpuMsSince(start) < ms) {
    // Busy on purpose.
  }
}

describe("measuring CPU from /proc", () => {
  it("counts the CPU a process spends between two readings, as the process itself counts it", async () => {
    const meter = await startCpuMeter(() => [process.pid]);
    const before = process.cpuUsage();
    spin(300);
    const measured = await meter();
    const own = ownCpuMsSince(before);
    // /proc counts in 10 ms ticks, and both readings include a little work around the spin.
    expect(measured).toBeGreaterThan(own - 40);
    expect(measured).toBeLessThan(own + 60);
  });

  it("finds a process's children and leaves out one that has ended before the second reading", async () => {
    const child = spawn(process.execPath, ["-e", "const t = Date.now(); while (Date.now() - t < 300) {}"]);
    try {
      expect(processTree(process.pid)).toContain(child.pid);
      // Long enough for the child to have spent CPU by the first reading (node's own start).
      await new Promise((resolve) => setTimeout(resolve, 150));
      const meter = await startCpuMeter(() => processTree(process.pid).filter((pid) => pid === child.pid));
      await once(child, "exit");
      // The child spent CPU between the readings but can no longer be read: nothing, not a negative figure.
      expect(await meter()).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
