import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/account/sign-in-form";
import { safeCallbackPath, SIGNED_UP_NOTICE } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  // next-auth sends the browser here with ?error= when its own sign-in flow fails.
  const error = typeof params.error === "string" ? signInErrorMessage(params.error) : undefined;
  return (
    <section
      aria-labelledby="sign-in-heading"
      className="mx-auto flex max-w-md flex-col gap-6 rounded-2xl border border-stone-200 bg-white p-8"
    >
      <h1 id="sign-in-heading" className="font-display text-3xl font-bold text-brand-900">
        Sign in
      </h1>
      {params.notice === SIGNED_UP_NOTICE ? (
        // The same words whether the email was new or already had an account (see signUpCustomer).
        <p role="status" className="rounded-xl bg-brand-50 p-4 text-sm text-brand-900">
          If that email was new, its account is ready: sign in below. If it already had an account, sign in with that
          account&apos;s password.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
    </section>
  );
}
