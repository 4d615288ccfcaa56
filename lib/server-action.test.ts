import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AtomGatewayError, AtomTimeoutError } from "@/lib/atom";
import { DomainError } from "@/lib/domain-error";
import { captureLogOutput, log } from "@/lib/log";
import { IllegalTransitionError } from "@/lib/lifecycle/machines";
import { formText, runAction, stateForError, type ActionForm } from "./server-action";

const form: ActionForm<"amount" | "reason"> = {
  name: "refund this order",
  fields: ["amount", "reason"],
  fieldOfPath: { amountPaise: "amount" },
  refill: ["amount", "reason"],
  tryAgain: "Please try again.",
};

const schema = z.object({
  orderId: z.uuid("Unknown order."),
  amountPaise: z.number().positive("Enter an amount above ₹0.00."),
  reason: z.string().min(3, "Say why."),
});
const input = z
  .object({ orderId: z.string(), amount: z.string(), reason: z.string() })
  .transform(({ amount, ...rest }) => ({ ...rest, amountPaise: Number(amount) }))
  .pipe(schema);

function formData(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

const ORDER_ID = "0b5a8a9e-2f0e-4c55-9a43-6c3f0f6f4d11";

afterEach(() => vi.restoreAllMocks());

describe("formText", () => {
  it("reads each name's first text value and a listed field that is absent as empty", () => {
    const data = formData({ orderId: ORDER_ID });
    data.append("orderId", "second");
    data.append("file", new Blob(["x"]));
    expect(formText(data, ["reason"])).toEqual({ orderId: ORDER_ID, reason: "" });
  });
});

describe("stateForError", () => {
  it("puts validation problems beside their fields, the first per field, renamed paths included", () => {
    const issues = input.safeParse({ orderId: ORDER_ID, amount: "-1", reason: "x" }).error!;
    expect(stateForError(issues, form)).toEqual({
      fieldErrors: { amount: "Enter an amount above ₹0.00.", reason: "Say why." },
    });
    expect(stateForError(issues, { ...form, fieldsInvalid: "Please correct the highlighted fields." })).toEqual({
      error: "Please correct the highlighted fields.",
      fieldErrors: { amount: "Enter an amount above ₹0.00.", reason: "Say why." },
    });
  });

  it("reports a problem with no field of its own (a hidden id) alone", () => {
    const issues = input.safeParse({ orderId: "nope", amount: "-1", reason: "x" }).error!;
    expect(stateForError(issues, form)).toEqual({ error: "Unknown order." });
  });

  it("shows a refusal of the shop's rules as it is, beside its field when it names one of the form's", () => {
    expect(stateForError(new DomainError("not_flagged", "This order is not flagged."), form)).toEqual({
      error: "This order is not flagged.",
    });
    expect(stateForError(new DomainError("too_much", "At most ₹5.00.", "amount"), form)).toEqual({
      fieldErrors: { amount: "At most ₹5.00." },
    });
    expect(stateForError(new DomainError("taken", "Taken.", "email"), form)).toEqual({ error: "Taken." });
  });

  it("tells the gateway's trouble in words an admin can act on", () => {
    const logged = vi.spyOn(log, "error");
    expect(stateForError(new AtomTimeoutError("timed out"), form)).toEqual({
      error: "The gateway did not answer. Try again in a few minutes.",
    });
    expect(logged).not.toHaveBeenCalled();
    expect(stateForError(new AtomGatewayError("Merchant not enabled", { gatewayCode: "OTS0999" }), form)).toEqual({
      error: "The gateway refused the request: Merchant not enabled",
    });
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ action: "refund this order", gatewayCode: "OTS0999" }),
      expect.any(String),
    );
  });

  it("names an illegal status change", () => {
    expect(stateForError(new IllegalTransitionError("order", "pending", "shipped"), form)).toEqual({
      error: "This order cannot be moved from pending to shipped.",
    });
  });

  it("logs anything else without its query parameters and says to try again", () => {
    const logged = vi.spyOn(log, "error");
    const error = new Error("Failed query: select\nparams: asha@example.in", {
      cause: new Error("connection refused"),
    });
    expect(stateForError(error, form)).toEqual({ error: "Please try again." });
    expect(logged).toHaveBeenCalledWith(
      { action: "refund this order", errorName: "Error", errorMessage: "connection refused" },
      "server action failed",
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain("asha@example.in");
  });
});

