import type { Queryable } from "@/db";
import type { Order, OrderItem } from "@/db/schema";
import type { SellerConfig } from "@/lib/env";
import { placeOfSupplyOf } from "@/lib/checkout/indian-states";
import { computeInvoiceGst, gstLineOf, supplyOf, type GstAmounts, type Supply } from "@/lib/gst";
import { formatDeliveryAddress, type DeliveryAddress } from "@/lib/notifications/format-delivery-address";
import { isPayingAttempt } from "@/lib/refunds/refundable";
import { loadOrderView } from "./order-view";

export interface ReceiptLine extends GstAmounts {
  name: string;
  /** Null for a line sold before lines recorded one. */
  hsnCode: string | null;
  /** The GST rate the line was sold at, in basis points. */
  rateBasisPoints: number;
  quantity: number;
  unitPricePaise: number;
  /** unit price × quantity, GST included. */
  amountPaise: number;
}

/** A paid order's receipt, which is also its tax invoice: every figure it prints. */
export interface Receipt {
  invoiceNumber: string;
  orderId: string;
  paidAt: Date;
  seller: SellerConfig;
  buyer: { email: string; mobile: string };
  delivery: DeliveryAddress | null;
  /** Intra-state (CGST + SGST) or inter-state (IGST), and the place of supply when known. */
  supply: Supply;
  lines: ReceiptLine[];
  totals: GstAmounts & { amountPaise: number };
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
 * The invoice's lines and totals with their GST: each line at the rate it was sold at (5 % for
 * a line sold before lines recorded a rate), CGST + SGST when delivered within the seller's
 * state (`sellerGstin`'s first two digits), IGST when delivered to another. An order without a
 * delivery state (placed before orders recorded one) counts as supplied within the seller's
 * state, with no place of supply printed.
 */
export function receiptGstOf(
  items: ReadonlyArray<Pick<OrderItem, "name" | "hsnCode" | "gstRateBasisPoints" | "unitPrice" | "quantity">>,
  sellerGstin: string,
  deliveryState: string | null,
): Pick<Receipt, "supply" | "lines" | "totals"> {
  const supply = supplyOf(sellerGstin, placeOfSupplyOf(deliveryState));
  const gst = computeInvoiceGst(items.map(gstLineOf), supply);
  return {
    supply,
    lines: items.map((item, index) => ({
      ...gst.lines[index]!,
      name: item.name,
      hsnCode: item.hsnCode,
      quantity: item.quantity,
      unitPricePaise: item.unitPrice,
      amountPaise: item.unitPrice * item.quantity,
    })),
    totals: { amountPaise: gst.total.taxablePaise + gst.total.gstPaise, ...gst.total },
  };
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
  const { supply, lines, totals } = receiptGstOf(items, seller.gstin, order.deliveryState);
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
    supply,
    lines,
    totals,
    surchargePaise: order.surchargeAmount,
    paidPaise: order.totalAmount + order.surchargeAmount,
    refunds,
    refundedPaise: order.refundedAmount,
  };
}
