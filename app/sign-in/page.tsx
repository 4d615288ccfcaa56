import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/account/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth sends the browser here with ?error= when its own sign-in flow fails.
const errorMessages: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account. Check them and try again.",
  SessionRequired: "Please sign in to see that page.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const error =
    typeof params.error === "string"
      ? (errorMessages[params.error] ?? "We could not sign you in. Please try again.")
      : undefined;
  return (
    <section
      aria-labelledby="sign-in-heading"
      className="mx-auto flex max-w-md flex-col gap-6 rounded-2xl border border-stone-200 bg-white p-8"
    >
      <h1 id="sign-in-heading" className="font-display text-3xl font-bold text-brand-900">
        Sign in
      </h1>
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
    </section>
  );
}
