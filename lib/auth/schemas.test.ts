import { describe, expect, it } from "vitest";
import { signInSchema, signUpSchema } from "./schemas";

function errorsOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));
}

describe("sign-up input", () => {
  it("trims and lower-cases the email and turns an empty name into null", () => {
    expect(signUpSchema.parse({ email: " Asha@Example.IN ", password: "12345678", name: "  " })).toEqual({
      email: "asha@example.in",
      password: "12345678",
      name: null,
    });
  });

  it("says what is wrong with each field", () => {
    const errors = errorsOf(signUpSchema.safeParse({ email: "not-an-email", password: "short" }));
    expect(errors.email).toMatch(/valid email/);
    expect(errors.password).toBe("Use at least 8 characters.");
    expect(errorsOf(signUpSchema.safeParse({ email: null, password: null }))).toEqual({
      email: "Enter your email address.",
      password: "Choose a password.",
    });
  });

  it("refuses a password bcrypt would truncate (over 72 bytes)", () => {
    expect(signUpSchema.safeParse({ email: "a@b.in", password: "x".repeat(72) }).success).toBe(true);
    expect(signUpSchema.safeParse({ email: "a@b.in", password: "x".repeat(73) }).success).toBe(false);
    expect(signUpSchema.safeParse({ email: "a@b.in", password: "₹".repeat(25) }).success).toBe(false);
  });
});

describe("sign-in input", () => {
  it("needs both fields and lower-cases the email", () => {
    expect(signInSchema.parse({ email: "A@B.IN", password: "x" })).toEqual({ email: "a@b.in", password: "x" });
    expect(signInSchema.safeParse({ email: "a@b.in", password: "" }).success).toBe(false);
  });
});
