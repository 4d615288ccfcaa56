"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import { addToCart as addToCartLine, removeCartLine, setCartLineQuantity } from "@/lib/cart/cart";
import { cartIdForChange, currentCartId } from "@/lib/cart/current-cart";
import { productSlugSchema } from "@/lib/catalog/products";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { errorFields, log } from "@/lib/log";

// The cart's public endpoints. They take a product (its slug, or a cart line's product id) and a
// quantity, never an amount: prices are read from the database whenever the cart is shown or ordered.

export interface CartActionState {
  error?: string;
  message?: string;
}

const productId = z.uuid({ error: "That product could not be found." });
const quantity = z.coerce
  .number({ error: "Choose a quantity." })
  .int("Choose a whole number.")
  .min(1, "Choose at least 1.")
  .max(MAX_CART_LINE_QUANTITY, `At most ${MAX_CART_LINE_QUANTITY} of one item fit in a cart.`);

const addSchema = z.object({ product: productSlugSchema, quantity: quantity.default(1) });
const updateSchema = z.object({ productId, quantity });
const removeSchema = z.object({ productId });

const TRY_AGAIN = "We could not update your cart. Please try again.";

export async function addToCart(_previous: CartActionState, formData: FormData): Promise<CartActionState> {
  const parsed = addSchema.safeParse({ product: formData.get("product"), quantity: formData.get("quantity") ?? undefined });
  if (!parsed.success) return { error: firstMessage(parsed.error) };
  try {
    const result = await addToCartLine(await getDatabase(), await cartIdForChange(), parsed.data.product, parsed.data.quantity);
    if (!result.ok) return { error: "Sorry, this product is no longer available." };
  } catch (error) {
    return failed("addToCart", error);
  }
  refresh();
  return { message: parsed.data.quantity === 1 ? "Added to your cart." : `Added ${parsed.data.quantity} to your cart.` };
}

export async function updateCartItemQuantity(_previous: CartActionState, formData: FormData): Promise<CartActionState> {
  const parsed = updateSchema.safeParse({ productId: formData.get("productId"), quantity: formData.get("quantity") });
  if (!parsed.success) return { error: firstMessage(parsed.error) };
  let outcome: CartActionState;
  try {
    const cartId = await currentCartId();
    const result = cartId ? await setCartLineQuantity(await getDatabase(), cartId, parsed.data.productId, parsed.data.quantity) : null;
    outcome = result?.ok ? { message: "Quantity updated." } : { error: "That item is no longer in your cart." };
  } catch (error) {
    return failed("updateCartItemQuantity", error);
  }
  refresh();
  return outcome;
}

export async function removeFromCart(_previous: CartActionState, formData: FormData): Promise<CartActionState> {
  const parsed = removeSchema.safeParse({ productId: formData.get("productId") });
  if (!parsed.success) return { error: firstMessage(parsed.error) };
  try {
    const cartId = await currentCartId();
    if (cartId) await removeCartLine(await getDatabase(), cartId, parsed.data.productId);
  } catch (error) {
    return failed("removeFromCart", error);
  }
  refresh();
  return { message: "Removed from your cart." };
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? TRY_AGAIN;
}

function failed(action: string, error: unknown): CartActionState {
  log.error({ action, ...errorFields(error) }, "cart change failed");
  return { error: TRY_AGAIN };
}
