"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import { addToCart as addToCartLine, removeCartLine, setCartLineQuantity } from "@/lib/cart/cart";
import { cartIdForChange, currentCartId } from "@/lib/cart/current-cart";
import { productSlugSchema } from "@/lib/catalog/products";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { runAction, type ActionState } from "@/lib/server-action";

// The cart's public endpoints. They take a product (its slug, or a cart line's product id) and a
// quantity, never an amount: prices are read from the database whenever the cart is shown or ordered.

export type CartActionState = ActionState;

const productId = z.uuid({ error: "That product could not be found." });
const quantity = z.coerce
  .number({ error: "Choose a quantity." })
  .int("Choose a whole number.")
  .min(1, "Choose at least 1.")
  .max(MAX_CART_LINE_QUANTITY, `At most ${MAX_CART_LINE_QUANTITY} of one item fit in a cart.`);

const addSchema = z.object({ product: productSlugSchema, quantity: quantity.default(1) });
const updateSchema = z.object({ productId, quantity });
const removeSchema = z.object({ productId });

const tryAgain = "We could not update your cart. Please try again.";

export async function addToCart(_previous: CartActionState, formData: FormData): Promise<CartActionState> {
  return runAction(formData, { name: "addToCart", schema: addSchema, tryAgain }, async (input) => {
    const result = await addToCartLine(await getDatabase(), await cartIdForChange(), input.product, input.quantity);
    if (!result.ok)
      return {
        error: result.reason === "not-enough-stock" ? result.message : "Sorry, this product is no longer available.",
      };
    refresh();
    return { message: input.quantity === 1 ? "Added to your cart." : `Added ${input.quantity} to your cart.` };
  });
}

export async function updateCartItemQuantity(_previous: CartActionState, formData: FormData): Promise<CartActionState> {
  return runAction(formData, { name: "updateCartItemQuantity", schema: updateSchema, tryAgain }, async (input) => {
    const cartId = await currentCartId();
    const result = cartId
      ? await setCartLineQuantity(await getDatabase(), cartId, input.productId, input.quantity)
      : null;
    refresh();
    if (result?.ok) return { message: "Quantity updated." };
    return { error: result?.reason === "not-enough-stock" ? result.message : "That item is no longer in your cart." };
  });
}

export async function removeFromCart(_previous: CartActionState, formData: FormData): Promise<CartActionState> {
  return runAction(formData, { name: "removeFromCart", schema: removeSchema, tryAgain }, async (input) => {
    const cartId = await currentCartId();
    if (cartId) await removeCartLine(await getDatabase(), cartId, input.productId);
    refresh();
    return { message: "Removed from your cart." };
  });
}
