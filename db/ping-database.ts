import postgres from "postgres";

// The readiness check's own line to PostgreSQL (lib/health): beside the app's pool, so a
// probe never queues behind the shop's queries.

/** Asks the database one trivial question; rejects when it cannot. */
export type DatabasePing = () => Promise<unknown>;

/**
 * A PostgreSQL ping on a connection of its own (not the app's pool): connect and statement
 * timeouts of `timeoutMs`, kept open between probes. After a timeout the connection is
 * dropped and the next ping opens a fresh one, so one stuck socket cannot fail every probe.
 */
export function openPostgresPing(
  url: string,
  timeoutMs: number,
): { ping: DatabasePing; reset(): void; close(): Promise<void> } {
  const open = () =>
    postgres(url, {
      max: 1,
      connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
      idle_timeout: 0,
      max_lifetime: null,
      onnotice: () => {},
      connection: { application_name: "shop-readiness", statement_timeout: timeoutMs },
    });
  let client = open();
  return {
    ping: () => client`select 1`,
    reset() {
      const stuck = client;
      client = open();
      void stuck.end({ timeout: 0 }).catch(() => {});
    },
    close: () => client.end({ timeout: 1 }),
  };
}
