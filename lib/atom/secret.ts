const REDACTED = "[redacted]";

/**
 * A string that must never be printed: logging, JSON.stringify, util.inspect,
 * template literals and error messages all see "[redacted]". The value lives in
 * a #private field, so no enumerable property (or structuredClone) carries it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The only way to the value: call it where the protocol needs the bytes. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  // The well-known symbol util.inspect looks for; Symbol.for avoids importing node:util.
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}
