"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { signUpPath } from "@/lib/auth/callback-url";
import { signInHints } from "@/lib/auth/credential-hints";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { FormField } from "./form-field";

interface SignInState {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
}

/** Signs in through next-auth's credentials endpoint; a signed-in shopper's guest cart joins their cart there. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (_previous: SignInState, formData: FormData): Promise<SignInState> => {
      const email = String(formData.get("email") ?? "");
      const password = String(formData.get("password") ?? "");
      // A hint only: the server's check (lib/auth/schemas.ts, in next-auth's authorize) decides.
      const fieldErrors = signInHints(email, password);
      if (fieldErrors.email || fieldErrors.password) return { fieldErrors, email };
      try {
        // next-auth's client is loaded when it is needed, not with the page.
        const { signIn } = await import("next-auth/react");
        // As typed: the server's schema trims and lowercases it.
        const result = await signIn("credentials", { email, password, redirect: false });
        if (!result?.ok) return { error: signInErrorMessage(result?.error ?? "CredentialsSignin"), email };
      } catch {
        return { error: "We could not sign you in just now. Please try again.", email };
      }
      // Refresh too: the header (in the shared layout) must render for the signed-in shopper.
      router.push(callbackUrl);
      router.refresh();
      return { email };
    },
    { error: initialError },
  );

  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        error={state.fieldErrors?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <p role="alert" aria-live="assertive" className="min-h-5 text-sm text-red-700">
        {state.error ?? ""}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="text-sm text-stone-700">
        New here?{" "}
        <Link href={signUpPath(callbackUrl)} className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
