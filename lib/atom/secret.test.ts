import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AtomConfigurationError } from "./errors";
import { Secret } from "./secret";

describe("Secret", () => {
  const secret = new Secret("Test@123-very-secret");

  it("gives the value only to reveal()", () => {
    expect(secret.reveal()).toBe("Test@123-very-secret");
  });

  it("prints [redacted] everywhere a value could leak", () => {
    const printed = [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ nested: { secret } }, { showHidden: true, depth: 10 }),
      new AtomConfigurationError(`bad ${secret}`).message,
      Object.keys(secret).join(","),
      JSON.stringify(Object.entries(secret)),
      JSON.stringify(structuredClone(secret)), // a clone carries no #private field
    ].join(" ");
    expect(printed).not.toContain("very-secret");
    expect(inspect(secret)).toBe("[redacted]");
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
  });

  it("has no enumerable field holding the value", () => {
    expect(Object.getOwnPropertyNames(secret)).toEqual([]);
    expect({ ...secret }).toEqual({});
  });
});
