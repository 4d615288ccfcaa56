import type { Order } from "@/db/schema";
import type { OrderActions } from "@/lib/admin/order-actions";
import { deliveryAddressOf } from "@/lib/checkout/delivery-address";
import { COMMON_CARRIERS } from "@/lib/orders/shipment-details";
import { formatShopDateTime } from "@/lib/shop-time";
import { DeliveryAddressLines } from "@/components/orders/delivery-address-lines";
import { deliverOrder } from "./actions";
import { OrderActionButton } from "./order-action-button";
import { Panel } from "./panel";
import { ShipOrderForm } from "./ship-order-form";

/**
 * Where the order goes, when it was paid, shipped (how) and delivered, and the one shipping
 * step open now; when none is, why (a flagged order "needs review before it ships").
 */
export function ShippingPanel({ order, actions }: { order: Order; actions: Pick<OrderActions, "ship" | "deliver"> }) {
  const { ship, deliver } = actions;
  // Before shipping, the reason not to ship is the one that matters; after it, the reason not to deliver.
  const closed = order.status === "pending" || order.status === "paid" ? ship : deliver;
  const address = deliveryAddressOf(order);
  return (
    <Panel id="shipping" title="Shipping">
      <h3 className="mt-3 text-sm font-medium text-stone-500">Deliver to</h3>
      {address ? (
        <div className="mt-1">
          <DeliveryAddressLines address={address} testId="admin-delivery-address" />
        </div>
      ) : (
        <p className="mt-1 text-sm text-stone-600">No address: the order was placed before checkout asked for one.</p>
      )}
      <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
        <dt className="text-stone-500">Paid</dt>
        <dd>{order.paidAt ? formatShopDateTime(order.paidAt) : "—"}</dd>
        <dt className="text-stone-500">Shipped</dt>
        <dd>{order.shippedAt ? formatShopDateTime(order.shippedAt) : "—"}</dd>
        {order.shippingCarrier ? (
          <>
            <dt className="text-stone-500">Carrier</dt>
            <dd data-testid="admin-shipping-carrier">{order.shippingCarrier}</dd>
            <dt className="text-stone-500">Tracking</dt>
            <dd className="font-mono break-all" data-testid="admin-tracking-number">
              {order.trackingNumber}
            </dd>
          </>
        ) : null}
        <dt className="text-stone-500">Delivered</dt>
        <dd>{order.deliveredAt ? formatShopDateTime(order.deliveredAt) : "—"}</dd>
      </dl>
      <div className="mt-4">
        {ship.open ? (
          <ShipOrderForm orderId={order.id} carriers={COMMON_CARRIERS} />
        ) : deliver.open ? (
          <OrderActionButton
            action={deliverOrder}
            fields={{ orderId: order.id }}
            label="Mark delivered"
            pendingLabel="Marking delivered…"
          />
        ) : closed.open ? null : (
          <p
            className={`text-sm ${closed.code === "needs_review" ? "font-medium text-red-800" : "text-stone-600"}`}
            data-testid="admin-shipping-closed"
            data-code={closed.code}
          >
            {closed.message}
          </p>
        )}
      </div>
    </Panel>
  );
}
