import { readFile } from "node:fs/promises";
import path from "node:path";

// A real .js file (linted, readable) served as is. Resolved from the project root, where
// next and vitest run, like db/migrations.
const SCRIPT_FILE = path.join(process.cwd(), "lib", "atom-sandbox", "browser", "atomcheckout.js");

let script: Promise<string> | undefined;

/** GET /atom-sandbox/staticdata/ots/js/atomcheckout.js */
export async function serveCheckoutScript(): Promise<Response> {
  script ??= readFile(SCRIPT_FILE, "utf8");
  try {
    return new Response(await script, {
      headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" },
    });
  } catch (error) {
    script = undefined; // let the next request try again
    throw error;
  }
}
