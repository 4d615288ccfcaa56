import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orderItems, orders, type Order } from "@/db/schema";
import { placeOfSupplyOf } from "@/lib/checkout/indian-states";
import { getEnv } from "@/lib/env";
import { computeInvoiceGst, gstLineOf, supplyOf } from "@/lib/gst";
import { orderPath, receiptPath } from "@/lib/order-link";
import { enqueueNotification } from "./enqueue-notification";
import { formatDeliveryAddress } from "./format-delivery-address";
import { renderShopperEmail, type ShopperEmail } from "./render-shopper-email";

/**
 * The changes a shopper hears of, with what each email needs beyond the order itself.
 * lib/lifecycle/events.ts names them when it records their events.
 */
export type ShopperEmailCause =
  | { type: "order_paid"; orderId: string }
  | { type: "payment_failed"; orderId: string; attemptId: string; atomTxnId: string; amountPaise: number }
  | { type: "order_shipped"; orderId: string }
  | {
      type: "refund_completed";
      orderId: string;
      refundId: string;
      amountPaise: number;
      /** The order's refunded total with this refund; null for the refund of an extra payment. */
      refundedTotalPaise: number | null;
    };

/**
 * Puts the shopper's email about `cause` in the outbox, addressed to the order's email,
 * rendered now (HTML and text). Call it in the transaction that made the change: the email
 * commits or vanishes with it. Its dedupe key names the cause, so a change recorded again (a
 * retried job, a repeated callback) emails once. A failed payment of an order no longer
 * waiting for one (paid by another attempt, cancelled, expired) sends nothing.
 */
export async function enqueueShopperEmail(tx: Queryable, cause: ShopperEmailCause): Promise<void> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, cause.orderId));
  if (order === undefined) return;
  if (cause.type === "payment_failed" && order.status !== "pending") return;
  const env = getEnv();
  const common = {
    seller: env.seller,
    orderId: order.id,
    orderUrl: `${env.appUrl}${orderPath(env.authSecret, order.id)}`,
  };
  const email = await renderShopperEmail({ ...common, ...(await detailsOf(tx, cause, order)) });
  await enqueueNotification(tx, {
    kind: cause.type,
    dedupeKey: `shopper:${cause.type}:${causeId(cause)}`,
    orderId: order.id,
    recipient: order.email,
    subject: email.subject,
    body: email.text,
    html: email.html,
  });
}

function causeId(cause: ShopperEmailCause): string {
  switch (cause.type) {
    case "order_paid":
    case "order_shipped":
      return cause.orderId;
    case "payment_failed":
      // An attempt may fail, be tried again on its merchTxnId and fail again: each failure is news.
      return `${cause.attemptId}:${cause.atomTxnId}`;
    case "refund_completed":
      return cause.refundId;
  }
}

/** One kind of email's own fields (the omit distributes over the kinds). */
type EmailDetails = ShopperEmail extends infer Email
  ? Email extends unknown
    ? Omit<Email, "seller" | "orderId" | "orderUrl">
    : never
  : never;

async function detailsOf(tx: Queryable, cause: ShopperEmailCause, order: Order): Promise<EmailDetails> {
  switch (cause.type) {
    case "order_paid": {
      const items = await tx
        .select()
        .from(orderItems)
        .where(eq(orderItems.orderId, order.id))
        .orderBy(asc(orderItems.name));
      const env = getEnv();
      // The receipt's own computation (lib/orders/build-receipt.ts), so the email's GST is the
      // invoice's to the paisa.
      const gst = computeInvoiceGst(
        items.map(gstLineOf),
        supplyOf(env.seller.gstin, placeOfSupplyOf(order.deliveryState)),
      );
      return {
        kind: "order_confirmed",
        lines: items.map((item) => ({ name: item.name, quantity: item.quantity, unitPricePaise: item.unitPrice })),
        goodsPaise: order.totalAmount,
        gstPaise: gst.total.gstPaise,
        gstRateBasisPoints: gst.singleRateBasisPoints,
        surchargePaise: order.surchargeAmount,
        paidAt: order.paidAt ?? new Date(),
        delivery: formatDeliveryAddress(order),
        receiptUrl: `${env.appUrl}${receiptPath(env.authSecret, order.id)}`,
      };
    }
    case "payment_failed":
      return { kind: "payment_failed", amountPaise: cause.amountPaise };
    case "order_shipped":
      return { kind: "order_shipped", carrier: order.shippingCarrier, trackingNumber: order.trackingNumber };
    case "refund_completed":
      return {
        kind: "order_refunded",
        amountPaise: cause.amountPaise,
        refundedTotalPaise: cause.refundedTotalPaise,
        // What can be refunded: the goods (lib/refunds/refundable.ts); the gateway's fee is not.
        paidPaise: order.totalAmount,
        full: cause.refundedTotalPaise !== null && cause.refundedTotalPaise >= order.totalAmount,
      };
  }
}
