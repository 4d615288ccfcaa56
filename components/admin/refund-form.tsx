"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { FormField } from "@/components/account/form-field";
import { NeedsJavaScriptNotice } from "@/components/ui/needs-javascript-notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatRupees } from "@/lib/money";
import { quantityField } from "@/lib/refunds/refund-form-fields";
import { refundOrder, type RefundFormState } from "./actions";

/** An order line as the form offers it: its price and how many of its units can still be refunded. */
interface RefundFormLine {
  orderItemId: string;
  name: string;
  unitPricePaise: number;
  quantity: number;
  unitsLeft: number;
}

type RefundBy = "items" | "amount";

interface RefundFormProps {
  orderId: string;
  /** An extra payment's attempt (paid twice, or after cancelling); absent for the order's own payment. */
  attemptId?: string;
  refundablePaise: number;
  /** Made by the server when the page renders; the same key twice is the same refund. */
  idempotencyKey: string;
  /** Why nothing can be refunded now; the form's last result stays on screen above it. */
  unavailable?: string;
  /** Offer "Put these items back in stock" (the order's own payment, while the order holds stock). */
  canRestock?: boolean;
  /** The order's lines, to refund by item (the order's own payment); absent: by amount only. */
  lines?: readonly RefundFormLine[];
}

/**
 * By item (units of each line) or by amount, a reason, then a confirmation that names the
 * amount before anything is sent. The first submit asks the server what the refund comes
 * to (nothing is created); "Confirm" submits the same fields again, with the same
 * idempotency key, and makes the refund. Needs JavaScript.
 */
