import "server-only";
import { cache } from "react";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { adoptGuestCart } from "./adopt-guest-cart";
import { createGuestCart, findGuestCartId, findUserCartId, getOrCreateUserCart, loadCart, type CartView } from "./cart";
import { readGuestCartId, rememberGuestCart } from "./cart-cookie";

/** The signed-in user's cart id, else the guest cookie's cart id if that cart exists; null when there is none yet. */
export async function currentCartId(): Promise<string | null> {
  const user = await getCurrentUser();
  const db = await getDatabase();
  if (user) return findUserCartId(db, user.id);
  const guestCartId = await readGuestCartId();
  return guestCartId ? findGuestCartId(db, guestCartId) : null;
}

/** The current cart as the shopper sees it, or null before anything was added. Memoised for one server render. */
export const getCurrentCart = cache(async (): Promise<CartView | null> => {
  const cartId = await currentCartId();
  return cartId ? loadCart(await getDatabase(), cartId) : null;
});

/**
 * The cart a change should go to, created when missing. Server actions only (it may set the
 * guest cookie). A signed-in shopper's leftover guest cart, if a merge at sign-in failed, joins first.
 */
export async function cartIdForChange(): Promise<string> {
  const db = await getDatabase();
  const user = await getCurrentUser();
  if (user) {
    await adoptGuestCart(user.id);
    return getOrCreateUserCart(db, user.id);
  }
  const existing = await currentCartId();
  if (existing) return existing;
  const created = await createGuestCart(db);
  await rememberGuestCart(created);
  return created;
}
