import type { Database } from "@/db";
import type { AtomConfig } from "@/lib/atom";
import { authApi } from "./apis/auth";
import { serveGatewayApi } from "./apis/gateway-api";
import { refundApi } from "./apis/refund";
import { refundStatusApi } from "./apis/refund-status";
import { transactionStatusApi } from "./apis/transaction-status";
import { Background } from "./background";
import { pumpDeliveries } from "./callbacks";
import { serveCheckoutScript } from "./checkout-script";
import type { SandboxContext } from "./context";
import { clearSwitches, setSwitches, showDeliveries, showSwitches, showTransaction } from "./control";
import { mayControlSandbox, type ControlAccess } from "./control-access";
import { showPaymentPage, submitPaymentPage } from "./payment-page";
import { settleDuePayments } from "./payments";
import { serveTestReturn } from "./test-return";

type Handler = (context: SandboxContext, request: Request, match: RegExpExecArray) => Promise<Response>;

/**
 * Paths under /atom-sandbox. The gateway's own paths mirror the real hosts' (protocol page
 * §2); `control` marks the test controls, open only to callers mayControlSandbox accepts.
 */
const ROUTES: ReadonlyArray<{ pattern: RegExp; methods: Partial<Record<string, Handler>>; control?: true }> = [
  { pattern: /^\/ots\/aipay\/auth$/, methods: { POST: (c, r) => serveGatewayApi(c, authApi, r) } },
  { pattern: /^\/ots\/v2\/payment\/status$/, methods: { POST: (c, r) => serveGatewayApi(c, transactionStatusApi, r) } },
  { pattern: /^\/ots\/payment\/refund$/, methods: { POST: (c, r) => serveGatewayApi(c, refundApi, r) } },
  { pattern: /^\/ots\/payment\/refund-status$/, methods: { POST: (c, r) => serveGatewayApi(c, refundStatusApi, r) } },
  { pattern: /^\/staticdata\/ots\/js\/atomcheckout\.js$/, methods: { GET: () => serveCheckoutScript() } },
  {
    pattern: /^\/pay\/(\d{14})$/,
    methods: {
      GET: (c, r, m) => showPaymentPage(c, r, m[1] ?? ""),
      POST: (c, r, m) => submitPaymentPage(c, r, m[1] ?? ""),
    },
  },
  { pattern: /^\/test-return$/, methods: { POST: (c, r) => serveTestReturn(c.atom, r) } },
  {
    pattern: /^\/control$/,
    methods: { GET: (c) => showSwitches(c), POST: (c, r) => setSwitches(c, r), DELETE: (c) => clearSwitches(c) },
    control: true,
  },
  { pattern: /^\/control\/deliveries$/, methods: { GET: (c, r) => showDeliveries(c, r) }, control: true },
  { pattern: /^\/control\/transactions$/, methods: { GET: (c, r) => showTransaction(c, r) }, control: true },
];

const controlRefused = () =>
  Response.json(
    {
      error:
        "the sandbox's control routes answer callers on this machine, or with Authorization: Bearer <SANDBOX_CONTROL_TOKEN>",
    },
    { status: 403, headers: { "cache-control": "no-store" } },
  );

const SANDBOX_PREFIX = "/atom-sandbox";

// Timers die with their process, and a send can fail on a database error: this catch-up
// finds what they would have done. It runs when the service starts and every few seconds
// after that (jittered, so instances spread out).
const CATCH_UP_EVERY_MS = 5_000;

export interface SandboxService {
  context: SandboxContext;
  /** Answers any request under /atom-sandbox (the caller checks the sandbox mode). */
  handle(request: Request): Promise<Response>;
  /** Stops timers and waits for work in progress (tests, shutdown). */
  close(): Promise<void>;
}

export function createSandboxService(options: {
  db: Database;
  atom: AtomConfig;
  callbackUrl: string;
  controlAccess: ControlAccess;
}): SandboxService {
  const { controlAccess, ...shared } = options;
  const context: SandboxContext = { ...shared, background: new Background() };
  const catchUpOnce = async () => {
    await settleDuePayments(context);
    await pumpDeliveries(context);
  };
  // A failed round is logged by the background runner; the next one is scheduled either way.
  const keepCatchingUp = () =>
    context.background.after(CATCH_UP_EVERY_MS * (0.8 + Math.random() * 0.4), "catch-up", async () => {
      try {
        await catchUpOnce();
      } finally {
        keepCatchingUp();
      }
    });
  context.background.run("catch-up", catchUpOnce);
  keepCatchingUp();

  return {
    context,
    async handle(request) {
      const pathname = new URL(request.url).pathname;
      const path = pathname.startsWith(SANDBOX_PREFIX) ? pathname.slice(SANDBOX_PREFIX.length) : pathname;
      for (const route of ROUTES) {
        const match = route.pattern.exec(path);
        if (match === null) continue;
        if (route.control && !mayControlSandbox(request, controlAccess)) return controlRefused();
        const handler = route.methods[request.method];
        if (handler === undefined) {
          return new Response("Method not allowed", {
            status: 405,
            headers: { allow: Object.keys(route.methods).join(", ") },
          });
        }
        return handler(context, request, match);
      }
      return new Response("Not found", { status: 404 });
    },
    close: () => context.background.close(),
  };
}
