import type { Order } from "@/db/schema";
import { deliveryAddressOf } from "@/lib/checkout/delivery-address";
import { formatShopDateTime } from "@/lib/shop-time";
import { DeliveryAddressLines } from "./delivery-address-lines";

/** Where the order goes and, once it has shipped, how to follow it. */
export function OrderDelivery({ order }: { order: Order }) {
  const address = deliveryAddressOf(order);
  if (!address && !order.shippedAt) return null;
  return (
    <section aria-labelledby="delivery-heading" className="rounded-2xl bg-white p-6 shadow-sm">
      <h2 id="delivery-heading" className="font-display text-lg font-semibold">
        Delivery
      </h2>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        {address ? (
          <div>
            <h3 className="text-sm text-stone-500">Delivery address</h3>
            <div className="mt-1">
              <DeliveryAddressLines address={address} testId="order-delivery-address" />
            </div>
          </div>
        ) : null}
        {order.shippedAt ? (
          <dl className="grid grid-cols-[auto_1fr] content-start gap-x-4 gap-y-1 text-sm" data-testid="order-shipment">
            <dt className="text-stone-500">Shipped</dt>
            <dd>{formatShopDateTime(order.shippedAt)}</dd>
            {order.shippingCarrier ? (
              <>
                <dt className="text-stone-500">Carrier</dt>
                <dd data-testid="order-carrier">{order.shippingCarrier}</dd>
                <dt className="text-stone-500">Tracking number</dt>
                <dd className="font-mono break-all" data-testid="order-tracking-number">
                  {order.trackingNumber}
                </dd>
              </>
            ) : null}
            {order.deliveredAt ? (
              <>
                <dt className="text-stone-500">Delivered</dt>
                <dd>{formatShopDateTime(order.deliveredAt)}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </div>
    </section>
  );
}
