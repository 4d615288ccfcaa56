import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { getEnv } from "@/lib/env";

// The guest cart's cookie, the only place it is read or written. Its value is the cart's
// random id, which is the bearer secret: httpOnly (no script reads it), sameSite=lax (not
// sent on cross-site posts), secure whenever the shop is served over https.

const CART_COOKIE = "cart_id";
const CART_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const cartIdShape = z.uuid();

function cookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    // Follows APP_URL, as next-auth's session cookie does: a production shop is served over https.
    secure: getEnv().appUrl.startsWith("https://"),
    path: "/",
  };
}

export async function readGuestCartId(): Promise<string | null> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return cartIdShape.safeParse(value).success ? (value as string) : null;
}

/** Server actions and route handlers only (cookies are read-only while a page renders). */
export async function rememberGuestCart(cartId: string): Promise<void> {
  (await cookies()).set(CART_COOKIE, cartId, { ...cookieOptions(), maxAge: CART_COOKIE_MAX_AGE_SECONDS });
}

/** Server actions and route handlers only. */
export async function forgetGuestCart(): Promise<void> {
  (await cookies()).set(CART_COOKIE, "", { ...cookieOptions(), maxAge: 0 });
}
