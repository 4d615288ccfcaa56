import { describe, expect, it } from "vitest";
import { storableText } from "./storable-text";

describe("storableText", () => {
  it("replaces NUL and lone surrogates in strings, keys and nested values", () => {
    const value = {
      message: "OK\u0000",
      list: ["a\ud800b", { "k\u0000": "\udc00" }],
      amount: 500,
      missing: null,
      flag: true,
    };
    expect(storableText(value)).toEqual({
      message: "OK\ufffd",
      list: ["a\ufffdb", { "k\ufffd": "\ufffd" }],
      amount: 500,
      missing: null,
      flag: true,
    });
  });

  it("leaves well-formed text, surrogate pairs included, exactly as it was", () => {
    const value = { name: "Lotus Bazaar ₹ 🪷", lines: ["तुलसी", "\t\n"] };
    expect(storableText(value)).toEqual(value);
  });
});
