import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";
import { errorFields, log } from "@/lib/log";

/** The header's account links: sign in, or the shopper's orders and sign out. */
export async function AccountNav() {
  let user: SessionUser | null;
  try {
    user = await getCurrentUser();
  } catch (error) {
    unstable_rethrow(error);
    log.error(errorFields(error), "header session failed");
    user = null;
  }
  if (!user) {
    return (
      <Link href="/sign-in" className="text-stone-700 hover:text-brand-700 hover:underline">
        Sign in
      </Link>
    );
  }
  return (
    <>
      <span className="hidden text-stone-600 md:inline" data-testid="signed-in-as">
        {user.name ?? user.email}
      </span>
      <Link href="/account/orders" className="text-stone-700 hover:text-brand-700 hover:underline">
        My orders
      </Link>
      <SignOutButton />
    </>
  );
}
