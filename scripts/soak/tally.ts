// Counters the soak prints at the end, keyed "<group>:<what>" (e.g. "fault:callback drop"),
// and the errors nobody expected, split by whose they are.

/** "app": the app's own services failed (a database error inside them); "driver": the soak's own steps did. */
export type ErrorOwner = "app" | "driver";

export class Tally {
  private readonly counts = new Map<string, number>();
  private readonly samples: Record<ErrorOwner, Map<string, number>> = { app: new Map(), driver: new Map() };

  add(key: string, amount = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + amount);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** The counts of one group, largest first, as "what n, what n". */
  describe(group: string): string {
    const entries = [...this.counts.entries()]
      .filter(([key]) => key.startsWith(`${group}:`))
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${key.slice(group.length + 1)} ${count}`);
    return entries.length === 0 ? "none" : entries.join(", ");
  }

  /**
   * An error nobody expected, counted under "error:<owner>"; the first five kinds are kept. An
   * error carrying a PostgreSQL SQLSTATE came from the database under the app's services.
   */
  error(what: string, error: unknown): void {
    const sqlState = sqlStateOf(error);
    const owner: ErrorOwner = sqlState === undefined ? "driver" : "app";
    this.add(`error:${owner}`);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    const sample = `${what}: ${sqlState === undefined ? "" : `SQLSTATE ${sqlState} `}${cause ?? message.split("\n")[0]}`;
    const samples = this.samples[owner];
    if (samples.has(sample) || samples.size < 5) samples.set(sample, (samples.get(sample) ?? 0) + 1);
  }

  /** The kept errors of one owner, as "n × what: message". */
  errors(owner: ErrorOwner): string[] {
    return [...this.samples[owner].entries()].map(([sample, count]) => `${count} × ${sample}`);
  }
}

/** The SQLSTATE of a PostgreSQL error, looked for along the error's causes (drizzle wraps the driver's error). */
function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (current.name === "PostgresError" && typeof code === "string") return code;
  }
  return undefined;
}
