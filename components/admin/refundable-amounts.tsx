import { formatRupees } from "@/lib/money";
import type { RefundableSummary } from "@/lib/refunds/refundable";

interface RefundableAmountsProps {
  paidLabel: string;
  amounts: Pick<RefundableSummary, "paidPaise" | "refundedPaise" | "inFlightPaise" | "refundablePaise">;
  /** Prefix of the test ids: `<prefix>-refundable`, `<prefix>-refunded-total`, `<prefix>-still-refundable`. */
  testIdPrefix: string;
}

/** Paid, refunded, in progress and still refundable, for one payment. */
export function RefundableAmounts({ paidLabel, amounts, testIdPrefix }: RefundableAmountsProps) {
  const { paidPaise, refundedPaise, inFlightPaise, refundablePaise } = amounts;
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid={`${testIdPrefix}-refundable`}>
      <dt>{paidLabel}</dt>
      <dd className="text-right tabular-nums">{formatRupees(paidPaise)}</dd>
      <dt>Refunded</dt>
      <dd className="text-right tabular-nums" data-testid={`${testIdPrefix}-refunded-total`}>
        {formatRupees(refundedPaise)}
      </dd>
      <dt>Refunds in progress</dt>
      <dd className="text-right tabular-nums">{formatRupees(inFlightPaise)}</dd>
      <dt className="font-semibold">Still refundable</dt>
      <dd className="text-right font-semibold tabular-nums" data-testid={`${testIdPrefix}-still-refundable`}>
        {formatRupees(refundablePaise)}
      </dd>
    </dl>
  );
}
