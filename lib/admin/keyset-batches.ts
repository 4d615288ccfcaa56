/** Where a keyset read stands: the last row's sort key (as text, so a timestamp keeps its microseconds) and id. */
export interface KeysetCursor {
  key: string;
  id: string;
}

/** Rows an export reads per statement: small enough to stream, large enough to be few. */
export const EXPORT_BATCH_SIZE = 1000;

/**
 * A list read in batches by keyset: each batch starts after the previous batch's last row
 * (`read(cursor)` filters by it), so a hundred thousand rows are never held at once and no
 * offset is rescanned. Each batch is yielded as its rows turned by `toRow`.
 */
export function keysetBatches<Row extends { id: string }, Out>(options: {
  batchSize: number;
  read: (cursor: KeysetCursor | undefined) => Promise<Row[]>;
  keyOf: (row: Row) => string;
  toRow: (row: Row) => Out;
}): AsyncIterable<Out[]> {
  return {
    async *[Symbol.asyncIterator]() {
      let cursor: KeysetCursor | undefined;
      for (;;) {
        const rows = await options.read(cursor);
        if (rows.length > 0) yield rows.map(options.toRow);
        const last = rows.at(-1);
        if (last === undefined || rows.length < options.batchSize) return;
        cursor = { key: options.keyOf(last), id: last.id };
      }
    },
  };
}
