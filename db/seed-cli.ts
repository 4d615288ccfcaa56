// npm run db:seed — migrates, then inserts the demo catalog and the admin where missing (see seedDatabase).
import { getEnv } from "@/lib/env";
import { openDatabase } from "./client";
import { adminPasswordFile, seedDatabase } from "./seed";

const env = getEnv();
const handle = openDatabase({ url: env.databaseUrl, pgliteDir: env.pgliteDir, poolMax: 1 });
await handle.migrate();
await seedDatabase(handle.db, {
  admin:
    env.adminEmail && env.adminPassword ? { email: env.adminEmail, password: env.adminPassword.reveal() } : undefined,
  generatedAdmin: env.atom.mode === "sandbox" && { passwordFile: adminPasswordFile(env.dataDir) },
  log: (message, level) => console[level](message),
});
await handle.close();
console.info(`Seed complete (${handle.driver}).`);
