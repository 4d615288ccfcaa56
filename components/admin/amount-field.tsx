import { paiseToRupeesText } from "@/lib/money";
import { FILTER_FIELD } from "./list-filters";

/** A list filter's amount in rupees ("1499.50"); a value that is not an amount is ignored, as in any filter. */
export function AmountField({ id, name, label, paise }: { id: string; name: string; label: string; paise?: number }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="decimal"
        placeholder="e.g. 1499.50"
        pattern="[₹\s]*[\d,]+(\.\d{1,2})?\s*"
        title="An amount in rupees, e.g. 1499.50"
        defaultValue={paise === undefined ? "" : paiseToRupeesText(paise)}
        className={FILTER_FIELD}
      />
    </div>
  );
}
