import { errorFields, log } from "@/lib/log";
/**
 * Work the sandbox does after answering: callback deliveries, retries, pending
 * settlements, held-back answers. Tracked so a test (or shutdown) can wait for it or
 * stop it; timers are unref'd so they never keep a process alive on their own.
 * Everything here is also recorded in the database, so another instance (or this one
 * after a restart) picks up what a lost timer would have done.
 */
export class Background {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #tasks = new Set<Promise<void>>();
  readonly #sleepers = new Set<() => void>();
  #closed = false;

  /** Starts a task now; a failure is logged (message only) and never thrown at anyone. */
  run(name: string, task: () => Promise<void>): void {
    if (this.#closed) return;
    const running = task()
      .catch((error: unknown) => {
        if (this.#closed) return;
        log.error({ task: name, ...errorFields(error) }, "atom sandbox background task failed");
      })
      .finally(() => this.#tasks.delete(running));
    this.#tasks.add(running);
  }

  /** Runs a task after a delay. */
  after(delayMs: number, name: string, task: () => Promise<void>): void {
    if (this.#closed) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        this.run(name, task);
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.#timers.add(timer);
  }

  /** Waits, but ends early when the sandbox closes. */
  sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#sleepers.add(done);
    });
  }

  /** Resolves when no task is running (timers still waiting do not count). */
  async idle(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const wake of [...this.#sleepers]) wake();
    await this.idle();
  }
}
