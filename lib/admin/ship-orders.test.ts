import { describe, expect, it } from "vitest";
import { shipFieldOf, trackingFieldOf } from "./bulk-ship-fields";
import { bulkShipFormOf } from "./ship-orders";

const FIRST = "0b5e7f4c-1a2b-4c3d-8e9f-000000000001";
const SECOND = "0b5e7f4c-1a2b-4c3d-8e9f-000000000002";
const THIRD = "0b5e7f4c-1a2b-4c3d-8e9f-000000000003";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

describe("the bulk mark-shipped form", () => {
  it("reads the ticked orders, in the form's order, each with its own parcel's tracking number", () => {
    const data = form({
      carrier: "  Blue   Dart ",
      [shipFieldOf(SECOND)]: "1",
      [trackingFieldOf(SECOND)]: "BD 1234 5678",
      // Not ticked: its tracking number is ignored.
      [trackingFieldOf(THIRD)]: "IGNORED1",
      [shipFieldOf(FIRST)]: "1",
      [trackingFieldOf(FIRST)]: "BD-0001",
      [shipFieldOf("not-an-order")]: "1",
    });
    const { schema, fields } = bulkShipFormOf(data);
    expect(fields).toEqual([
      "carrier",
      trackingFieldOf(SECOND),
      trackingFieldOf(FIRST),
      shipFieldOf(SECOND),
      shipFieldOf(FIRST),
    ]);
    expect(schema.parse(Object.fromEntries(data))).toEqual({
      carrier: "Blue Dart",
      parcels: [
        { orderId: SECOND, trackingNumber: "BD12345678" },
        { orderId: FIRST, trackingNumber: "BD-0001" },
      ],
    });
  });

  it("puts each bad tracking number beside its own row, and the carrier's problem beside the carrier", () => {
    const data = form({
      carrier: "",
      [shipFieldOf(FIRST)]: "1",
      [trackingFieldOf(FIRST)]: "BD-0001",
      [shipFieldOf(SECOND)]: "1",
      [trackingFieldOf(SECOND)]: "no way!",
      [shipFieldOf(THIRD)]: "1",
    });
    const result = bulkShipFormOf(data).schema.safeParse(Object.fromEntries(data));
    expect(result.success).toBe(false);
    // The first problem of each field, as runAction shows it.
    const byField: Record<string, string> = {};
    for (const issue of result.error?.issues ?? []) byField[String(issue.path[0])] ??= issue.message;
    expect(byField).toEqual({
      carrier: "Enter the carrier",
      [trackingFieldOf(SECOND)]: "A tracking number has only letters, digits and hyphens",
      [trackingFieldOf(THIRD)]: "Enter the tracking number",
    });
  });

  it("asks for a ticked order first, before anything else", () => {
    const data = form({ carrier: "", [trackingFieldOf(FIRST)]: "BD-0001" });
    const result = bulkShipFormOf(data).schema.safeParse(Object.fromEntries(data));
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[], "Tick the orders to mark shipped first."],
    ]);
  });
});
