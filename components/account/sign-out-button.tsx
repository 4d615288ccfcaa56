"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SignOutButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Its only handler is React's: a click before hydration would be lost.
  const hydrated = useHydrated();
  function handleSignOut() {
    startTransition(async () => {
      // next-auth's client is loaded on the click, not with every page that shows this button.
      const { signOut } = await import("next-auth/react");
      await signOut({ redirect: false });
      // Refresh too: the header (in the shared layout) must render for a signed-out visitor.
      router.push("/");
      router.refresh();
    });
  }
  return (
    <button
      type="button"
      onClick={handleSignOut}
      disabled={pending || !hydrated}
      className="text-stone-700 hover:text-brand-700 hover:underline disabled:opacity-60"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
