"use server";

import { getDatabase } from "@/db";
import { registerCustomer } from "@/lib/auth/accounts";
import { signUpSchema } from "@/lib/auth/schemas";
import { runAction, type ActionState } from "@/lib/server-action";

export type AccountField = "name" | "email" | "password";

export type SignUpState = ActionState<
  AccountField,
  {
    /** Set once the account exists; the form then signs the shopper in with the same credentials. */
    createdEmail?: string;
  }
>;

const signUpForm = {
  name: "sign up",
  schema: signUpSchema,
  fields: ["name", "email", "password"],
  // Never the password.
  refill: ["name", "email"],
  tryAgain: "We could not create your account. Please try again.",
} as const;

export async function signUp(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  return runAction(formData, signUpForm, async (input): Promise<SignUpState> => {
    const result = await registerCustomer(await getDatabase(), input);
    if (!result.ok) return { fieldErrors: { email: "An account with this email already exists. Sign in instead." } };
    return { createdEmail: result.user.email };
  });
}
