// npm run db:migrate — applies the committed migrations to the configured database.
import { getEnv } from "@/lib/env";
import { openDatabase } from "./client";

const env = getEnv();
const handle = openDatabase({ url: env.databaseUrl, pgliteDir: env.pgliteDir, poolMax: 1 });
await handle.migrate();
await handle.close();
console.info(`Migrations applied (${handle.driver}).`);
