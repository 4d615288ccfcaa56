import { defineConfig } from "drizzle-kit";

// Only used to generate SQL migrations from the schema (npm run db:generate);
// the app applies them itself at start-up (db/client.ts, `migrate`), or `npm run db:migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/sandbox-schema.ts"],
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
