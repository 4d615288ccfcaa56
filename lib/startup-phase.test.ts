import { afterEach, describe, expect, it } from "vitest";
import { captureLogOutput } from "./log";
import { beginStartup, enterStartupPhase, startupStatus } from "./startup-phase";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe("the server's start-up phase", () => {
  it("is unknown, and changes nothing, where no server is starting (scripts, tests)", () => {
    const lines: string[] = [];
    restore = captureLogOutput((line) => lines.push(line));
    enterStartupPhase("migrating");
    expect(startupStatus()).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it("logs each step as it begins, with how long the one before took, and says what it is doing", () => {
    const lines: string[] = [];
    restore = captureLogOutput((line) => lines.push(line));
    beginStartup();
    expect(startupStatus()).toMatchObject({ phase: "starting", doing: "starting" });
    enterStartupPhase("database", { driver: "pglite" });
    enterStartupPhase("migrating");
    expect(startupStatus()).toMatchObject({ phase: "migrating", doing: "applying the database migrations" });
    enterStartupPhase("ready");
    expect(startupStatus()?.phase).toBe("ready");
    // "ready" is the server's own line, once it answers.
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        msg: "Start-up: opening the database",
        phase: "database",
        previousPhase: "starting",
        previousPhaseMs: expect.any(Number),
        driver: "pglite",
      }),
      expect.objectContaining({ msg: "Start-up: applying the database migrations", previousPhase: "database" }),
    ]);
  });
});
