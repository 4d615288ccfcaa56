import { z } from "zod";
import { CREDENTIAL_MESSAGES, MAX_EMAIL_LENGTH, MIN_PASSWORD_LENGTH } from "./credential-hints";

// The server's checks of the sign-up and sign-in fields (the forms hint with credential-hints.ts).

/** bcrypt reads at most 72 bytes; a longer password would be silently truncated. */
const BCRYPT_MAX_BYTES = 72;

const email = z
  .string({ error: CREDENTIAL_MESSAGES.emailMissing })
  .trim()
  .toLowerCase()
  .pipe(z.email(CREDENTIAL_MESSAGES.emailInvalid).max(MAX_EMAIL_LENGTH, CREDENTIAL_MESSAGES.emailTooLong));

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .optional()
    .transform((value) => value || null),
  email,
  password: z
    .string({ error: "Choose a password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .refine((value) => new TextEncoder().encode(value).length <= BCRYPT_MAX_BYTES, "Use at most 72 characters."),
});

export const signInSchema = z.object({
  email,
  password: z.string({ error: CREDENTIAL_MESSAGES.passwordMissing }).min(1, CREDENTIAL_MESSAGES.passwordMissing),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
