import { describe, expect, it } from "vitest";
import { errorFields } from "./log";

describe("errorFields", () => {
  it("keeps the driver's message and code, never a failed query's parameters", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      code: "23505",
    });
    const error = new Error(
      'Failed query: insert into "users" ("email", "password_hash") values ($1, $2)\nparams: asha@example.in,$2b$11$secrethash',
      { cause },
    );
    error.name = "DrizzleQueryError";
    const fields = errorFields(error);
    expect(fields).toEqual({
      errorName: "DrizzleQueryError",
      errorCode: "23505",
      errorMessage: 'duplicate key value violates unique constraint "users_email_unique"',
    });
    expect(JSON.stringify(fields)).not.toContain("secrethash");
    expect(JSON.stringify(fields)).not.toContain("asha@example.in");
  });

  it("describes anything thrown", () => {
    expect(errorFields(new TypeError("bad"))).toEqual({ errorName: "TypeError", errorMessage: "bad" });
    expect(errorFields("oops")).toEqual({ errorName: "unknown", errorMessage: "oops" });
  });
});
