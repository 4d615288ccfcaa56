import type { OrderStatus, RefundStatus } from "@/db/schema";
import { humanize } from "./format";

const TONES: Record<OrderStatus | RefundStatus, string> = {
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  paid: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  shipped: "bg-sky-50 text-sky-900 ring-sky-200",
  delivered: "bg-indigo-50 text-indigo-900 ring-indigo-200",
  refunded: "bg-stone-100 text-stone-800 ring-stone-300",
  cancelled: "bg-stone-100 text-stone-600 ring-stone-200",
  requested: "bg-amber-50 text-amber-900 ring-amber-200",
  processing: "bg-sky-50 text-sky-900 ring-sky-200",
  completed: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
};

/** An order's or a refund's status as a coloured pill; the word itself carries the meaning. */
export function StatusBadge({ status, testId }: { status: OrderStatus | RefundStatus; testId?: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${TONES[status]}`}
      data-testid={testId}
    >
      {humanize(status)}
    </span>
  );
}