describe("runAction", () => {
  const refundForm = { ...form, schema: input };

  it("runs the work with the parsed input and answers its state", async () => {
    const work = vi.fn(async (parsed: z.output<typeof input>) => ({ message: `Refunded ${parsed.amountPaise}.` }));
    await expect(
      runAction(formData({ orderId: ORDER_ID, amount: "250", reason: "broken" }), refundForm, work),
    ).resolves.toEqual({ message: "Refunded 250." });
    expect(work).toHaveBeenCalledWith({ orderId: ORDER_ID, amountPaise: 250, reason: "broken" });
  });

  it("runs the work in a log context: every line it logs, and the failure's, carries one request id", async () => {
    const lines: string[] = [];
    const restore = captureLogOutput((line) => lines.push(line));
    try {
      await runAction(formData({ orderId: ORDER_ID, amount: "250", reason: "broken" }), refundForm, async () => {
        log.info("working");
        throw new Error("disk full");
      });
    } finally {
      restore();
    }
    const parsed = lines.map((line) => JSON.parse(line) as { msg: string; requestId?: string });
    expect(parsed.map((line) => line.msg)).toEqual(["working", "server action failed"]);
    expect(parsed[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed[1]?.requestId).toBe(parsed[0]?.requestId);
  });

  it("refills what was typed with every error, and never runs the work on invalid input", async () => {
    const work = vi.fn(async () => ({}));
    await expect(
      runAction(formData({ orderId: ORDER_ID, amount: "0", reason: "broken" }), refundForm, work),
    ).resolves.toEqual({
      fieldErrors: { amount: "Enter an amount above ₹0.00." },
      values: { amount: "0", reason: "broken" },
    });
    expect(work).not.toHaveBeenCalled();
    await expect(runAction(formData({ orderId: ORDER_ID, amount: "9" }), refundForm, work)).resolves.toEqual({
      fieldErrors: { reason: "Say why." },
      values: { amount: "9", reason: "" },
    });
    await expect(
      runAction(formData({ orderId: ORDER_ID, amount: "9", reason: "broken" }), refundForm, async () => ({
        error: "Declined.",
      })),
    ).resolves.toEqual({
      error: "Declined.",
      values: { amount: "9", reason: "broken" },
    });
  });

  it("turns what the work throws into state", async () => {
    const refused = runAction(formData({ orderId: ORDER_ID, amount: "9", reason: "broken" }), refundForm, async () => {
      throw new DomainError("not_pending", "Only an unpaid order can be cancelled.");
    });
    await expect(refused).resolves.toEqual({
      error: "Only an unpaid order can be cancelled.",
      values: { amount: "9", reason: "broken" },
    });
  });

  it("leaves a key the form does not send absent, so the schema's default applies", async () => {
    const addToCart = z.object({ quantity: z.coerce.number().int().min(1).default(1) });
    const state = await runAction(
      formData({}),
      { name: "add to cart", schema: addToCart, tryAgain: "Try again." },
      async (added) => ({
        message: `Added ${added.quantity}.`,
      }),
    );
    expect(state).toEqual({ message: "Added 1." });
  });

  it("lets Next's redirect through", async () => {
    const redirecting = runAction(
      formData({ orderId: ORDER_ID, amount: "9", reason: "broken" }),
      refundForm,
      async () => redirect("/orders"),
    );
    await expect(redirecting).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});