export function RefundForm({
  orderId,
  attemptId,
  refundablePaise,
  idempotencyKey,
  unavailable,
  canRestock = false,
  lines,
}: RefundFormProps) {
  // Several refund forms can share the order page: each gets its own element ids.
  const formId = useId();
  const byItemOffered = lines !== undefined && lines.length > 0;
  // Nothing is chosen until the admin chooses (an extra payment is refunded by amount).
  const initialBy: RefundBy | null = byItemOffered ? null : "amount";
  const [refundBy, setRefundBy] = useState<RefundBy | null>(initialBy);
  // Controlled, so the choice survives the action's answer; unticked unless the admin ticks it.
  const [restock, setRestock] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Changed after a refund is made (or refused by the gateway): the form starts again, empty.
  const [formKey, setFormKey] = useState(0);
  // A choice ticked before hydration would not open the form, and a submit would go out as
  // a plain GET: the controls wait for React.
  const hydrated = useHydrated();
  const [state, formAction, pending] = useActionState<RefundFormState, FormData>(async (previous, formData) => {
    const next = await refundOrder(previous, formData);
    setConfirming(next.quote !== undefined);
    if (next.refundStatus !== undefined) {
      setRefundBy(initialBy);
      setRestock(false);
      setFormKey((key) => key + 1);
    }
    return next;
  }, {});
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Once the answer is in (a disabled button cannot take focus), Confirm has the focus.
  useEffect(() => {
    if (confirming && !pending) confirmButton.current?.focus();
  }, [confirming, pending]);

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

  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const quote = confirming ? state.quote : undefined;
  const restockHint =
    refundBy === "items"
      ? "The units chosen go back in stock once the gateway confirms the refund."
      : `By amount, only with a full refund of ${formatRupees(refundablePaise)} (everything still refundable): all the order's items then go back in stock once the gateway confirms it. To restock some items, refund by item.`;

  return (
    <form
      key={formKey}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        // Sent by hand, not through the form's action: React would reset a form its action
        // answered, and the admin's choices stay on screen between the two submits.
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(() => formAction(formData));
      }}
    >
      <input type="hidden" name="orderId" value={orderId} />
      {attemptId !== undefined ? <input type="hidden" name="attemptId" value={attemptId} /> : null}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {/* Disabled fields are not sent: while confirming, their values go as hidden fields. */}
      {refundBy !== null && (confirming || !byItemOffered) ? (
        <input type="hidden" name="refundBy" value={refundBy} />
      ) : null}
      {confirming ? <input type="hidden" name="confirmed" value="yes" /> : null}
      <NeedsJavaScriptNotice>Refunds need JavaScript: turn it on in this browser to refund.</NeedsJavaScriptNotice>

      {byItemOffered ? (
        <div
          role="radiogroup"
          aria-labelledby={`${formId}-by`}
          aria-invalid={errors.refundBy ? true : undefined}
          aria-describedby={errors.refundBy ? `${formId}-by-error` : undefined}
          className="flex flex-col gap-1"
        >
          <p id={`${formId}-by`} className="text-sm font-medium text-stone-800">
            Refund
          </p>
          <div className="flex flex-wrap gap-4">
            {(["items", "amount"] as const).map((by) => (
              <label key={by} className="flex items-center gap-2 text-sm text-stone-800 has-disabled:text-stone-500">
                <input
                  type="radio"
                  name="refundBy"
                  value={by}
                  checked={refundBy === by}
                  disabled={confirming || !hydrated}
                  onChange={() => setRefundBy(by)}
                  className="h-4 w-4"
                />
                {by === "items" ? "By item" : "By amount"}
              </label>
            ))}
          </div>
          {errors.refundBy ? (
            <p id={`${formId}-by-error`} className="text-sm text-red-700">
              {errors.refundBy}
            </p>
          ) : null}
        </div>
      ) : null}

      {refundBy === "items" && lines !== undefined ? (
        <fieldset className="flex flex-col gap-3" aria-describedby={errors.items ? `${formId}-items-error` : undefined}>
          <legend className="text-sm font-medium text-stone-800">Units to refund</legend>
          {lines.map((line) => {
            const field = quantityField(line.orderItemId);
            return (
              <FormField
                key={line.orderItemId}
                id={`${formId}-${field}`}
                label={`${line.name} (${formatRupees(line.unitPricePaise)} each)`}
                name={field}
                type="number"
                inputMode="numeric"
                min={0}
                max={line.unitsLeft}
                step={1}
                placeholder="0"
                defaultValue={values[field] ?? ""}
                readOnly={confirming}
                disabled={line.unitsLeft === 0}
                hint={
                  line.unitsLeft === 0
                    ? `All ${line.quantity} refunded or being refunded.`
                    : `0 to ${line.unitsLeft} (of ${line.quantity} bought).`
                }
                error={errors[field]}
              />
            );
          })}
          {errors.items ? (
            <p id={`${formId}-items-error`} className="text-sm text-red-700">
              {errors.items}
            </p>
          ) : null}
        </fieldset>
      ) : null}

      {refundBy === "amount" ? (
        <FormField
          id={`${formId}-amount`}
          label="Amount (₹)"
          name="amount"
          inputMode="decimal"
          required
          defaultValue={values.amount ?? ""}
          readOnly={confirming}
          hint={`Up to ${formatRupees(refundablePaise)}.`}
          error={errors.amount}
        />
      ) : null}

      {refundBy !== null ? (
        <>
          <FormField
            id={`${formId}-reason`}
            label="Reason"
            name="reason"
            required
            maxLength={500}
            defaultValue={values.reason ?? ""}
            readOnly={confirming}
            hint="Kept with the refund and in the order's timeline."
            error={errors.reason}
          />
          {canRestock ? (
            <div className="flex flex-col gap-1">
              <label className="flex items-center gap-2 text-sm font-medium text-stone-800 has-disabled:text-stone-500">
                <input
                  type="checkbox"
                  name="restock"
                  checked={restock}
                  disabled={confirming || !hydrated}
                  onChange={(event) => setRestock(event.target.checked)}
                  aria-invalid={errors.restock ? true : undefined}
                  aria-describedby={`${formId}-restock-hint${errors.restock ? ` ${formId}-restock-error` : ""}`}
                  className="h-4 w-4"
                />
                Put these items back in stock
              </label>
              <p id={`${formId}-restock-hint`} className="text-xs text-stone-600">
                {restockHint}
              </p>
              {errors.restock ? (
                <p id={`${formId}-restock-error`} className="text-sm text-red-700">
                  {errors.restock}
                </p>
              ) : null}
              {confirming && restock ? <input type="hidden" name="restock" value="on" /> : null}
            </div>
          ) : null}
        </>
      ) : null}

      {quote === undefined ? (
        refundBy !== null ? (
          <button
            type="submit"
            disabled={pending || !hydrated}
            className="self-start rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
          >
            {pending ? "Checking…" : "Refund…"}
          </button>
        ) : null
      ) : (
        <div
          role="group"
          aria-labelledby={`${formId}-confirm`}
          className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
        >
          <p id={`${formId}-confirm`} className="font-medium text-amber-950">
            Refund {formatRupees(quote.amountPaise)} to the shopper?
          </p>
          {quote.items !== undefined ? (
            <ul className="list-disc pl-5 text-sm text-amber-950">
              {quote.items.map((item, index) => (
                <li key={index}>
                  {item.name} × {item.quantity}: {formatRupees(item.amountPaise)}
                </li>
              ))}
            </ul>
          ) : null}
          {quote.restock ? (
            <p className="text-sm text-amber-950">
              {quote.items !== undefined ? "These units go" : "The order's items go"} back in stock once the gateway
              confirms the refund.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button
              ref={confirmButton}
              type="submit"
              disabled={pending}
              className="rounded-full bg-red-700 px-5 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-70"
            >
              {pending ? "Refunding…" : "Confirm"}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => setConfirming(false)}
              className="rounded-full border border-stone-300 bg-white px-5 py-2 text-stone-800"
            >
              Go back
            </button>
          </div>
        </div>
      )}
      {result}
    </form>
  );
}
