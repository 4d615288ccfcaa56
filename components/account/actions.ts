"use server";

import { z } from "zod";
import { getDatabase } from "@/db";
import { registerCustomer } from "@/lib/auth/accounts";
import { signUpSchema } from "@/lib/auth/schemas";
import { errorFields, log } from "@/lib/log";

export type AccountField = "name" | "email" | "password";

export interface SignUpState {
  /** Set once the account exists; the form then signs the shopper in with the same credentials. */
  createdEmail?: string;
  error?: string;
  fieldErrors?: Partial<Record<AccountField, string>>;
  /** What the shopper typed (never the password), to refill the form after an error. */
  values?: { name: string; email: string };
}

export async function signUp(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const input = { name: formData.get("name") ?? undefined, email: formData.get("email"), password: formData.get("password") };
  const values = { name: typeof input.name === "string" ? input.name : "", email: typeof input.email === "string" ? input.email : "" };
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    const result = await registerCustomer(await getDatabase(), parsed.data);
    if (!result.ok) {
      return { fieldErrors: { email: "An account with this email already exists. Sign in instead." }, values };
    }
    return { createdEmail: result.user.email };
  } catch (error) {
    log.error(errorFields(error), "sign-up failed");
    return { error: "We could not create your account. Please try again.", values };
  }
}

function fieldErrors(error: z.ZodError): Partial<Record<AccountField, string>> {
  const errors: Partial<Record<AccountField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "name" || field === "email" || field === "password") && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}
