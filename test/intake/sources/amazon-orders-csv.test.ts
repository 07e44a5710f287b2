import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Money } from "../../../src/model/money.js";
import type { PurchaseOrder } from "../../../src/model/purchase.js";
import { looksLikeAmazonOrderHistory, parseAmazonOrderHistory } from "../../../src/intake/formats/amazon-orders/parse.js";
import { parseAddressText } from "../../../src/intake/formats/shared/addresses.js";
import { anyText, applyCellEdits, applyEdits, cellEdits, edits, onlyInputErrorsSync } from "./fuzz.js";
import { errorOf } from "../../helpers/errors.js";

const DIR = join(import.meta.dirname, "../../fixtures/exports/amazon");
const ONE = readFileSync(join(DIR, "Retail.OrderHistory.1.csv"), "utf8");
const TWO = readFileSync(join(DIR, "Retail.OrderHistory.2.csv"), "utf8");
const usd = (units: bigint, scale = 2): Money => ({ currency: "USD", units, scale });
const amounts = (o: PurchaseOrder) => Object.fromEntries(o.amounts.map((a) => [a.label, a.amount]));
const detail = (o: PurchaseOrder, label: string) => o.details.filter((d) => d.label === label).map((d) => d.value);

const HEADER = [
  "Website",
  "Order ID",
  "Order Date",
  "Purchase Order Number",
  "Currency",
  "Unit Price",
  "Unit Price Tax",
  "Shipping Charge",
  "Total Discounts",
  "Total Owed",
  "Shipment Item Subtotal",
  "Shipment Item Subtotal Tax",
  "ASIN",
  "Product Condition",
  "Quantity",
  "Payment Instrument Type",
  "Order Status",
  "Shipment Status",
  "Ship Date",
  "Shipping Option",
  "Shipping Address",
  "Billing Address",
  "Carrier Name & Tracking Number",
  "Product Name",
  "Gift Message",
  "Gift Sender Name",
  "Gift Recipient Contact Details",
  "Item Serial Number",
];
const DEFAULTS: Record<string, string> = {
  Website: "Amazon.com",
  "Order ID": "111-0000000-0000001",
  "Order Date": "2025-01-02T03:04:05Z",
  "Purchase Order Number": "Not Applicable",
  Currency: "USD",
  "Unit Price": "10.00",
  "Unit Price Tax": "0.80",
  "Shipping Charge": "0",
  "Total Discounts": "0",
  "Total Owed": "10.80",
  "Shipment Item Subtotal": "10.00",
  "Shipment Item Subtotal Tax": "0.80",
  ASIN: "B000000001",
  "Product Condition": "New",
  Quantity: "1",
  "Payment Instrument Type": "Visa - 0001",
  "Order Status": "Closed",
  "Shipment Status": "Shipped",
  "Ship Date": "2025-01-03T00:00:00Z",
  "Shipping Option": "std-us",
  "Shipping Address": "Ann Example 1 Main St SPRINGFIELD IL 62701 United States",
  "Billing Address": "Not Available",
  "Carrier Name & Tracking Number": "UPS(1Z0001)",
  "Product Name": "Widget",
  "Gift Message": "Not Available",
  "Gift Sender Name": "Not Available",
  "Gift Recipient Contact Details": "Not Available",
  "Item Serial Number": "Not Available",
};
/** A synthetic export: one row per entry, unspecified cells from DEFAULTS. */
function csv(rows: Record<string, string>[], header = HEADER): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [header.map(q).join(","), ...rows.map((r) => header.map((h) => q(r[h] ?? DEFAULTS[h] ?? "")).join(","))].join("\n") + "\n";
}

