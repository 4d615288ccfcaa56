import type { CallbackSwitches, ControlRequest, PendingSwitches } from "@/lib/atom-sandbox/control-schema";
import { onSomeInstance } from "./call-instance";
import type { App } from "./connect-app";
import type { Random } from "./seeded-random";
import { sleep } from "../start-next-server";

// The sandbox's fault switches, drawn per payment (scope { merchTxnId }) and per refund.
// Every switch set is counted under "fault:<kind>" for the report.

export type CallbackFault =
  "none" | "drop" | "duplicates" | "delay" | "delayAndDuplicates" | "corruptSignature" | "tamper";

const CALLBACK_FAULT_WEIGHTS: Readonly<Record<CallbackFault, number>> = {
  none: 53,
  drop: 8,
  duplicates: 10,
  delay: 10,
  delayAndDuplicates: 5,
  corruptSignature: 7,
  tamper: 7,
};

type StatusFault = "none" | "fail5xx" | "hang";
const STATUS_FAULT_WEIGHTS: Readonly<Record<StatusFault, number>> = { none: 88, fail5xx: 8, hang: 4 };

type RefundFault = "none" | "fail5xx" | "hang";
const REFUND_FAULT_WEIGHTS: Readonly<Record<RefundFault, number>> = { none: 75, fail5xx: 15, hang: 10 };

/** How each callback switch is named in the report. */
const CALLBACK_SWITCH_KINDS: Partial<Record<keyof CallbackSwitches, string>> = {
  delayMs: "delay",
  tamperAmountPaise: "tamperAmount",
};

/** Above the shop's gateway timeout (15 s), so a requery under it times out. */
const STATUS_HANG_MS = 16_000;
/** A status hang is lifted after this long, so the payment can still be settled. */
const STATUS_HANG_LIFTED_AFTER_MS = 30_000;
/** Above the soak's REFUND timeout: the refund happens, its answer comes too late. */
const REFUND_HANG_MS = 6_000;

export interface PaymentFaults {
  callbackFault: CallbackFault;
  /** The browser's return would carry the genuine result: only posted when the callback is not meant to be tested. */
  allowsReturn: boolean;
  request: ControlRequest;
  /** Kinds counted, e.g. "callback drop", "status hang". */
  kinds: string[];
  statusHang: boolean;
}

/** Draws the switches for one payment; `pending` is how a pending test payment should settle. */
export function planPaymentFaults(
  random: Random,
  merchTxnId: string,
  amountPaise: number,
  pending?: "success" | "failed",
): PaymentFaults {
  const callbackFault = random.weighted(CALLBACK_FAULT_WEIGHTS);
  const callback: CallbackSwitches = {};
  if (callbackFault === "drop") callback.drop = true;
  if (callbackFault === "duplicates" || callbackFault === "delayAndDuplicates") callback.duplicates = random.int(2, 4);
  if (callbackFault === "delay" || callbackFault === "delayAndDuplicates") callback.delayMs = random.int(1_000, 15_000);
  if (callbackFault === "corruptSignature") callback.corruptSignature = true;
  if (callbackFault === "tamper") callback.tamperAmountPaise = tamperedAmount(random, amountPaise);

  const statusFault = random.weighted(STATUS_FAULT_WEIGHTS);
  const pendingSwitches: PendingSwitches | undefined =
    pending === undefined ? undefined : { settleAfterMs: random.int(1_000, 15_000), settleAs: pending };

  const kinds = [
    ...Object.keys(callback).map((name) => `callback ${CALLBACK_SWITCH_KINDS[name as keyof CallbackSwitches] ?? name}`),
    ...(statusFault === "none" ? [] : [`status ${statusFault}`]),
    ...(pending === undefined ? [] : [`pending then ${pending}`]),
  ];
  return {
    callbackFault,
    allowsReturn: ["none", "duplicates", "delay", "delayAndDuplicates"].includes(callbackFault),
    request: {
      scope: { merchTxnId },
      ...(Object.keys(callback).length === 0 ? {} : { callback }),
      ...(pendingSwitches === undefined ? {} : { pending: pendingSwitches }),
      ...(statusFault === "none"
        ? {}
        : {
            api: {
              status: statusFault === "fail5xx" ? { fail5xx: random.int(1, 3) } : { hangMs: STATUS_HANG_MS },
            },
          }),
    },
    kinds,
    statusHang: statusFault === "hang",
  };
}

/** A different amount, still positive, reported under a valid signature. */
function tamperedAmount(random: Random, amountPaise: number): number {
  const lower = amountPaise > 100 && random.chance(0.5);
  return lower ? random.int(1, amountPaise - 1) : amountPaise + random.int(1, 50_000);
}

/**
 * Sets the payment's switches (before it is paid). A status hang is lifted later in the
 * background; `lifted` collects those promises so the run can wait for them.
 */
export async function applyPaymentFaults(app: App, faults: PaymentFaults, lifted: Array<Promise<void>>): Promise<void> {
  if (faults.kinds.length === 0) return;
  await onSomeInstance(app, "set switches", (instance) => app.control(instance).set(faults.request));
  for (const kind of faults.kinds) app.tally.add(`fault:${kind}`);
  if (faults.statusHang) {
    lifted.push(
      sleep(STATUS_HANG_LIFTED_AFTER_MS).then(() =>
        onSomeInstance(app, "set switches", (instance) =>
          app.control(instance).set({ scope: faults.request.scope, api: { status: {} } }),
        ).catch((error: unknown) => app.tally.error("lift status hang", error)),
      ),
    );
  }
}

export interface RefundFaults {
  kind: RefundFault;
}

/** Draws and sets the REFUND switch for one payment's refunds. */
export async function applyRefundFault(app: App, random: Random, merchTxnId: string): Promise<RefundFaults> {
  const kind = random.weighted(REFUND_FAULT_WEIGHTS);
  if (kind === "none") return { kind };
  const fault = kind === "fail5xx" ? { fail5xx: random.int(1, 2) } : { hangMs: REFUND_HANG_MS };
  await onSomeInstance(app, "set switches", (instance) =>
    app.control(instance).set({ scope: { merchTxnId }, api: { refund: fault } }),
  );
  app.tally.add(`fault:refund ${kind}`);
  return { kind };
}

/** Lifts a refund hang once the refund was sent (a 5xx count is left for the sync's re-send to use up). */
export async function liftRefundFault(app: App, merchTxnId: string, faults: RefundFaults): Promise<void> {
  if (faults.kind !== "hang") return;
  await onSomeInstance(app, "set switches", (instance) =>
    app.control(instance).set({ scope: { merchTxnId }, api: { refund: {} } }),
  );
}
