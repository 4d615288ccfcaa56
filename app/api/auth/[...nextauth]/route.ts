import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { adoptGuestCart } from "@/lib/cart/adopt-guest-cart";

// next-auth's endpoints (csrf, credentials callback, session, sign-out). Options are built on
// first request: they read the environment, which `next build` must not need.
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(request, context, { ...getAuthOptions(), events: signInEvents });
}

// The guest cart joins the user's on sign-in. Wired here, above both auth and cart, so neither
// folder depends on the other's direction. It runs inside the sign-in request, so the guest
// cart's cookie can be cleared in its response; next-auth logs a failure here without failing
// the sign-in, and the next cart change retries the merge.
const signInEvents = {
  async signIn({ user }: { user: { id: string } }) {
    await adoptGuestCart(user.id);
  },
};

export { handler as GET, handler as POST };
