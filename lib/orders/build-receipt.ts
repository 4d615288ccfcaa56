import type { Queryable } from "@/db";
import type { Order } from "@/db/schema";
import type { SellerConfig } from "@/lib/env";
import { GST_RATE_BASIS_POINTS, splitGst } from "@/lib/gst";
import { formatDeliveryAddress, type DeliveryAddress } from "@/lib/notifications/format-delivery-address";
import { isPayingAttempt } from "@/lib/refunds/refundable";
import { loadOrderView } from "./order-view";

export interface ReceiptLine {
  name: string;
  quantity: number;
  unitPricePaise: number;
  /** unit price × quantity, GST included. */
  amountPaise: number;
  taxablePaise: number;
  gstPaise: number;
}

/** A paid order's receipt, which is also its tax invoice: every figure it prints. */
export interface Receipt {
  invoiceNumber: string;
  orderId: string;
  paidAt: Date;
  seller: SellerConfig;
  buyer: { email: string; mobile: string };
  delivery: DeliveryAddress | null;
  gstRatePercent: number;
  lines: ReceiptLine[];
  totals: { amountPaise: number; taxablePaise: number; gstPaise: number };
  surchargePaise: number;
  paidPaise: number;
  /** Completed refunds of the order's payment, oldest first. */
  refunds: Array<{ amountPaise: number; refundedAt: Date }>;
  refundedPaise: number;
}

const IST_OFFSET_MS = 330 * 60_000;

/**
 * The invoice number: stable, derived from the order alone, 16 characters at most (the GST
 * rules' limit): "LB", the Indian financial year of the payment (April to March, in IST:
 * "2627" for 2026-27), a dash, and the order id's first 9 hex digits.
 */
export function invoiceNumberOf(order: Pick<Order, "id">, paidAt: Date): string {
  const local = new Date(paidAt.getTime() + IST_OFFSET_MS);
  const startYear = local.getUTCMonth() >= 3 ? local.getUTCFullYear() : local.getUTCFullYear() - 1;
  const twoDigits = (year: number) => String(year % 100).padStart(2, "0");
  return `LB${twoDigits(startYear)}${twoDigits(startYear + 1)}-${order.id.replace(/-/g, "").slice(0, 9).toUpperCase()}`;
}

/**
 * A paid order's receipt; undefined when there is no such order or it was never paid (a
 * refunded order keeps its receipt, with the refunds). It does not check access: the caller
 * has decided the viewer may see this order.
 */
export async function buildReceipt(db: Queryable, orderId: string, seller: SellerConfig): Promise<Receipt | undefined> {
  const view = await loadOrderView(db, orderId);
  if (view === undefined || view.order.paidAt === null) return undefined;
  const { order, items } = view;
  const paidAt = view.order.paidAt;
  const gst = splitGst(items.map((item) => item.unitPrice * item.quantity));
  const payingAttempts = new Set(
    view.attempts.filter((attempt) => isPayingAttempt(order, attempt)).map((attempt) => attempt.id),
  );
  const refunds = view.refunds
    .filter((refund) => refund.status === "completed" && payingAttempts.has(refund.attemptId))
    .map((refund) => ({ amountPaise: refund.refundAmount, refundedAt: refund.updatedAt }));
  return {
    invoiceNumber: invoiceNumberOf(order, paidAt),
    orderId: order.id,
    paidAt,
    seller,
    buyer: { email: order.email, mobile: order.mobile },
    delivery: formatDeliveryAddress(order),
    gstRatePercent: GST_RATE_BASIS_POINTS / 100,
    lines: items.map((item, index) => ({
      name: item.name,
      quantity: item.quantity,
      unitPricePaise: item.unitPrice,
      amountPaise: item.unitPrice * item.quantity,
      ...gst.lines[index]!,
    })),
    totals: { amountPaise: order.totalAmount, ...gst.total },
    surchargePaise: order.surchargeAmount,
    paidPaise: order.totalAmount + order.surchargeAmount,
    refunds,
    refundedPaise: order.refundedAmount,
  };
}
