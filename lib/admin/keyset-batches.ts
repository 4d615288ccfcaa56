import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";

/** Where a keyset read stands: the last row's sort key (as text, so a timestamp keeps its microseconds) and id. */
export interface KeysetCursor {
  key: string;
  id: string;
}

/** A list's sort as keyset reads need it: the column, the SQL type its text key is cast back to, the row id. */
export interface KeysetSort {
  column: AnyColumn;
  type: "timestamptz" | "integer" | "text";
  id: AnyColumn;
  dir: "asc" | "desc";
}

/**
 * The rows beyond the cursor in the sort's order: the one keyset rule of the admin lists
 * and their CSV exports. `(key, id) > (cursor)` is one range of a (column, id) index; the
 * repeated `key >= cursor key` lets an index on the column alone (or after an equality,
 * like (status, created_at)) narrow the range too.
 */
export function beyondCursor(sort: KeysetSort, cursor: KeysetCursor): SQL {
  const key = sql`cast(${cursor.key} as ${sql.raw(sort.type)})`;
  const id = sql`cast(${cursor.id} as uuid)`;
  const [beyond, beyondOrAt] = sort.dir === "asc" ? [sql.raw(">"), sql.raw(">=")] : [sql.raw("<"), sql.raw("<=")];
  return sql`(${sort.column}, ${sort.id}) ${beyond} (${key}, ${id}) and ${sort.column} ${beyondOrAt} ${key}`;
}

/** ORDER BY for a keyset: its column, then the id, both its way round. */
export function keysetOrder(sort: KeysetSort): SQL[] {
  const by = sort.dir === "asc" ? asc : desc;
  return [by(sort.column), by(sort.id)];
}

/** A row's keyset cursor, from its id and its sort key read as text (`cast(column as text)`). */
function cursorOf(row: { id: string; sortKey: string }): KeysetCursor {
  return { key: row.sortKey, id: row.id };
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

/**
 * One page of a list by keyset: the `size` rows after `after` (or from the start), or the
 * `size` rows before `before` (read the other way round, then turned back). One extra row
 * is read to know whether a page lies beyond; the page beside the cursor always exists.
 */
export async function readKeysetPage<Row extends { id: string; sortKey: string }>(options: {
  size: number;
  after?: KeysetCursor;
  before?: KeysetCursor;
  /** The rows beyond `cursor` (all, without one), in the list's order or, `reversed`, the other way. */
  read: (cursor: KeysetCursor | undefined, reversed: boolean, limit: number) => Promise<Row[]>;
}): Promise<{ rows: Row[]; previous?: KeysetCursor; next?: KeysetCursor }> {
  const { size, after, before } = options;
  if (before !== undefined && after === undefined) {
    const read = await options.read(before, true, size + 1);
    const rows = read.slice(0, size).reverse();
    const first = rows[0];
    const last = rows.at(-1);
    return {
      rows,
      previous: read.length > size && first !== undefined ? cursorOf(first) : undefined,
      next: last === undefined ? before : cursorOf(last),
    };
  }
  const read = await options.read(after, false, size + 1);
  const rows = read.slice(0, size);
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    previous: after === undefined ? undefined : first === undefined ? undefined : cursorOf(first),
    next: read.length > size && last !== undefined ? cursorOf(last) : undefined,
  };
}
