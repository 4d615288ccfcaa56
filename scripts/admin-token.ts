// npm run admin:token -- create --email <admin's email> --name "<what it is for>"
//                      | list
//                      | revoke --id <token id>
// API tokens for the admin API (README's "Refunds API"). The token is printed once, by create;
// the database keeps only its digest. With the embedded database (PGlite) stop the shop
// first: its folder belongs to the one process that opened it.
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/db/client";
import { ApiTokenError, createApiToken, listApiTokens, revokeApiToken } from "@/lib/api/api-tokens";
import { getEnv } from "@/lib/env";

const USAGE = `Usage:
  npm run admin:token -- create --email <admin's email> --name "<what it is for>"
  npm run admin:token -- list
  npm run admin:token -- revoke --id <token id>`;

const command = z.discriminatedUnion("command", [
  z.object({ command: z.literal("create"), email: z.email(), name: z.string().trim().min(2).max(100) }),
  z.object({ command: z.literal("list") }),
  z.object({ command: z.literal("revoke"), id: z.uuid() }),
]);

const { values, positionals } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, id: { type: "string" } },
  allowPositionals: true,
});
const parsed = command.safeParse({ command: positionals[0], ...values });
if (!parsed.success || positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}

const env = getEnv();
const handle = openDatabase({ url: env.databaseUrl, pgliteDir: env.pgliteDir, poolMax: 1 });
let exitCode = 0;
try {
  await handle.migrate();
  const request = parsed.data;
  switch (request.command) {
    case "create": {
      const { id, token } = await createApiToken(handle.db, request);
      console.info(`API token ${id} for ${request.email} ("${request.name}"). It is shown this once; keep it secret:`);
      console.info(token);
      break;
    }
    case "list":
      for (const token of await listApiTokens(handle.db))
        console.info(
          [
            token.id,
            token.email,
            JSON.stringify(token.name),
            `created ${token.createdAt.toISOString()}`,
            `last used ${token.lastUsedAt?.toISOString() ?? "never"}`,
            token.revokedAt ? `REVOKED ${token.revokedAt.toISOString()}` : "active",
          ].join("  "),
        );
      break;
    case "revoke":
      await revokeApiToken(handle.db, request.id);
      console.info(`API token ${request.id} is revoked.`);
      break;
  }
} catch (error) {
  if (!(error instanceof ApiTokenError)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exit(exitCode);
