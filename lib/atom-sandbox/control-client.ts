import type { ControlRequest, DeliveryView, TransactionView } from "./control-schema";

// A typed client for the sandbox's control routes, for integration and e2e tests:
// plain fetch against the app's base URL (e.g. http://localhost:3201). Test code only.
// The routes answer callers on the server's machine; from elsewhere, pass the server's
// SANDBOX_CONTROL_TOKEN.

export type PaymentFilter = { atomTokenId: string } | { merchTxnId: string };

async function expectOk(response: Response, what: string): Promise<unknown> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`sandbox control: ${what} answered ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export function sandboxControl(baseUrl: string, options: { token?: string } = {}) {
  const base = `${baseUrl.replace(/\/+$/, "")}/atom-sandbox/control`;
  const query = (filter: PaymentFilter) => new URLSearchParams(filter).toString();
  const authorization: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const send = (url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { ...authorization, ...(init.headers as Record<string, string>) } });

  return {
    /** Sets switches for a scope (default "global"); sections given replace that scope's. */
    async set(request: ControlRequest): Promise<void> {
      await expectOk(
        await send(base, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(request),
        }),
        "set switches",
      );
    },

    /** Turns every switch off. */
    async reset(): Promise<void> {
      await expectOk(await send(base, { method: "DELETE" }), "reset switches");
    },

    /** The callback copies sent (or held, or dropped) for one payment, with their attempts. */
    async deliveries(filter: PaymentFilter): Promise<DeliveryView[]> {
      const body = (await expectOk(await send(`${base}/deliveries?${query(filter)}`), "list deliveries")) as {
        deliveries: DeliveryView[];
      };
      return body.deliveries;
    },

    /** The sandbox's record of one payment; null when it has none. */
    async transaction(filter: PaymentFilter): Promise<TransactionView | null> {
      const response = await send(`${base}/transactions?${query(filter)}`);
      if (response.status === 404) return null;
      return ((await expectOk(response, "show transaction")) as { transaction: TransactionView }).transaction;
    },
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
