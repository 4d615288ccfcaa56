import { sql, type SQL } from "drizzle-orm";

// Moments on the database's clock, so every instance agrees on them.

/** `now() + <seconds>`. */
export const secondsFromNow = (seconds: number): SQL => sql`now() + make_interval(secs => ${seconds})`;

/** `now() - <seconds>`. */
export const secondsAgo = (seconds: number): SQL => sql`now() - make_interval(secs => ${seconds})`;
