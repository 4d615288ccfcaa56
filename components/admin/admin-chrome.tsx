import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/account/sign-out-button";
import { SkipLink } from "@/components/ui/skip-link";
import { AdminNav } from "./admin-nav";

/**
 * The admin area's own frame, without the shop's header and footer: a bar naming the area
 * and who is signed in, the admin links (a column on a wide screen, a sideways row on a
 * phone) and the page.
 */
export function AdminChrome({
  email,
  openAttention,
  children,
}: {
  email: string;
  openAttention: number;
  children: ReactNode;
}) {
  return (
    <>
      <SkipLink />
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
          <Link href="/admin" className="font-display text-lg font-bold">
            Lotus Bazaar admin
          </Link>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span className="break-all text-white/80" data-testid="admin-user">
              {email}
            </span>
            <Link href="/" className="underline hover:no-underline">
              View shop
            </Link>
            <span className="[&_button]:text-white [&_button]:underline">
              <SignOutButton />
            </span>
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-4 px-4 py-4 lg:flex-row lg:gap-8 lg:py-8">
        <div className="lg:w-52 lg:shrink-0">
          <AdminNav openAttention={openAttention} />
        </div>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </>
  );
}
