"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { FormField } from "@/components/account/form-field";
import { formatRupees, paiseToRupeesText, rupeesTextToPaise } from "@/lib/money";
import { refundOrder, type RefundFormState } from "./actions";

interface RefundFormProps {
  orderId: string;
  /** An extra payment's attempt (paid twice, or after cancelling); absent for the order's own payment. */
  attemptId?: string;
  refundablePaise: number;
  /** Made by the server when the page renders; the same key twice is the same refund. */
  idempotencyKey: string;
  /** Why nothing can be refunded now; the form's last result stays on screen above it. */
  unavailable?: string;
  /** Offer "Put the items back in stock" (the order's own payment, while the order holds stock). */
  canRestock?: boolean;
}

/**
 * Amount and reason, then an explicit "Refund ₹X to the shopper?" before anything is
 * sent. The submit button is disabled while the request runs, and a double submit
 * carries the same idempotency key anyway.
 */
export function RefundForm({
  orderId,
  attemptId,
  refundablePaise,
  idempotencyKey,
  unavailable,
  canRestock = false,
}: RefundFormProps) {
  // Several refund forms can share the order page: each gets its own element ids.
  const formId = useId();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [amountError, setAmountError] = useState<string | undefined>();
  // Controlled, so the choice survives the action's answer; unticked unless the admin ticks it.
  const [restock, setRestock] = useState(false);
  const [state, formAction, pending] = useActionState<RefundFormState, FormData>(async (previous, formData) => {
    const next = await refundOrder(previous, formData);
    setConfirming(null);
    return next;
  }, {});
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming !== null) confirmButton.current?.focus();
  }, [confirming]);

  const review = (form: HTMLFormElement | null) => {
    if (form === null) return;
    const paise = rupeesTextToPaise(String(new FormData(form).get("amount") ?? ""));
    if (paise === null || paise <= 0)
      return setAmountError("Enter rupees with at most 2 decimals, e.g. 250 or 250.50.");
    if (paise > refundablePaise) return setAmountError(`At most ${formatRupees(refundablePaise)} can be refunded.`);
    if (restock && paise !== refundablePaise)
      return setAmountError(`Items go back in stock only with a full refund of ${formatRupees(refundablePaise)}.`);
    setAmountError(undefined);
    setConfirming(paise);
  };

  const result = (
    <div aria-live="polite" role="status" data-testid="refund-result" className="min-h-5 text-sm">
      {state.error ? <p className="text-red-700">{state.error}</p> : null}
      {state.message ? (
        <p className={state.refundStatus === "completed" ? "text-emerald-800" : "text-amber-900"}>{state.message}</p>
      ) : null}
    </div>
  );
  if (unavailable !== undefined) {
    return (
      <div className="flex flex-col gap-2">
        {result}
        <p className="text-sm text-stone-600">{unavailable}</p>
      </div>
    );
  }
  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        // Enter in a field reviews first; only the confirmation button sends.
        if (confirming === null) {
          event.preventDefault();
          review(event.currentTarget);
        }
      }}
    >
      <input type="hidden" name="orderId" value={orderId} />
      {attemptId !== undefined ? <input type="hidden" name="attemptId" value={attemptId} /> : null}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormField
        id={`${formId}-amount`}
        label="Amount (₹)"
        name="amount"
        inputMode="decimal"
        required
        defaultValue={state.values?.amount ?? paiseToRupeesText(refundablePaise)}
        readOnly={confirming !== null}
        hint={`Up to ${formatRupees(refundablePaise)}.`}
        error={amountError ?? state.fieldErrors?.amount}
      />
      <FormField
        id={`${formId}-reason`}
        label="Reason"
        name="reason"
        required
        maxLength={500}
        defaultValue={state.values?.reason}
        readOnly={confirming !== null}
        hint="Kept with the refund and in the order's timeline."
        error={state.fieldErrors?.reason}
      />
      {canRestock ? (
        <div className="flex flex-col gap-1">
          <label className="flex items-center gap-2 text-sm font-medium text-stone-800">
            <input
              type="checkbox"
              name="restock"
              checked={restock}
              disabled={confirming !== null}
              onChange={(event) => setRestock(event.target.checked)}
              aria-describedby={`${formId}-restock-hint`}
              className="h-4 w-4"
            />
            Put the items back in stock
          </label>
          <p id={`${formId}-restock-hint`} className="text-xs text-stone-600">
            Only with a full refund. The items go back once the gateway confirms the refund.
          </p>
          {/* A disabled checkbox is not sent: while confirming, its value goes as a hidden field. */}
          {confirming !== null && restock ? <input type="hidden" name="restock" value="on" /> : null}
        </div>
      ) : null}
      {confirming === null ? (
        <button
          type="button"
          onClick={(event) => review(event.currentTarget.form)}
          className="self-start rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
        >
          Refund…
        </button>
      ) : (
        <div
          role="group"
          aria-labelledby={`${formId}-confirm`}
          className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
        >
          <p id={`${formId}-confirm`} className="font-medium text-amber-950">
            Refund {formatRupees(confirming)} to the shopper{restock ? " and put the items back in stock" : ""}?
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              ref={confirmButton}
              type="submit"
              disabled={pending}
              className="rounded-full bg-red-700 px-5 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-70"
            >
              {pending ? "Refunding…" : `Yes, refund ${formatRupees(confirming)}`}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => setConfirming(null)}
              className="rounded-full border border-stone-300 bg-white px-5 py-2 text-stone-800"
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {result}
    </form>
  );
}
