// PostgreSQL holds neither a NUL character in text or jsonb nor a lone UTF-16 surrogate in
// jsonb. A genuine, signed gateway result carrying one would be answered 503 on every retry
// and never stored, so each is replaced by U+FFFD, the replacement character, wherever it
// stands (keys and values alike). The signature was checked on what arrived, before this.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `value` with every string in it (deeply) made storable. */
export function storableText<Value>(value: Value): Value {
  return makeStorable(value) as Value;
}

function makeStorable(value: unknown): unknown {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\ufffd");
  if (Array.isArray(value)) return value.map(makeStorable);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [makeStorable(key), makeStorable(entry)]));
  }
  return value;
}
