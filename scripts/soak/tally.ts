// Counters the soak prints at the end, keyed "<group>:<what>" (e.g. "fault:callback drop").

export class Tally {
  private readonly counts = new Map<string, number>();
  private readonly errorSamples: string[] = [];

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

  /** An error the driver did not expect: counted, and the first few kept for the report. */
  error(what: string, error: unknown): void {
    this.add("error:driver");
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (this.errorSamples.length < 5) this.errorSamples.push(`${what}: ${message.split("\n")[0]}`);
  }

  get errors(): readonly string[] {
    return this.errorSamples;
  }
}
