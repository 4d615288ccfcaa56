import { eq } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db/client";
import { products, users } from "@/db/schema";
import { createAtomClient, parseAtomConfig, type AtomClient } from "@/lib/atom";
import { sandboxControl, type SandboxControl } from "@/lib/atom-sandbox/control-client";
import { findSessionUser } from "@/lib/auth/accounts";
import type { SessionUser } from "@/lib/auth/session";
import type { PaymentContext } from "@/lib/payments/start-checkout";
import { SOAK_STOCK } from "./check-invariants";
import type { Fleet, Instance } from "./start-instances";
import { Tally } from "./tally";

// The soak plays the shop's own server code (checkout, the admin's refunds) against the
// shared database, with gateway clients pointed at one instance or the other, as a third
// process of the same deployment would.

export interface App {
  fleet: Fleet;
  /** The app's own database module (drizzle), for its services. */
  db: Database;
  /** Plain SQL for the soak's own reads (the ledgers, the invariants). */
  sql: postgres.Sql;
  admin: SessionUser;
  productIds: readonly string[];
  tally: Tally;
  /** startCheckout's context with AUTH sent to this instance's sandbox. */
  paymentContext(instance: Instance): PaymentContext;
  /** A gateway client for REFUND on this instance's sandbox; times out sooner than a hang lasts. */
  refundGateway(instance: Instance): Pick<AtomClient, "refund">;
  control(instance: Instance): SandboxControl;
  close(): Promise<void>;
}

/** How long the soak's REFUND call waits; the refund hang switch holds answers longer. */
const REFUND_TIMEOUT_MS = 5_000;

export async function connectApp(fleet: Fleet, databaseUrl: string, poolMax: number): Promise<App> {
  const handle = openDatabase({ url: databaseUrl, poolMax });
  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const gateways = new Map(
    fleet.instances.map((instance) => {
      const atom = parseAtomConfig({ ATOM_MODE: "sandbox" }, { appUrl: instance.url });
      return [
        instance,
        {
          payments: { db: handle.db, gateway: createAtomClient(atom), atom, appUrl: instance.url },
          refunds: createAtomClient(atom, { timeoutMs: REFUND_TIMEOUT_MS }),
          control: sandboxControl(instance.url),
        },
      ] as const;
    }),
  );
  const gatewaysOf = (instance: Instance) => {
    const found = gateways.get(instance);
    if (found === undefined) throw new Error(`no gateway client for instance ${instance.name}`);
    return found;
  };
  const [adminRow] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, fleet.adminEmail));
  const admin = adminRow === undefined ? null : await findSessionUser(handle.db, adminRow.id);
  if (admin === null || admin.role !== "admin") throw new Error(`the seeded admin ${fleet.adminEmail} is missing`);
  const productRows = await handle.db.select({ id: products.id }).from(products).where(eq(products.active, true));
  if (productRows.length === 0) throw new Error("the catalog is empty: the instances did not seed it");
  // The soak is about payments, not running out: stock enough for any run, which invariant 6 counts back.
  await handle.db.update(products).set({ stock: SOAK_STOCK });

  return {
    fleet,
    db: handle.db,
    sql,
    admin,
    productIds: productRows.map((row) => row.id),
    tally: new Tally(),
    paymentContext: (instance) => gatewaysOf(instance).payments,
    refundGateway: (instance) => gatewaysOf(instance).refunds,
    control: (instance) => gatewaysOf(instance).control,
    async close() {
      await sql.end({ timeout: 5 });
      await handle.close();
    },
  };
}
