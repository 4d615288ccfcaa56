import { z } from "zod";

// Shared by the forms (field hints before a round trip) and the server (the real check).

/** bcrypt reads at most 72 bytes; a longer password would be silently truncated. */
const BCRYPT_MAX_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 8;

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address, like name@example.com.").max(254, "That email address is too long."));

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
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password."),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
