import { sql } from "drizzle-orm";

/** `'a', 'b', 'c'` for a CHECK constraint over a status list defined in code (values are constants, never input). */
export const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
