import "server-only";
import { getDatabase } from "@/db";
import { mergeGuestCartIntoUserCart } from "./cart";
import { forgetGuestCart, readGuestCartId } from "./cart-cookie";

/**
 * Joins the browser's guest cart (if any) into the user's cart and clears the guest cookie.
 * Server actions and route handlers only (it writes a cookie).
 */
export async function adoptGuestCart(userId: string): Promise<void> {
  const guestCartId = await readGuestCartId();
  if (!guestCartId) return;
  await mergeGuestCartIntoUserCart(await getDatabase(), guestCartId, userId);
  await forgetGuestCart();
}
