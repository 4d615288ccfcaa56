"use client";

import Link from "next/link";
import { useActionState, useEffect, type HTMLAttributes, type ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { INDIAN_STATES, INDIAN_UNION_TERRITORIES } from "@/lib/checkout/indian-states";
import { CHECKOUT_FIELDS, type CheckoutField } from "@/lib/checkout/checkout-fields";
import { startCheckoutAction, type PaymentActionState } from "./actions";
import { PayButtonNotices } from "./pay-button-notices";
import { usePaymentLaunch } from "./use-payment-launch";

const initialState: PaymentActionState = {};

export type CheckoutDefaults = Partial<Record<CheckoutField, string>>;

const fieldId = (field: CheckoutField) => `checkout-${field}`;

/**
 * The checkout's details and its Pay button. Every field refills itself from the action's
 * answer (React resets a form its action submitted), so nothing typed is lost to an error,
 * a refusal or an overlay closed unpaid; after field errors the first one takes the focus.
 */
export function CheckoutForm({
  defaults,
  fromLastOrder,
  totalLabel,
}: {
  defaults: CheckoutDefaults;
  /** The defaults came from the shopper's last order: the form says so. */
  fromLastOrder: boolean;
  totalLabel: string;
}) {
  const [state, formAction, pending] = useActionState(startCheckoutAction, initialState);
  const launch = usePaymentLaunch(state);
  const fieldErrors = state.fieldErrors ?? {};
  const values = state.values ?? defaults;
  const busy = pending || launch.phase === "opening";
  // The overlay opens from React: a Pay pressed before hydration would start a payment that
  // never opens.
  const hydrated = useHydrated();

  useEffect(() => {
    const firstInvalid = CHECKOUT_FIELDS.find((field) => state.fieldErrors?.[field] !== undefined);
    if (firstInvalid) document.getElementById(fieldId(firstInvalid))?.focus();
  }, [state]);

  const field = (name: CheckoutField) => ({
    name,
    error: fieldErrors[name],
    defaultValue: values[name] ?? "",
  });

  return (
    <form action={formAction} className="flex flex-col gap-6" noValidate>
      <fieldset className="flex flex-col gap-4">
        <legend className="font-display text-lg font-semibold">Contact</legend>
        <TextField {...field("email")} label="Email" type="email" autoComplete="email" />
        <TextField
          {...field("mobile")}
          label="Mobile number"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          placeholder="98765 43210"
          hint="A 10-digit Indian mobile number, for the bank's payment messages and the courier."
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="font-display text-lg font-semibold">Delivery address</legend>
        {fromLastOrder ? (
          <p className="-mt-2 text-sm text-stone-600" data-testid="checkout-from-last-order">
            From your last order. Change anything that is different this time.
          </p>
        ) : null}
        <TextField {...field("name")} label="Full name" autoComplete="name" />
        <TextField
          {...field("line1")}
          label="Address line 1"
          autoComplete="address-line1"
          hint="House or flat number, building, street."
        />
        <TextField
          {...field("line2")}
          label="Address line 2 (optional)"
          autoComplete="address-line2"
          hint="Area, locality or landmark."
          optional
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("city")} label="Town or city" autoComplete="address-level2" />
          <StateField {...field("state")} />
        </div>
        <TextField
          {...field("pinCode")}
          label="PIN code"
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={7}
          placeholder="560001"
          hint="Six digits."
          className="sm:max-w-[12rem]"
        />
      </fieldset>
      <button
        type="submit"
        disabled={busy || !hydrated}
        aria-busy={busy}
        className="flex items-center justify-center gap-2 rounded-full bg-brand-600 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-700 disabled:opacity-70 aria-busy:cursor-wait"
      >
        {busy ? (
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" aria-hidden />
        ) : null}
        {busy ? "Opening secure payment…" : `Pay ${totalLabel}`}
      </button>
      <PayButtonNotices waiting={busy} />
      <div aria-live="polite" role="status" className="text-sm">
        {state.error ? (
          <p className="rounded-lg bg-red-50 p-3 text-red-800" data-testid="checkout-error">
            {state.error}
            {state.orderUrl ? (
              <>
                {" "}
                <Link href={state.orderUrl} className="underline">
                  View the order
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
        {launch.phase === "failed" ? <p className="rounded-lg bg-red-50 p-3 text-red-800">{launch.error}</p> : null}
        {launch.phase === "open" && state.launch && state.orderUrl ? (
          <p className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
            Complete the payment in the secure Atom window. Closed it by mistake?{" "}
            <Link href={state.orderUrl} className="underline">
              Go to your order
            </Link>{" "}
            to pay again.
          </p>
        ) : null}
      </div>
    </form>
  );
}

interface FieldProps {
  name: CheckoutField;
  error: string | undefined;
  defaultValue: string;
}

/** A label, its control, and the error (or hint) the control is described by. */
function LabelledField({
  name,
  label,
  error,
  hint,
  className,
  children,
}: {
  name: CheckoutField;
  label: string;
  error: string | undefined;
  hint?: string;
  className?: string;
  children: (described: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = fieldId(name);
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function TextField({
  name,
  error,
  defaultValue,
  label,
  hint,
  optional = false,
  type = "text",
  inputMode,
  autoComplete,
  placeholder,
  maxLength,
  className,
}: FieldProps & {
  label: string;
  hint?: string;
  optional?: boolean;
  type?: "text" | "email" | "tel";
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  autoComplete: string;
  placeholder?: string;
  maxLength?: number;
  className?: string;
}) {
  return (
    <LabelledField name={name} label={label} error={error} hint={hint} className={className}>
      {(described) => (
        <input
          {...described}
          name={name}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          placeholder={placeholder}
          maxLength={maxLength}
          required={!optional}
          defaultValue={defaultValue}
          className="mt-1 w-full rounded-lg border border-stone-300 px-3 py-2"
        />
      )}
    </LabelledField>
  );
}

/** The official states and union territories, grouped. */
function StateField({ name, error, defaultValue }: FieldProps) {
  return (
    <LabelledField name={name} label="State or union territory" error={error}>
      {(described) => (
        // A select takes a new default only when it mounts: keyed by it, so it shows what was sent.
        <select
          key={defaultValue}
          {...described}
          name={name}
          autoComplete="address-level1"
          required
          defaultValue={defaultValue}
          className="mt-1 w-full rounded-lg border border-stone-300 bg-white px-3 py-2"
        >
          <option value="">Choose…</option>
          <optgroup label="States">
            {INDIAN_STATES.map((state) => (
              <option key={state}>{state}</option>
            ))}
          </optgroup>
          <optgroup label="Union territories">
            {INDIAN_UNION_TERRITORIES.map((state) => (
              <option key={state}>{state}</option>
            ))}
          </optgroup>
        </select>
      )}
    </LabelledField>
  );
}
