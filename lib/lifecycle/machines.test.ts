import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, PAYMENT_ATTEMPT_STATUSES, REFUND_STATUSES } from "@/db/schema";
import {
  assertOrderTransition,
  attemptPath,
  canTransitionAttempt,
  canTransitionOrder,
  canTransitionRefund,
  IllegalTransitionError,
  isPassThroughAttemptStatus,
  isRefundSettled,
  ORDER_TRANSITIONS,
  PASS_THROUGH_ATTEMPT_STATUSES,
  PAYMENT_ATTEMPT_TRANSITIONS,
  UNSETTLED_REFUND_STATUSES,
} from "./machines";

describe("order state machine", () => {
  it("allows exactly the design's transitions", () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => canTransitionOrder(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "pending→paid",
        "pending→cancelled",
        "paid→shipped",
        "paid→refunded",
        "shipped→delivered",
        "shipped→refunded",
        "delivered→refunded",
      ].sort(),
    );
  });

  it("never goes backwards from a final state", () => {
    for (const to of ORDER_STATUSES) {
      expect(canTransitionOrder("refunded", to)).toBe(false);
      expect(canTransitionOrder("cancelled", to)).toBe(false);
    }
    expect(() => assertOrderTransition("paid", "pending")).toThrow(IllegalTransitionError);
    expect(ORDER_TRANSITIONS.pending).not.toContain("shipped");
  });
});

describe("payment attempt state machine", () => {
  it("walks the verified-success chain", () => {
    expect(attemptPath("user_payment", "completed")).toEqual([
      "payment_success",
      "callback_received",
      "signature_verified",
      "completed",
    ]);
    expect(attemptPath("token_generated", "completed")).toEqual([
      "payment_success",
      "callback_received",
      "signature_verified",
      "completed",
    ]);
    expect(attemptPath("payment_failed", "completed")).toEqual([
      "payment_success",
      "callback_received",
      "signature_verified",
      "completed",
    ]);
  });

  it("cannot leave completed, and a failure cannot follow success", () => {
    for (const to of PAYMENT_ATTEMPT_STATUSES) expect(canTransitionAttempt("completed", to)).toBe(false);
    expect(attemptPath("completed", "payment_failed")).toBeUndefined();
    expect(attemptPath("signature_verified", "payment_failed")).toBeUndefined();
    expect(attemptPath("completed", "completed")).toBeUndefined();
  });

  it("marks the states a verified success walks through and never stores", () => {
    expect([...PASS_THROUGH_ATTEMPT_STATUSES].sort()).toEqual([
      "callback_received",
      "payment_success",
      "signature_verified",
    ]);
    expect(PAYMENT_ATTEMPT_STATUSES.filter((status) => !isPassThroughAttemptStatus(status))).toEqual([
      "initializing",
      "token_generated",
      "user_payment",
      "payment_failed",
      "completed",
    ]);
    // Each pass-through state leads on along the success chain only.
    for (const status of PASS_THROUGH_ATTEMPT_STATUSES) expect(PAYMENT_ATTEMPT_TRANSITIONS[status]).toHaveLength(1);
  });

  it("refreshes a payment pending at the bank in place, and nothing else", () => {
    expect(attemptPath("user_payment", "user_payment")).toEqual([]);
    const refreshable = PAYMENT_ATTEMPT_STATUSES.filter((status) => canTransitionAttempt(status, status));
    expect(refreshable).toEqual(["user_payment"]);
  });
});

describe("refund state machine", () => {
  it("settles once", () => {
    expect(canTransitionRefund("requested", "processing")).toBe(true);
    expect(canTransitionRefund("processing", "completed")).toBe(true);
    for (const to of REFUND_STATUSES) {
      expect(canTransitionRefund("completed", to)).toBe(false);
      expect(canTransitionRefund("failed", to)).toBe(false);
    }
  });

  it("calls settled exactly the states it cannot leave; the others hold their amount", () => {
    expect(REFUND_STATUSES.filter((status) => isRefundSettled(status))).toEqual(["completed", "failed"]);
    expect(UNSETTLED_REFUND_STATUSES).toEqual(["requested", "processing"]);
  });
});
