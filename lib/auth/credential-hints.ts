// The sign-in and sign-up fields' rules and messages, without zod: the forms hint with them in
// the browser before a round trip (zod would add about 47 KB gzip to those pages), and
// lib/auth/schemas.ts builds the server's checks, which decide, from the same words.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_EMAIL_LENGTH = 254;

export const CREDENTIAL_MESSAGES = {
  emailMissing: "Enter your email address.",
  emailInvalid: "Enter a valid email address, like name@example.com.",
  emailTooLong: "That email address is too long.",
  passwordMissing: "Enter your password.",
} as const;

// Something@something.something without spaces: enough for a hint; the server's zod check decides.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the sign-in form says before sending: a message per field that is plainly wrong. */
export function signInHints(email: string, password: string): { email?: string; password?: string } {
  const trimmed = email.trim();
  const hints: { email?: string; password?: string } = {};
  if (!EMAIL_SHAPE.test(trimmed)) hints.email = CREDENTIAL_MESSAGES.emailInvalid;
  else if (trimmed.length > MAX_EMAIL_LENGTH) hints.email = CREDENTIAL_MESSAGES.emailTooLong;
  if (password === "") hints.password = CREDENTIAL_MESSAGES.passwordMissing;
  return hints;
}
