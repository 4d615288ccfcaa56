import { describe, expect, it } from "vitest";
import { CREDENTIAL_MESSAGES, signInHints } from "./credential-hints";
import { signInSchema } from "./schemas";

describe("signInHints", () => {
  it("passes what the server's check takes", () => {
    for (const email of ["a@b.in", " Asha@Example.IN ", "first.last+tag@mail.example.com"]) {
      expect(signInHints(email, "x")).toEqual({});
      expect(signInSchema.safeParse({ email, password: "x" }).success).toBe(true);
    }
  });

  it("says what the server's check would say for plainly wrong fields", () => {
    expect(signInHints("not-an-email", "")).toEqual({
      email: CREDENTIAL_MESSAGES.emailInvalid,
      password: CREDENTIAL_MESSAGES.passwordMissing,
    });
    expect(signInHints("", "x")).toEqual({ email: CREDENTIAL_MESSAGES.emailInvalid });
    const issues = signInSchema.safeParse({ email: "not-an-email", password: "" }).error?.issues ?? [];
    expect(issues.map((issue) => issue.message)).toEqual([
      CREDENTIAL_MESSAGES.emailInvalid,
      CREDENTIAL_MESSAGES.passwordMissing,
    ]);
  });

  it("refuses an address too long to be one", () => {
    expect(signInHints(`${"a".repeat(250)}@b.in`, "x")).toEqual({ email: CREDENTIAL_MESSAGES.emailTooLong });
  });
});
