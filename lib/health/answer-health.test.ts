import { describe, expect, it, vi } from "vitest";
import { answerLiveness, answerReadiness } from "./answer-health";

const migrating = { phase: "migrating", doing: "applying the database migrations", elapsedMs: 10 } as const;
const ready = { phase: "ready", doing: "ready", elapsedMs: 10 } as const;

describe("answerLiveness", () => {
  it("answers 200 started or starting, and never asks the database", async () => {
    const started = answerLiveness(ready);
    expect(started.status).toBe(200);
    expect(await started.json()).toEqual({ status: "started" });
    const starting = answerLiveness(migrating);
    expect(starting.status).toBe(200);
    expect(await starting.json()).toEqual({ status: "starting", phase: "migrating", doing: migrating.doing });
    expect(answerLiveness(undefined).status).toBe(200);
  });
});

describe("answerReadiness", () => {
  it("answers 503 with the step while starting, without pinging the database", async () => {
    const check = vi.fn(async () => "ok" as const);
    const answer = await answerReadiness(migrating, check);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toBe("1");
    expect(await answer.json()).toEqual({
      status: "starting",
      phase: "migrating",
      doing: migrating.doing,
      database: "starting",
    });
    expect(check).not.toHaveBeenCalled();
  });

  it("answers 200 when the database answers and 503 degraded when it does not", async () => {
    const ok = await answerReadiness(ready, async () => "ok");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toBe("no-store");
    expect(await ok.json()).toEqual({ status: "ok", database: "ok" });
    const down = await answerReadiness(undefined, async () => "unavailable");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "degraded", database: "unavailable" });
  });
});
