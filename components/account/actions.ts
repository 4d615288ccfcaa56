"use server";

import { getDatabase } from "@/db";
import { signUpSchema } from "@/lib/auth/schemas";
import { signUpCustomer } from "@/lib/auth/sign-up";
import { callerAddress, getRateLimits } from "@/lib/rate-limits/process-rate-limits";
import { runAction, type ActionState } from "@/lib/server-action";

export type AccountField = "name" | "email" | "password";

export type SignUpState = ActionState<
  AccountField,
  {
    /** Set once the form is accepted, whether the email was new or not: the form then signs in with it. */
    signInAs?: string;
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

/** The same answer for a new email and a known one (see signUpCustomer). */
export async function signUp(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  return runAction(formData, signUpForm, async (input): Promise<SignUpState> => {
    await signUpCustomer(await getDatabase(), await getRateLimits(), input, await callerAddress());
    return { signInAs: input.email };
  });
}
