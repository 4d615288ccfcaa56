import type { Order } from "@/db/schema";
import { formatShopDateTime } from "@/lib/shop-time";
import { deliverOrder, shipOrder } from "./actions";
import { OrderActionButton } from "./order-action-button";
import { Panel } from "./panel";

/** When the order was paid, shipped and delivered, and the one shipping step open now. */
export function ShippingPanel({ order }: { order: Order }) {
  return (
    <Panel id="shipping" title="Shipping">
      <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
        <dt className="text-stone-500">Paid</dt>
        <dd>{order.paidAt ? formatShopDateTime(order.paidAt) : "—"}</dd>
        <dt className="text-stone-500">Shipped</dt>
        <dd>{order.shippedAt ? formatShopDateTime(order.shippedAt) : "—"}</dd>
        <dt className="text-stone-500">Delivered</dt>
        <dd>{order.deliveredAt ? formatShopDateTime(order.deliveredAt) : "—"}</dd>
      </dl>
      <div className="mt-4">
        {order.status === "paid" ? (
          <OrderActionButton
            action={shipOrder}
            fields={{ orderId: order.id }}
            label="Mark shipped"
            pendingLabel="Marking shipped…"
          />
        ) : order.status === "shipped" ? (
          <OrderActionButton
            action={deliverOrder}
            fields={{ orderId: order.id }}
            label="Mark delivered"
            pendingLabel="Marking delivered…"
          />
        ) : (
          <p className="text-sm text-stone-600">No shipping step is open for a {order.status} order.</p>
        )}
      </div>
    </Panel>
  );
}
