import { describe, expect, it } from "vitest";
import { refusedSignInCode, signInErrorMessage } from "./sign-in-errors";

describe("sign-in error codes", () => {
  it("turns a refusal's code back into its words, with the wait", () => {
    expect(signInErrorMessage(refusedSignInCode("signInAccount", 299.2))).toBe(
      "Too many failed sign-ins for this account: it is locked. Try again in 5 minutes.",
    );
    expect(signInErrorMessage(refusedSignInCode("signInAddress", 30))).toBe(
      "Too many failed sign-ins from your network. Try again in 30 seconds.",
    );
  });

  it("says next-auth's own codes plainly and never echoes a code it does not know", () => {
    expect(signInErrorMessage("CredentialsSignin")).toMatch(/do not match an account/);
    expect(signInErrorMessage("SessionRequired")).toBe("Please sign in to see that page.");
    for (const crafted of [
      "Call +91 555 0100 to unlock",
      "TooManySignIns:signInAccount:99999999",
      "TooManySignIns:x:5",
    ])
      expect(signInErrorMessage(crafted)).toBe("We could not sign you in. Please try again.");
  });
});
