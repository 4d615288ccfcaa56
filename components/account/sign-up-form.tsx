"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { signInAfterSignUpPath, signInPath } from "@/lib/auth/callback-url";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/credential-hints";
import { signUp, type SignUpState } from "./actions";
import { FormField } from "./form-field";

/**
 * Sends the form (answered the same whether or not the email is new), then signs in with
 * what was typed, which joins any guest cart. Signed in, it goes on; not (the email had an
 * account with another password), the sign-in page says so without saying which.
 */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (previous: SignUpState, formData: FormData): Promise<SignUpState> => {
      const result = await signUp(previous, formData);
      if (!result.signInAs) return result;
      // next-auth's client is loaded when it is needed, not with the page.
      const { signIn } = await import("next-auth/react");
      const signedIn = await signIn("credentials", {
        email: result.signInAs,
        password: String(formData.get("password")),
        redirect: false,
      }).catch(() => undefined);
      // Refresh too: the header (in the shared layout) must render for the new session.
      router.push(signedIn?.ok ? callbackUrl : signInAfterSignUpPath(callbackUrl));
      router.refresh();
      return result;
    },
    {},
  );

  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormField
        label="Name (optional)"
        name="name"
        type="text"
        autoComplete="name"
        maxLength={100}
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={state.fieldErrors?.password}
      />
      <p role="alert" aria-live="assertive" className="min-h-5 text-sm text-red-700">
        {state.error ?? ""}
      </p>
      <p aria-live="polite" className="sr-only">
        {state.signInAs ? "Signing you in…" : ""}
      </p>
      <button
        type="submit"
        disabled={pending || Boolean(state.signInAs)}
        className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending || state.signInAs ? "Creating your account…" : "Create account"}
      </button>
      <p className="text-sm text-stone-700">
        Already have an account?{" "}
        <Link href={signInPath(callbackUrl)} className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
