import { ScrollBox } from "@/components/admin/scroll-box";
import { SHOP_NAME } from "@/components/ui/site-header";
import { formatGstRate } from "@/lib/gst";
import { formatRupees } from "@/lib/money";
import type { Receipt } from "@/lib/orders/build-receipt";
import { formatShopDateTime } from "@/lib/shop-time";
import { orderReference } from "@/lib/order-reference";

/** A paid order's tax invoice, laid out for the screen and for paper alike. */
export function ReceiptDocument({ receipt }: { receipt: Receipt }) {
  const { seller, delivery, totals, supply } = receipt;
  const intraState = supply.kind === "intra_state";
  const placeOfSupply = supply.placeOfSupply;
  return (
    <article
      aria-labelledby="receipt-heading"
      className="rounded-2xl bg-white p-6 shadow-sm print:p-0 print:shadow-none"
      data-testid="receipt"
    >
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-stone-200 pb-4">
        <div>
          <p className="font-display text-2xl font-bold text-brand-900">{SHOP_NAME}</p>
          <p className="text-sm text-stone-700">{seller.legalName}</p>
          <p className="text-sm text-stone-700">{seller.address}</p>
          <p className="text-sm text-stone-700">
            GSTIN <span className="font-mono">{seller.gstin}</span>
          </p>
        </div>
        <div className="text-left sm:text-right">
          <h1 id="receipt-heading" className="font-display text-xl font-bold">
            Tax invoice
          </h1>
          <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-3 text-sm">
            <dt className="text-stone-600">Invoice number</dt>
            <dd className="font-mono" data-testid="invoice-number">
              {receipt.invoiceNumber}
            </dd>
            <dt className="text-stone-600">Date of payment</dt>
            <dd>{formatShopDateTime(receipt.paidAt)}</dd>
            <dt className="text-stone-600">Order</dt>
            <dd className="font-mono">{orderReference(receipt.orderId)}</dd>
          </dl>
        </div>
      </header>

      <div className="grid gap-4 border-b border-stone-200 py-4 text-sm sm:grid-cols-2">
        <section aria-labelledby="bill-to-heading">
          <h2 id="bill-to-heading" className="font-semibold">
            Bill to
          </h2>
          {delivery ? <p>{delivery.name}</p> : null}
          <p className="break-all">{receipt.buyer.email}</p>
          <p>{receipt.buyer.mobile}</p>
        </section>
        <section aria-labelledby="ship-to-heading">
          <h2 id="ship-to-heading" className="font-semibold">
            Ship to
          </h2>
          {delivery ? (
            <address className="not-italic" data-testid="receipt-ship-to">
              {delivery.name}
              {delivery.lines.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : (
            <p className="text-stone-600">No delivery address was recorded for this order.</p>
          )}
        </section>
      </div>

      <ScrollBox label="Items" className="my-4 print:overflow-visible">
        <table className="w-full min-w-[48rem] text-sm">
          <caption className="sr-only">Items, with the GST each price includes</caption>
          <thead className="border-b border-stone-200 text-left text-stone-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Item
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                HSN
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Unit price
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Qty
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Taxable value
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                GST rate
              </th>
              {intraState ? (
                <>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    CGST
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    SGST
                  </th>
                </>
              ) : (
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  IGST
                </th>
              )}
              <th scope="col" className="py-2 text-right font-medium">
                Amount
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {receipt.lines.map((line, index) => (
              <tr key={index} data-testid="receipt-line">
                <td className="py-2 pr-3">{line.name}</td>
                <td className="py-2 pr-3 font-mono" data-testid="receipt-line-hsn">
                  {line.hsnCode ?? "—"}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatRupees(line.unitPricePaise)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{line.quantity}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatRupees(line.taxablePaise)}</td>
                <td className="py-2 pr-3 text-right tabular-nums" data-testid="receipt-line-rate">
                  {formatGstRate(line.rateBasisPoints)}
                </td>
                {intraState ? (
                  <>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {formatRupees(line.cgstPaise)}
                      <span className="block text-xs text-stone-600">@ {formatGstRate(line.rateBasisPoints / 2)}</span>
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {formatRupees(line.sgstPaise)}
                      <span className="block text-xs text-stone-600">@ {formatGstRate(line.rateBasisPoints / 2)}</span>
                    </td>
                  </>
                ) : (
                  <td className="py-2 pr-3 text-right tabular-nums">{formatRupees(line.igstPaise)}</td>
                )}
                <td className="py-2 text-right tabular-nums">{formatRupees(line.amountPaise)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-stone-300 font-semibold">
            <tr>
              <th scope="row" colSpan={4} className="py-2 pr-3 text-left">
                Total
              </th>
              <td className="py-2 pr-3 text-right tabular-nums" data-testid="receipt-taxable">
                {formatRupees(totals.taxablePaise)}
              </td>
              <td className="py-2 pr-3" />
              {intraState ? (
                <>
                  <td className="py-2 pr-3 text-right tabular-nums" data-testid="receipt-cgst">
                    {formatRupees(totals.cgstPaise)}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums" data-testid="receipt-sgst">
                    {formatRupees(totals.sgstPaise)}
                  </td>
                </>
              ) : (
                <td className="py-2 pr-3 text-right tabular-nums" data-testid="receipt-igst">
                  {formatRupees(totals.igstPaise)}
                </td>
              )}
              <td className="py-2 text-right tabular-nums" data-testid="receipt-goods-total">
                {formatRupees(totals.amountPaise)}
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollBox>

      <dl className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-stone-200 pt-4 text-sm">
        <dt>Goods (prices include GST)</dt>
        <dd className="text-right tabular-nums">{formatRupees(totals.amountPaise)}</dd>
        <dt>of which GST ({intraState ? "CGST + SGST" : "IGST"})</dt>
        <dd className="text-right tabular-nums" data-testid="receipt-gst">
          {formatRupees(totals.gstPaise)}
        </dd>
        {receipt.surchargePaise > 0 ? (
          <>
            <dt>Convenience fee (payment gateway)</dt>
            <dd className="text-right tabular-nums" data-testid="receipt-surcharge">
              {formatRupees(receipt.surchargePaise)}
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">Total paid</dt>
        <dd className="text-right font-semibold tabular-nums" data-testid="receipt-paid">
          {formatRupees(receipt.paidPaise)}
        </dd>
        {receipt.refunds.map((refund, index) => (
          <div key={index} className="contents" data-testid="receipt-refund">
            <dt>Refunded {formatShopDateTime(refund.refundedAt)}</dt>
            <dd className="text-right tabular-nums">−{formatRupees(refund.amountPaise)}</dd>
          </div>
        ))}
        {receipt.refundedPaise > 0 ? (
          <>
            <dt className="font-semibold">Net paid</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="receipt-net">
              {formatRupees(receipt.paidPaise - receipt.refundedPaise)}
            </dd>
          </>
        ) : null}
      </dl>

      <p className="mt-6 text-xs text-stone-600">
        Prices include GST at each item&rsquo;s rate; the GST shown is the part of each price that is tax
        {intraState
          ? ", half central GST (CGST) and half state GST (SGST), an odd paisa going to SGST."
          : ", all of it integrated GST (IGST), the goods going to another state."}
        {receipt.surchargePaise > 0
          ? " The convenience fee is the payment gateway's charge and is not part of the goods' taxable value."
          : ""}
      </p>
      <p className="mt-1 text-xs text-stone-600" data-testid="receipt-place-of-supply">
        {placeOfSupply
          ? `Place of supply: ${placeOfSupply.name} (${placeOfSupply.code}).`
          : "No delivery state was recorded for this order: it is invoiced as a supply within the seller's state."}
      </p>
    </article>
  );
}
