import type { Database, Queryable, Transaction } from "./client";

// Effects outside the database (a metric's counter) that must happen only if the
// transaction that caused them commits: a rollback, or a retry after one, must not count
// twice. Each transaction opened through openDatabase's `db.transaction` collects its
// effects and runs them after its commit; a nested transaction's join its outer one's.

const pending = new WeakMap<Queryable, Array<() => void>>();

/** Runs `effect` once `db`'s transaction commits (at once when `db` is not in one); never if it rolls back. */
export function afterCommit(db: Queryable, effect: () => void): void {
  const effects = pending.get(db);
  if (effects) effects.push(effect);
  else runSafely(effect);
}

/** Makes `db.transaction` (and its transactions' nested ones) run their afterCommit effects. */
export function collectAfterCommit(db: Database): void {
  const open = db.transaction.bind(db);
  db.transaction = (async (work, config) => {
    const effects: Array<() => void> = [];
    const result = await open(async (tx) => {
      joinEffects(tx, effects);
      return work(tx);
    }, config);
    for (const effect of effects) runSafely(effect);
    return result;
  }) as Database["transaction"];
}

function joinEffects(tx: Transaction, effects: Array<() => void>): void {
  pending.set(tx, effects);
  const nested = tx.transaction.bind(tx);
  tx.transaction = (<T>(work: (inner: Transaction) => Promise<T>) =>
    nested(async (inner) => {
      joinEffects(inner, effects);
      return work(inner);
    })) as Transaction["transaction"];
}

// An effect is a side note about work already committed: its failure must not fail that work.
function runSafely(effect: () => void): void {
  try {
    effect();
  } catch {
    // Nothing to undo: the transaction is committed.
  }
}
