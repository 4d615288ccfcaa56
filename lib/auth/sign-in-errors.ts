import { REFUSALS } from "@/lib/rate-limits/refusals";

// next-auth hands a sign-in's failure to the browser as a code (`?error=` on the sign-in
// page, `result.error` for the form). A refused sign-in's code names the limit and the wait
// only, so the page builds the words itself and a crafted link cannot put text on it.

const REFUSED = /^TooManySignIns:(signInAccount|signInAddress):(\d{1,7})$/;

/** The code a refused sign-in is reported with. */
export function refusedSignInCode(limit: "signInAccount" | "signInAddress", retryAfterSeconds: number): string {
  return `TooManySignIns:${limit}:${Math.ceil(retryAfterSeconds)}`;
}

/** What the person is told for a sign-in error code (next-auth's own, or a refusal's). */
export function signInErrorMessage(code: string): string {
  const refused = REFUSED.exec(code);
  if (refused) return REFUSALS[refused[1] as "signInAccount" | "signInAddress"](Number(refused[2]));
  switch (code) {
    case "CredentialsSignin":
      return "That email and password do not match an account. Check them and try again.";
    case "SessionRequired":
      return "Please sign in to see that page.";
    default:
      return "We could not sign you in. Please try again.";
  }
}
