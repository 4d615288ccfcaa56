// npm run soak [-- --payments 100]: drives payments and refunds through two `next start`
// instances of the production build on one PostgreSQL database, under the sandbox's
// fault switches and SIGKILLs, then checks the invariants (see conduct-soak.ts).
import { parseSoakOptions } from "./parse-options";

const options = parseSoakOptions(process.argv.slice(2));
// The app's services log through pino; the soak prints its own report instead.
process.env.LOG_LEVEL = "silent";
// Loaded after LOG_LEVEL is set: the app's logger reads it once.
const { conductSoak } = await import("./conduct-soak");
process.exit(await conductSoak(options));
