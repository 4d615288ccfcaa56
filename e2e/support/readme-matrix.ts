import { readFileSync } from "node:fs";

// README's authorization matrix ("### Who may see what: the authorization matrix"), read as
// the tables a person reads: one for pages, one for route handlers, one for server actions.

export const IDENTITIES = ["anonymous", "shopper", "another shopper", "admin"] as const;
export type Identity = (typeof IDENTITIES)[number];

export type MatrixKind = "page" | "route" | "action";

export interface MatrixRow {
  kind: MatrixKind;
  /** A page's path pattern (`/orders/[id]`), a route's `METHOD /path`, or a server action's exported name. */
  what: string;
  /** A server action's file (`components/cart/actions.ts`). */
  file?: string;
  /** Whose thing, or how the request is made ("the shopper's order, its key"); "" when nothing more is needed. */
  case: string;
  /** The outcome per identity; "—" where no thing has an owner to be another shopper than. */
  expected: Record<Identity, string>;
  /** README's line, for messages. */
  line: number;
}

const SECTION = "### Who may see what: the authorization matrix";
export const NOT_APPLICABLE = "—";

/** The first header cell says which table it is. */
const KIND_OF_HEADER: Record<string, MatrixKind> = { page: "page", route: "route", "server action": "action" };

/**
 * What a cell may say. Pages and routes: an HTTP status, `sign-in` (sent to the sign-in page)
 * or `→ /path` (sent elsewhere). Server actions: `ok` or `refused`.
 */
const OUTCOME: Record<MatrixKind, RegExp> = {
  page: /^(\d{3}|sign-in|→ \/\S*)$/,
  route: /^(\d{3}|sign-in|→ \/\S*)$/,
  action: /^(ok|refused)$/,
};

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim().replace(/`/g, ""));

/** Every row of the matrix; throws, naming the line, on a table or cell it cannot read. */
export function readMatrix(readmePath: string): MatrixRow[] {
  const lines = readFileSync(readmePath, "utf8").split("\n");
  const start = lines.indexOf(SECTION);
  if (start < 0) throw new Error(`README has no "${SECTION}"`);
  const rows: MatrixRow[] = [];
  let header: string[] | undefined;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^#{2,3} /.test(line)) break;
    if (!line.startsWith("|")) {
      header = undefined;
      continue;
    }
    const cells = cellsOf(line);
    if (header === undefined) {
      header = cells;
      continue;
    }
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(readRow(header, cells, index + 1));
  }
  if (rows.length === 0) throw new Error(`README's "${SECTION}" has no table rows`);
  return rows;
}

function readRow(header: string[], cells: string[], line: number): MatrixRow {
  const kind = KIND_OF_HEADER[header[0] ?? ""];
  if (kind === undefined)
    throw new Error(`README:${line}: a matrix table starts with "page", "route" or "server action"`);
  if (cells.length !== header.length)
    throw new Error(`README:${line}: ${cells.length} cells under ${header.length} headers`);
  const column = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`README:${line}: the ${kind} table has no "${name}" column`);
    return cells[at]!;
  };
  const expected = {} as Record<Identity, string>;
  for (const identity of IDENTITIES) {
    const outcome = column(identity);
    const allowed = OUTCOME[kind].test(outcome) || (identity === "another shopper" && outcome === NOT_APPLICABLE);
    if (!allowed) throw new Error(`README:${line}: "${outcome}" is not an outcome a ${kind} cell may have`);
    expected[identity] = outcome;
  }
  return {
    kind,
    what: cells[0]!,
    ...(kind === "action" ? { file: column("file") } : {}),
    case: column("case"),
    expected,
    line,
  };
}

/** How a row is named in messages. */
export function rowName(row: MatrixRow): string {
  const name = row.kind === "action" ? `${row.file}#${row.what}` : row.what;
  return `${row.kind} ${name}${row.case ? ` (${row.case})` : ""} [README:${row.line}]`;
}
