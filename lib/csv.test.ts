import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, csvRow } from "./csv";

describe("csvCell", () => {
  it("leaves plain text and numbers as they are and empties nothing", () => {
    expect(csvCell("asha@example.in")).toBe("asha@example.in");
    expect(csvCell(18999)).toBe("18999");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell('Tea, "Assam"')).toBe('"Tea, ""Assam"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
  });

  it("keeps a spreadsheet from running text as a formula", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+91 98")).toBe("'+91 98");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("-1,2")).toBe(`"'-1,2"`);
  });
});

describe("csvResponse", () => {
  it("streams the header and every batch, UTF-8 with a byte-order mark", async () => {
    async function* batches() {
      yield [["a", 1]];
      yield [
        ["b", 2],
        ["c,d", null],
      ];
    }
    const response = csvResponse("orders 2026.csv", ["name", "paise"], batches());
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="orders_2026.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      ["name,paise", "a,1", "b,2", '"c,d",'].map((line) => `${line}\r\n`).join(""),
    );
    expect(csvRow([])).toBe("\r\n");
  });
});
