import { expect, test } from "@playwright/test";

// What a load balancer and an orchestrator see of a started shop (README, "Start-up and health").

test("a started shop is ready on /api/health and live on /api/health/live", async ({ request }) => {
  const ready = await request.get("/api/health");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect(await ready.json()).toEqual({ status: "ok", database: "ok" });

  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(live.headers()["cache-control"]).toBe("no-store");
  expect(await live.json()).toEqual({ status: "started" });
});

test("a burst of readiness probes is answered, every one ready", async ({ request }) => {
  const answers = await Promise.all(Array.from({ length: 30 }, () => request.get("/api/health")));
  expect(answers.map((answer) => answer.status())).toEqual(Array(30).fill(200));
});
