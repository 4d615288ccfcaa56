"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { formatGstRate, GST_RATE_SLABS } from "@/lib/gst";
import { paiseToRupeesText } from "@/lib/money";
import { updateProductAction, type ProductFormState } from "./actions";

/** What the edit form shows of a product, and what it was when the page was made. */
export interface EditableProduct {
  id: string;
  name: string;
  summary: string;
  description: string;
  price: number;
  stock: number;
  gstRateBasisPoints: number;
  hsnCode: string | null;
  active: boolean;
  version: string;
}

type Field = keyof NonNullable<ProductFormState["fieldErrors"]>;

const INPUT = "mt-1 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";

/**
 * One product's edit: its texts, price, stock, GST rate, HSN code and whether it is for sale.
 * The price, stock level and version shown go along, so a change saved meanwhile (by an
 * order, or another admin) is never overwritten: the admin is told and saves again.
 */
export function ProductForm({ product }: { product: EditableProduct }) {
  const [state, formAction, pending] = useActionState<ProductFormState, FormData>(updateProductAction, {});
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};
  const values = state.values;
  useEffect(() => {
    // After a refusal, the first field to correct takes the focus.
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  const described = (field: Field, hint?: boolean) =>
    [errors[field] ? `${id}-${field}-error` : undefined, hint ? `${id}-${field}-hint` : undefined]
      .filter(Boolean)
      .join(" ") || undefined;
  const invalid = (field: Field) => (errors[field] ? true : undefined);
  const fieldProps = (field: Field, hint?: boolean) => ({
    id: `${id}-${field}`,
    name: field,
    "aria-invalid": invalid(field),
    "aria-describedby": described(field, hint),
  });
  const error = (field: Field): ReactNode =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="mt-1 text-sm text-red-700">
        {errors[field]}
      </p>
    ) : null;
  const label = (field: Field, text: string) => (
    <label htmlFor={`${id}-${field}`} className="block text-sm font-medium text-stone-700">
      {text}
    </label>
  );

  return (
    <form ref={formRef} action={formAction} noValidate className="flex flex-col gap-4" data-testid="product-form">
      <input type="hidden" name="productId" value={product.id} />
      <input type="hidden" name="expectedStock" value={product.stock} />
      <input type="hidden" name="expectedPrice" value={product.price} />
      <input type="hidden" name="version" value={product.version} />

      <div>
        {label("name", "Name")}
        <input
          {...fieldProps("name")}
          required
          maxLength={100}
          defaultValue={values?.name ?? product.name}
          className={INPUT}
        />
        {error("name")}
      </div>
      <div>
        {label("summary", "Summary")}
        <input
          {...fieldProps("summary", true)}
          maxLength={200}
          defaultValue={values?.summary ?? product.summary}
          className={INPUT}
        />
        <p id={`${id}-summary-hint`} className="mt-1 text-xs text-stone-600">
          One line, on product cards and in search results.
        </p>
        {error("summary")}
      </div>
      <div>
        {label("description", "Description")}
        <textarea
          {...fieldProps("description", true)}
          required
          rows={8}
          defaultValue={values?.description ?? product.description}
          className={INPUT}
        />
        <p id={`${id}-description-hint`} className="mt-1 text-xs text-stone-600">
          Paragraphs separated by a blank line.
        </p>
        {error("description")}
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          {label("price", "Price (₹, GST included)")}
          <input
            {...fieldProps("price", true)}
            required
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values?.price ?? paiseToRupeesText(product.price)}
            className={`${INPUT} tabular-nums`}
          />
          <p id={`${id}-price-hint`} className="mt-1 text-xs text-stone-600">
            For new orders only: orders already placed keep the price they were placed at.
          </p>
          {error("price")}
        </div>
        <div>
          {label("stock", "In stock")}
          <input
            {...fieldProps("stock", true)}
            type="number"
            inputMode="numeric"
            min={0}
            required
            defaultValue={values?.stock ?? product.stock}
            className={`${INPUT} tabular-nums`}
          />
          <p id={`${id}-stock-hint`} className="mt-1 text-xs text-stone-600">
            Units left to sell. Saved only if no order moved it since this page was shown.
          </p>
          {error("stock")}
        </div>
        <div>
          {label("gstRate", "GST rate")}
          <select
            {...fieldProps("gstRate")}
            defaultValue={values?.gstRate ?? String(product.gstRateBasisPoints)}
            className={INPUT}
          >
            {GST_RATE_SLABS.map((rate) => (
              <option key={rate} value={rate}>
                {formatGstRate(rate)}
              </option>
            ))}
          </select>
          {error("gstRate")}
        </div>
        <div>
          {label("hsnCode", "HSN code")}
          <input
            {...fieldProps("hsnCode", true)}
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            defaultValue={values?.hsnCode ?? product.hsnCode ?? ""}
            className={`${INPUT} font-mono`}
          />
          <p id={`${id}-hsnCode-hint`} className="mt-1 text-xs text-stone-600">
            4, 6 or 8 digits, printed on the tax invoice; empty when not yet classified.
          </p>
          {error("hsnCode")}
        </div>
      </div>

      <div className="flex items-start gap-2">
        <input
          id={`${id}-active`}
          name="active"
          type="checkbox"
          defaultChecked={values?.active !== undefined ? values.active === "on" : product.active}
          aria-describedby={`${id}-active-hint`}
          className="mt-1 h-4 w-4"
        />
        <div>
          <label htmlFor={`${id}-active`} className="text-sm font-medium text-stone-700">
            For sale
          </label>
          <p id={`${id}-active-hint`} className="text-xs text-stone-600">
            Unticked, it leaves the catalog and search and cannot be added to a cart; orders already placed are not
            affected.
          </p>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
        >
          {pending ? "Saving…" : "Save"}
        </button>
        <p
          aria-live="polite"
          role="status"
          data-testid="product-form-result"
          className={`text-sm ${state.error ? "text-red-700" : "text-emerald-800"}`}
        >
          {state.error ?? state.message ?? ""}
        </p>
      </div>
    </form>
  );
}
