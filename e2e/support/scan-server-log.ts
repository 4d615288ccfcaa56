import { existsSync, readFileSync } from "node:fs";
import { describeLeaks, e2eSecrets, findLeaks } from "./secrets";
import { e2ePort, e2eServerLog } from "./server-env";

/**
 * Playwright's global teardown: after the last test, while the server still runs, its log of
 * the whole run (stdout and stderr, which playwright.config.ts's webServer copies to a file)
 * must hold none of the server's secrets nor any password typed during the run. A leak throws,
 * which fails `playwright test` (and so `npm run test:e2e`) naming the secret and the line.
 */
export default function scanServerLog(): void {
  const port = e2ePort();
  const file = e2eServerLog(port);
  if (!existsSync(file)) throw new Error(`the e2e server's log ${file} is missing: playwright.config.ts writes it`);
  const lines = readFileSync(file, "utf8").split("\n");
  // A log that never saw the server start would make the scan pass for nothing.
  if (!lines.some((line) => line.includes("Shop ready at"))) throw new Error(`${file} does not show the server start`);
  const secrets = e2eSecrets(port);
  const leaks = lines.flatMap((line, index) => findLeaks(line, secrets, `${file}:${index + 1}`));
  if (leaks.length > 0) throw new Error(`the e2e server logged secrets:\n${describeLeaks(leaks)}`);
  console.log(`[secret scan] ${file}: ${lines.length} lines, none of ${secrets.length} secrets in any form`);
}
