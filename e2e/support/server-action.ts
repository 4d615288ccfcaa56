import { createRequire } from "node:module";
import type { APIRequestContext } from "@playwright/test";
import { z } from "zod";

// Calls a server action over HTTP exactly as Next's browser runtime does: a POST to the page
// the form is on, with the action's id in the `Next-Action` header and the arguments encoded
// by React's own encodeReply (the copy Next 16 bundles). A form action's arguments are
// (previous state, FormData), which React sends as multipart: "0" is `[{},"$K1"]` and each
// form field goes as "_1_<name>". The answer is React's Flight stream; its root row holds the
// action's result under "a", here decoded with a reader for the plain data actions return.
// callServerAction posts through Playwright's request context (the specs); postServerAction
// through fetch (a benchmark, which encodes the arguments before it starts its clock).

const requireFromHere = createRequire(import.meta.url);
const { encodeReply } = requireFromHere("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

/** What every action of this app answers (lib/server-action.ts's ActionState), and whatever one adds. */
const actionStateSchema = z.looseObject({ error: z.string().optional(), message: z.string().optional() });
export type ActionAnswer = z.infer<typeof actionStateSchema>;

export async function callServerAction(
  request: APIRequestContext,
  call: { id: string; url: string; fields: Record<string, string>; headers?: Record<string, string> },
): Promise<ActionAnswer> {
  const response = await request.post(call.url, {
    headers: actionHeaders(call),
    multipart: await encodeActionArguments(call.fields),
    maxRedirects: 0,
  });
  const contentType = response.headers()["content-type"] ?? "";
  if (response.status() !== 200 || !contentType.startsWith("text/x-component")) {
    throw new Error(`the action ${call.id} at ${call.url} answered ${response.status()} ${contentType}`);
  }
  return readActionAnswer(await response.body());
}

/**
 * The same POST over fetch, with arguments encodeActionArguments already encoded; redirects
 * are not followed. Its status and whole body (readActionAnswer decodes a 200's).
 */
export async function postServerAction(call: {
  id: string;
  url: string;
  body: FormData;
  headers?: Record<string, string>;
}): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(call.url, {
    method: "POST",
    headers: actionHeaders(call),
    body: call.body,
    redirect: "manual",
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

/** What Next's browser runtime sends with an action's POST: its id, the Flight answer wanted, the page's origin. */
function actionHeaders(call: { id: string; url: string; headers?: Record<string, string> }): Record<string, string> {
  return { "next-action": call.id, accept: "text/x-component", origin: new URL(call.url).origin, ...call.headers };
}

/** A form action's arguments (previous state `{}`, the form's fields) as the browser's multipart body. */
export async function encodeActionArguments(fields: Record<string, string>): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const body = await encodeReply([{}, form]);
  if (!(body instanceof FormData)) throw new Error("React encoded a form action's arguments without multipart");
  return body;
}

/** The action's answer from its Flight stream (the response body). */
export function readActionAnswer(body: Buffer): ActionAnswer {
  return actionStateSchema.parse(actionResult(body));
}

// Rows whose tag is followed by a hex byte length and a comma (text and typed arrays); any
// other row ends at a newline.
const SIZED_ROW = /^([TAOoUSsLlGgMmV])([0-9a-f]+),/;

/** The Flight stream's rows by id (hex), each as its tag and text. */
function flightRows(body: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(":", at);
    if (colon < 0) break;
    const id = body.toString("latin1", at, colon);
    const head = SIZED_ROW.exec(body.toString("latin1", colon + 1, colon + 20));
    if (head !== null) {
      const start = colon + 1 + head[0].length;
      const end = start + parseInt(head[2]!, 16);
      rows.set(id, `${head[1]}${body.toString("utf8", start, end)}`);
      at = end;
      continue;
    }
    const newline = body.indexOf("\n", colon);
    const end = newline < 0 ? body.length : newline;
    rows.set(id, body.toString("utf8", colon + 1, end));
    at = end + 1;
  }
  return rows;
}

/** The action's result: the root row's "a", its references followed. */
function actionResult(body: Buffer): unknown {
  const rows = flightRows(body);
  const root = readRow(rows, "0");
  if (typeof root !== "object" || root === null || !("a" in root))
    throw new Error("the Flight answer has no action result");
  return revive(root.a, rows);
}

function readRow(rows: Map<string, string>, id: string): unknown {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`the Flight answer has no row ${id}`);
  if (row.startsWith("T")) return row.slice(1);
  if (row.startsWith("E")) throw new Error(`the action failed on the server: ${row.slice(1)}`);
  return JSON.parse(row) as unknown;
}

/** Flight's encoding of plain values: "$$" escapes a "$", "$<id>" and "$@<id>" refer to rows. */
function revive(value: unknown, rows: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, rows));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item, rows)]));
  if (typeof value !== "string" || !value.startsWith("$")) return value;
  if (value.startsWith("$$")) return value.slice(1);
  if (value === "$undefined") return undefined;
  if (value.startsWith("$D")) return value.slice(2);
  const reference = /^\$@?([0-9a-f]+)$/.exec(value);
  if (reference !== null) return revive(readRow(rows, reference[1]!), rows);
  throw new Error(`a Flight value this reader does not know: ${value.slice(0, 20)}`);
}
