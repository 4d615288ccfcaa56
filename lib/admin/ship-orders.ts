import { z } from "zod";
import type { Database } from "@/db";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { isDomainError } from "@/lib/domain-error";
import { errorFields, log } from "@/lib/log";
import { shipmentDetailsSchema } from "@/lib/orders/shipment-details";
import { SHIP_FIELD_PREFIX, shipFieldOf, trackingFieldOf } from "./bulk-ship-fields";
import { markOrderShipped } from "./shipping";
import { UUID } from "./filters";

/** At most this many orders in one submit (a list page shows 20). */
const MAX_PARCELS = 100;

/** One selected order and the tracking number of its own parcel. */
export interface ParcelToShip {
  orderId: string;
  trackingNumber: string;
}

/** What happened to one order of a bulk "mark shipped". */
export type BulkShipResult = { orderId: string } & (
  | { outcome: "shipped" }
  /** The shop's rules refused it (flagged, not paid, unknown): `message` says why. */
  | { outcome: "refused"; code: string; message: string }
  /** Something unexpected failed (logged); the order is unchanged. */
  | { outcome: "failed"; message: string }
);

/**
 * Marks each order shipped with one carrier and the order's own tracking number, through
 * the same service as the order page (markOrderShipped: its rule, its row lock, its own
 * transaction per order), one after another. A refused or failed order is reported and
 * the others go on.
 */
export async function markOrdersShipped(
  db: Database,
  actor: SessionUser | null,
  input: { carrier: string; parcels: readonly ParcelToShip[] },
): Promise<BulkShipResult[]> {
  assertAdmin(actor);
  if (input.parcels.length > MAX_PARCELS) throw new RangeError(`At most ${MAX_PARCELS} orders at once`);
  const results: BulkShipResult[] = [];
  for (const { orderId, trackingNumber } of input.parcels) {
    try {
      await markOrderShipped(db, actor, { orderId, carrier: input.carrier, trackingNumber });
      results.push({ orderId, outcome: "shipped" });
    } catch (error) {
      if (isDomainError(error)) results.push({ orderId, outcome: "refused", code: error.code, message: error.message });
      else if (error instanceof z.ZodError)
        results.push({ orderId, outcome: "refused", code: "invalid", message: error.issues[0]?.message ?? "Invalid." });
      else {
        log.error({ orderId, ...errorFields(error) }, "bulk mark shipped: one order failed");
        results.push({
          orderId,
          outcome: "failed",
          message: "Could not mark it shipped just now; see the server log.",
        });
      }
    }
  }
  return results;
}

/**
 * How the bulk form is read: the orders ticked (in the form's order), and a schema that
 * checks the carrier and each selected order's tracking number beside its own field. The
 * form's fields depend on the rows shown, so they are read from the submitted names.
 */
export function bulkShipFormOf(formData: FormData) {
  const orderIds = [
    ...new Set(
      [...formData.keys()]
        .filter((name) => name.startsWith(SHIP_FIELD_PREFIX))
        .map((name) => name.slice(SHIP_FIELD_PREFIX.length))
        .filter((orderId) => UUID.test(orderId)),
    ),
  ].slice(0, MAX_PARCELS);
  const trackingFields = orderIds.map(trackingFieldOf);
  const schema = z
    .record(z.string(), z.string())
    // Checked first, alone: with no order ticked, nothing else in the form matters.
    .refine(() => orderIds.length > 0, { message: "Tick the orders to mark shipped first.", path: [] })
    .pipe(
      z
        .object({
          carrier: shipmentDetailsSchema.shape.carrier,
          // A ticked row whose tracking field is missing is asked for its number like an empty one.
          ...Object.fromEntries(
            trackingFields.map((field) => [
              field,
              z.preprocess((value) => value ?? "", shipmentDetailsSchema.shape.trackingNumber),
            ]),
          ),
        })
        .catchall(z.string()),
    )
    .transform((input) => ({
      carrier: input.carrier,
      parcels: orderIds.map((orderId) => ({ orderId, trackingNumber: input[trackingFieldOf(orderId)] ?? "" })),
    }));
  return { schema, fields: ["carrier", ...trackingFields, ...orderIds.map(shipFieldOf)] };
}