describe("parseAmazonOrderHistory: Retail.OrderHistory.1.csv (BOM, quoted header, 28 columns)", () => {
  const orders = parseAmazonOrderHistory(ONE, "Retail.OrderHistory.1.csv");

  it("makes one order per Order ID, in file order", () => {
    expect(orders.map((o) => o.orderId)).toEqual(["113-4827351-9021846", "114-5590213-3378120"]);
    expect(orders.every((o) => o.source === "amazon-order-history")).toBe(true);
  });

  it("merges the rows of an order into lines, with exact unit prices and ASINs", () => {
    expect(orders[0].lines).toEqual([
      { name: "Luxury Logo Tote Bag - Brown Monogram Canvas", quantity: 3, unitPrice: usd(1999n), itemId: "B0DX7K2M9Q" },
      { name: 'Designer "Sneaker" Running Shoe, Size 10\nWhite/Red', quantity: 1, unitPrice: usd(2450n), itemId: "B0F3QW8ZLT" },
    ]);
  });

  it("sums money exactly (3 × $19.99 + $24.50) and does not double count the shipment totals", () => {
    expect(amounts(orders[0])).toEqual({
      Subtotal: usd(8447n), // 59.97 + 24.50, equal to Shipment Item Subtotal (repeated on both rows)
      Tax: usd(842n), // 3 × 2.05 + 2.27, equal to Shipment Item Subtotal Tax (repeated on both rows)
      Shipping: usd(0n),
      Discounts: usd(-68n), // the "'-0.68'" cell
      Total: usd(9221n), // 65.44 + 26.77 (Total Owed is per item row)
    });
    expect(orders[0].amounts.map((a) => a.label)).toEqual(["Subtotal", "Tax", "Shipping", "Discounts", "Total"]);
    expect(amounts(orders[1])).toEqual({
      Subtotal: usd(111003n),
      Tax: usd(0n),
      Shipping: usd(599n),
      Discounts: usd(0n),
      Total: usd(111602n),
    });
  });

  it("normalises order dates to UTC ISO, keeping milliseconds", () => {
    expect(orders[0].orderedAt).toBe("2025-10-25T20:27:42Z");
    expect(orders[1].orderedAt).toBe("2025-11-02T09:15:03.799Z");
  });

  it("keeps ship-to city and state separately, with the raw address", () => {
    expect(orders[0].shipTo).toEqual({
      raw: "Renata Delgado 2417 N Halsted St APT 3 CHICAGO IL 60614-3301 United States",
      name: "Renata Delgado",
      street: "2417 N Halsted St APT 3",
      city: "CHICAGO",
      state: "IL",
      postalCode: "60614-3301",
      country: "United States",
    });
    expect(orders[1].shipTo).toMatchObject({ city: "CHICAGO", state: "IL", postalCode: "60601" });
  });

  it("reads payment, tracking, status and details; drops sentinels", () => {
    expect(orders[0]).toMatchObject({ payment: "Visa - 4417", tracking: "AMZN_US(TBA318274650192)", status: "Closed (shipment: Shipped)" });
    expect(orders[0].seller).toBeUndefined();
    expect(orders[0].details).toEqual([
      { label: "Website", value: "Amazon.com" },
      { label: "Ship Date", value: "2025-10-26T14:05:11Z" },
      { label: "Shipping Option", value: "std-us" },
      { label: "Product Condition", value: "New" },
    ]);
    // Not shipped: no tracking, no ship date; "Not Available" never appears as a value.
    expect(orders[1].tracking).toBeUndefined();
    expect(orders[1].status).toBe("New");
    expect(detail(orders[1], "Item Serial Number")).toEqual(["Authenticity_2D=AZ:QX7RT2M9KD4PL8VN3BW6YH1CJ5"]);
    expect(detail(orders[1], "Gift Message")).toEqual(["Happy birthday!"]);
    const text = JSON.stringify(orders, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain("Not Available");
    expect(text).not.toContain("Not Applicable");
  });

  it("does not copy the billing address", () => {
    expect(orders[0].details.map((d) => d.label)).not.toContain("Billing Address");
  });

  it("says where each order was read (a quoted newline does not shift the next row's line)", () => {
    expect(orders[0].origin).toBe("lines 2–3");
    expect(orders[1].origin).toBe("line 5");
  });
});

describe("parseAmazonOrderHistory: Retail.OrderHistory.2.csv (unquoted header, no serial column, CRLF, repeated totals)", () => {
  const [order] = parseAmazonOrderHistory(TWO, "Retail.OrderHistory.2.csv");

  it("counts a shipment total repeated on every row once, per shipment", () => {
    expect(amounts(order)).toEqual({
      Subtotal: usd(3750n), // 2 × 12.00 + 8.50 + 5.00
      Tax: usd(258n), // Shipment Item Subtotal Tax: 2.18 once for shipment 1 + 0.40 for shipment 2 (not 2.18 × 2)
      Shipping: usd(399n), // 3.99 repeated on both rows of shipment 1: once
      Discounts: usd(0n),
      Total: usd(4407n), // 38.67 once + 5.40 (not 38.67 × 2 + 5.40)
    });
    expect(detail(order, "Note")).toEqual([
      "Shipping Charge 3.99 repeats on the 2 rows of one shipment (shipped 2025-09-04T10:00:00Z, UPS(1Z999AA10123456784)); counted once",
      "Total Owed 38.67 repeats on the 2 rows of one shipment (shipped 2025-09-04T10:00:00Z, UPS(1Z999AA10123456784)); counted once",
    ]);
  });

  it("lists a cancelled item (quantity 0, amounts Not Available) without letting it blank the totals", () => {
    expect(order.lines[3]).toEqual({ name: "Logo Phone Case", quantity: 0, itemId: "B0DDD44444" });
    expect(order.status).toBe("Closed (shipment: Shipped, Cancelled)");
  });

  it("joins several shipments' tracking numbers and ship dates", () => {
    expect(order.tracking).toBe("UPS(1Z999AA10123456784); USPS(9400111899223344556677)");
    expect(detail(order, "Ship Date")).toEqual(["2025-09-04T10:00:00Z; 2025-09-08T18:30:00Z"]);
    expect(order.origin).toBe("lines 2–5");
  });
});

describe("parseAmazonOrderHistory: grouping and amounts", () => {
  it("sums per-row totals of identical rows when each row is its own item (identity holds)", () => {
    const row = {
      "Unit Price": "5.00",
      "Unit Price Tax": "0.40",
      "Total Owed": "5.40",
      "Shipment Item Subtotal": "10.00",
      "Shipment Item Subtotal Tax": "0.80",
    };
    const [o] = parseAmazonOrderHistory(csv([row, row]), "x.csv");
    expect(amounts(o).Total).toEqual(usd(1080n));
    expect(amounts(o).Tax).toEqual(usd(80n));
    expect(detail(o, "Note")).toEqual([]);
  });

  it("separates shipments by ship date and tracking before taking shipment-level values once", () => {
    const rows = [
      {
        "Unit Price Tax": "Not Available",
        "Shipment Item Subtotal Tax": "1.00",
        "Ship Date": "2025-01-03T00:00:00Z",
        "Carrier Name & Tracking Number": "UPS(A)",
      },
      {
        "Unit Price Tax": "Not Available",
        "Shipment Item Subtotal Tax": "1.00",
        "Ship Date": "2025-01-03T00:00:00Z",
        "Carrier Name & Tracking Number": "UPS(A)",
      },
      {
        "Unit Price Tax": "Not Available",
        "Shipment Item Subtotal Tax": "1.00",
        "Ship Date": "2025-01-03T00:00:00Z",
        "Carrier Name & Tracking Number": "UPS(B)",
      },
    ];
    const [o] = parseAmazonOrderHistory(csv(rows), "x.csv");
    expect(amounts(o).Tax).toEqual(usd(200n));
  });

  it("omits an amount rather than showing a partial sum", () => {
    const [o] = parseAmazonOrderHistory(csv([{}, { "Shipping Charge": "Not Available", ASIN: "B000000002" }]), "x.csv");
    expect(Object.keys(amounts(o))).toEqual(["Subtotal", "Tax", "Discounts", "Total"]);
  });

  it("keeps orders apart and in first-seen order even when their rows interleave", () => {
    const rows: Record<string, string>[] = [{ "Order ID": "A" }, { "Order ID": "B" }, { "Order ID": "A", ASIN: "B000000009" }];
    const orders = parseAmazonOrderHistory(csv(rows), "x.csv");
    expect(orders.map((o) => [o.orderId, o.lines.length, o.origin])).toEqual([
      ["A", 2, "lines 2, 4"],
      ["B", 1, "line 3"],
    ]);
  });

  it("accepts the newer Order History column names and an unquoted header without a BOM", () => {
    const header = [
      "ASIN",
      "Order Date",
      "Order ID",
      "Order Status",
      "Original Quantity",
      "Payment Method Type",
      "Product Name",
      "Ship Date",
      "Total Amount",
      "Unit Price",
      "Unit Price Tax",
      "Currency",
    ];
    const text =
      `${header.join(",")}\nB00X,2026-03-01T00:00:00Z,111-AAA,Closed,2,Visa - 5494,Body ` +
      `Wash,2026-03-02T00:00:00Z,21.66,10.00,0.83,USD\n`;
    const [o] = parseAmazonOrderHistory(text, "Order History.csv");
    expect(o.lines).toEqual([{ name: "Body Wash", quantity: 2, unitPrice: usd(1000n), itemId: "B00X" }]);
    expect(amounts(o)).toEqual({ Subtotal: usd(2000n), Tax: usd(166n), Total: usd(2166n) });
    expect(o.payment).toBe("Visa - 5494");
  });

  it("reads CAD and other currencies without converting", () => {
    const [o] = parseAmazonOrderHistory(
      csv([{ Currency: "CAD", "Unit Price": "22.99", "Unit Price Tax": "1.15", "Total Owed": "24.14" }]),
      "x.csv",
    );
    expect(amounts(o).Total).toEqual({ currency: "CAD", units: 2414n, scale: 2 });
  });
});

describe("parseAmazonOrderHistory: errors name the file, line and column", () => {
  it("rejects a file that is not an order history, listing the missing columns", () => {
    const e = errorOf(() => parseAmazonOrderHistory("Order ID,ASIN\n1,2\n", "orders.csv"));
    expect(e.location).toEqual({ file: "orders.csv", line: 1, field: "header" });
    expect(e.message).toBe(
      "orders.csv:1 (field header): not an Amazon Retail.OrderHistory CSV: missing columns Order Date, Product Name, Quantity, " +
        "Currency, Unit Price or Total Owed",
    );
  });

  it("names the line and column of a bad amount", () => {
    const e = errorOf(() => parseAmazonOrderHistory(csv([{}, { "Unit Price": "12.3.4" }]), "x.csv"));
    expect(e.location).toEqual({ file: "x.csv", line: 3, field: "Unit Price" });
    expect(e.message).toMatch(/^x\.csv:3 \(field Unit Price\): '12\.3\.4' is not an amount/);
  });

  it("names the line and column of a bad date (no silent roll-over of 30 February)", () => {
    const e = errorOf(() => parseAmazonOrderHistory(csv([{ "Order Date": "2025-02-30T00:00:00Z" }]), "x.csv"));
    expect(e.location).toEqual({ file: "x.csv", line: 2, field: "Order Date" });
    const ship = errorOf(() => parseAmazonOrderHistory(csv([{ "Ship Date": "yesterday" }]), "x.csv"));
    expect(ship.location.field).toBe("Ship Date");
  });

  it("rejects a bad quantity, an empty order id, a bad currency and a mixed-currency order", () => {
    expect(errorOf(() => parseAmazonOrderHistory(csv([{ Quantity: "1.5" }]), "x.csv")).location).toEqual({
      file: "x.csv",
      line: 2,
      field: "Quantity",
    });
    expect(errorOf(() => parseAmazonOrderHistory(csv([{ "Order ID": "" }]), "x.csv")).location.field).toBe("Order ID");
    expect(errorOf(() => parseAmazonOrderHistory(csv([{ Currency: "dollars" }]), "x.csv")).location.field).toBe("Currency");
    const mixed = errorOf(() => parseAmazonOrderHistory(csv([{}, { Currency: "CAD" }]), "x.csv"));
    expect(mixed.location).toEqual({ file: "x.csv", line: 3, field: "Currency" });
    expect(mixed.message).toContain("mixes USD and CAD");
  });

  it("a currency symbol that contradicts the Currency column is an error", () => {
    expect(errorOf(() => parseAmazonOrderHistory(csv([{ "Unit Price": "€10.00" }]), "x.csv")).message).toContain("does not stand for USD");
  });

  it("turns CSV syntax errors into input errors with a line", () => {
    const e = errorOf(() => parseAmazonOrderHistory(`${ONE}"Amazon.com,"unclosed\n`, "x.csv"));
    expect(e.location.line).toBe(6);
  });
});

describe("looksLikeAmazonOrderHistory", () => {
  it("recognises the header by Order ID and ASIN", () => {
    expect(looksLikeAmazonOrderHistory(ONE)).toBe(true);
    expect(looksLikeAmazonOrderHistory(TWO)).toBe(true);
    expect(looksLikeAmazonOrderHistory("Date,Time,TimeZone,Name,Transaction ID\n")).toBe(false);
    expect(looksLikeAmazonOrderHistory("")).toBe(false);
  });
});

describe("parseAddressText", () => {
  it.each([
    [
      "Renata Delgado 2417 N Halsted St APT 3 CHICAGO IL 60614-3301 United States",
      {
        name: "Renata Delgado",
        street: "2417 N Halsted St APT 3",
        city: "CHICAGO",
        state: "IL",
        postalCode: "60614-3301",
        country: "United States",
      },
    ],
    [
      "Ann Example 100 MAIN ST SAN FRANCISCO CA 94105",
      { name: "Ann Example", street: "100 MAIN ST", city: "SAN FRANCISCO", state: "CA", postalCode: "94105" },
    ],
    [
      "Ann Example, 100 Main St, Suite 4, San Francisco, CA 94105, USA",
      {
        name: "Ann Example",
        street: "100 Main St, Suite 4",
        city: "San Francisco",
        state: "CA",
        postalCode: "94105",
        country: "United States",
      },
    ],
    [
      "Ann Example 100 Main St San Francisco CA 94105",
      { name: "Ann Example", street: "100 Main St", city: "San Francisco", state: "CA", postalCode: "94105" },
    ],
    [
      "Bo Example PO BOX 12 SPRINGFIELD IL 62701",
      { name: "Bo Example", street: "PO BOX 12", city: "SPRINGFIELD", state: "IL", postalCode: "62701" },
    ],
    [
      "Cy Example 12 Queen St W TORONTO ON M5H 2N2 Canada",
      { name: "Cy Example", street: "12 Queen St W", city: "TORONTO", state: "ON", postalCode: "M5H 2N2", country: "Canada" },
    ],
  ])("splits %s", (raw, expected) => {
    expect(parseAddressText(raw)).toEqual({ raw, ...expected });
  });

  it("keeps only the raw text when it cannot tell", () => {
    expect(parseAddressText("Unter den Linden 1, 10117 Berlin")).toEqual({ raw: "Unter den Linden 1, 10117 Berlin" });
    expect(parseAddressText("ZZ 12345")).toEqual({ raw: "ZZ 12345" });
  });
});

describe("parseAmazonOrderHistory: robustness (property tests)", () => {
  const check = (text: string) => {
    const orders = onlyInputErrorsSync(() => parseAmazonOrderHistory(text, "fuzz.csv"));
    for (const o of orders ?? []) {
      expect(o.orderId).not.toBe("");
      for (const a of o.amounts) expect(typeof a.amount.units).toBe("bigint");
      if (o.orderedAt) expect(o.orderedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    }
    expect(typeof looksLikeAmazonOrderHistory(text)).toBe("boolean");
  };

  it("arbitrary text: a result or an InvalidInputError, nothing else", () => {
    fc.assert(fc.property(anyText, check), { numRuns: 400 });
  });

  it("character edits of a valid export (dropped, duplicated, inserted characters)", () => {
    fc.assert(
      fc.property(fc.constantFrom(ONE, TWO), edits, (base, e) => check(applyEdits(base, e))),
      { numRuns: 400 },
    );
  });

  it("random cells in a valid export", () => {
    fc.assert(
      fc.property(fc.constantFrom(ONE, TWO), cellEdits, (base, e) => check(applyCellEdits(base, e))),
      { numRuns: 400 },
    );
  });
});
