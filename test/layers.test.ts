import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The folder layers of eslint.config.mjs, held to what README's Architecture section says:
// each probe is a file that does not exist, linted as if it stood at that path.
// import/no-cycle reads the linted file from disk, which a probe is not.
const eslint = new ESLint({
  cwd: new URL("..", import.meta.url).pathname,
  overrideConfig: { rules: { "import/no-cycle": "off" } },
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "import/no-restricted-paths")
    .map((message) => message.message);
}

describe("the folder layers", { timeout: 60_000 }, () => {
  it.each([
    ["lib/refunds/probe.ts", 'export * from "@/lib/admin/orders";', "a lower folder importing a higher one"],
    ["lib/refunds/probe.ts", 'export * from "@/lib/../lib/admin/orders";', "the same through a detour"],
    ["lib/lifecycle/probe.ts", 'export const x = () => import("@/lib/refunds/errors");', "a dynamic import"],
    ["lib/payments/probe.ts", 'export * from "@/lib/atom-sandbox/service";', "shop code importing the sandbox"],
    ["lib/payments/probe.ts", 'export * from "@/lib/atom/gateway-side";', "shop code importing the gateway's side"],
    ["lib/atom/probe.ts", 'export * from "../refunds/errors";', "lib/atom importing the app, relatively"],
    [
      "lib/atom/gateway-side/probe.ts",
      'export * from "../../payments/gateway";',
      "the gateway's side importing the app",
    ],
    ["lib/atom/probe.ts", 'export * from "@/lib/log";', "lib/atom importing a shared leaf"],
    ["lib/probe.ts", 'export * from "./refunds/errors";', "a shared leaf importing a domain folder"],
    ["lib/probe.ts", 'export * from "@/db";', "a shared leaf importing db"],
    ["db/probe.ts", 'export * from "../lib/refunds/errors";', "db importing a domain folder"],
    ["components/probe.ts", 'export * from "../app/layout";', "components importing a route"],
  ])("refuses %s: %s (%s)", async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    ["lib/payments/probe.ts", 'export * from "@/lib/orders/cancel-order";'],
    ["lib/refunds/probe.ts", 'export * from "@/lib/lifecycle/transitions";'],
    ["lib/atom/gateway-side/probe.ts", 'export * from "../amount";'],
    ["lib/atom-sandbox/probe.ts", 'export * from "@/lib/atom/gateway-side";'],
    ["lib/probe.ts", 'export * from "@/lib/atom";'],
    ["app/probe.ts", 'export * from "@/lib/atom-sandbox/service";'],
  ])("allows %s: %s", async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
