import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/account/sign-up-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <section
      aria-labelledby="sign-up-heading"
      className="mx-auto flex max-w-md flex-col gap-6 rounded-2xl border border-stone-200 bg-white p-8"
    >
      <h1 id="sign-up-heading" className="font-display text-3xl font-bold text-brand-900">
        Create an account
      </h1>
      <p className="text-stone-600">See your orders in one place. Your cart comes with you.</p>
      <SignUpForm callbackUrl={callbackUrl} />
    </section>
  );
}
