import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Money } from "../../../src/model/money.js";
import type { PurchaseOrder } from "../../../src/model/purchase.js";
import { looksLikeGenericPurchasesCsv, parseGenericPurchasesCsv } from "../../../src/intake/formats/purchases-csv/parse.js";
import { looksLikeGenericPurchasesJson, parseGenericPurchasesJson } from "../../../src/intake/formats/purchases-json/parse.js";
import { normalizeHeader, parseGenericDate } from "../../../src/intake/formats/shared/generic-purchases.js";
import { anyText, applyCellEdits, applyEdits, cellEdits, edits, onlyInputErrorsSync } from "./fuzz.js";
import { errorOf } from "../../helpers/errors.js";

const DIR = join(import.meta.dirname, "../../fixtures/exports/generic");
const CSV = readFileSync(join(DIR, "purchases.csv"), "utf8");
const JSON_TEXT = readFileSync(join(DIR, "purchases.json"), "utf8");
const TZ = "America/Chicago";
const usd = (units: bigint): Money => ({ currency: "USD", units, scale: 2 });
const amounts = (o: PurchaseOrder) => Object.fromEntries(o.amounts.map((a) => [a.label, a.amount]));

const HEAD = "order id,date,seller,item,quantity,unit price,currency,ship-to city,ship-to state,payment";
const json = (orders: unknown[]) => JSON.stringify({ orders });
const ORDER = { orderId: "A1", date: "2025-10-21T09:30:00Z", currency: "USD", items: [{ name: "Belt", quantity: 1, unitPrice: "5.00" }] };

describe("parseGenericPurchasesCsv", () => {
  const orders = parseGenericPurchasesCsv(CSV, "purchases.csv", TZ);

  it("merges rows by order id and computes the subtotal exactly", () => {
    expect(orders.map((o) => o.orderId)).toEqual(["AE-3009921847", "EB-27-11573-40918"]);
    expect(orders[0].lines).toEqual([
      { name: "Replica Tote Bag", quantity: 3, unitPrice: usd(1999n) },
      { name: "Logo Keychain", quantity: 2, unitPrice: usd(450n) },
    ]);
    expect(amounts(orders[0])).toEqual({ Subtotal: usd(6897n), Shipping: usd(500n), Tax: usd(662n), Total: usd(8059n) });
    expect(amounts(orders[1])).toEqual({ Subtotal: usd(111003n) });
  });

  it("reads a local time in the case zone (and says so) or an ISO time with its offset", () => {
    expect(orders[0].orderedAt).toBe("2025-10-20T19:03:00Z"); // 14:03 CDT
    expect(orders[0].details[0]).toEqual({ label: "Time as given", value: "2025-10-20 14:03 in America/Chicago" });
    expect(orders[1].orderedAt).toBe("2025-11-01T14:15:00Z");
  });

  it("fills seller, ship-to, payment, tracking; unknown columns become details", () => {
    expect(orders[0]).toMatchObject({
      source: "generic-csv",
      seller: "Glamour Bags Store",
      payment: "PayPal",
      tracking: "Cainiao LP00612345678901",
      shipTo: { city: "Chicago", state: "IL", country: "United States" },
      origin: "lines 2–3",
    });
    expect(orders[0].details[1]).toEqual({ label: "Listing URL", value: "https://shop.example/item/3009921847" });
    expect(orders[1]).toMatchObject({
      seller: "luxe_deals_2025",
      shipTo: { city: "Chicago", state: "IL" },
      origin: "line 4",
    });
    expect(orders[1].lines[0].name).toBe('Sneakers "Air" Style, Size 10');
  });

  it("matches header names ignoring case, spaces, dashes and underscores", () => {
    expect(normalizeHeader("Ship-To City")).toBe("ship to city");
    expect(normalizeHeader("ship_to_city")).toBe("ship to city");
    expect(normalizeHeader("shipToCity")).toBe("ship to city");
    const text =
      "ORDER_ID,Date,SELLER,Item,Qty,unit_price,currency,ship_to_city,ship_to_state,Payment\n" +
      "Z1,2025-01-02,S,Thing,2,1.25,usd,Peoria,IL,Cash\n";
    const [o] = parseGenericPurchasesCsv(text, "p.csv", TZ);
    expect(o).toMatchObject({ orderId: "Z1", orderedAt: "2025-01-02T06:00:00Z", shipTo: { city: "Peoria", state: "IL" } });
    expect(amounts(o).Subtotal).toEqual(usd(250n));
    expect(o.details[0].value).toBe("2025-01-02 (date only; read as 00:00) in America/Chicago");
  });

  it("rejects missing columns, naming them", () => {
    const e = errorOf(() => parseGenericPurchasesCsv("order id,date,item\nA,2025-01-01,X\n", "p.csv", TZ));
    expect(e.location).toEqual({ file: "p.csv", line: 1, field: "header" });
    expect(e.message).toContain("missing columns seller, quantity, unit price, currency, ship-to city, ship-to state, payment");
  });

  it("names the line and column of bad cells", () => {
    const bad = (r: string) =>
      errorOf(() => parseGenericPurchasesCsv(`${HEAD}\nA,2025-01-01,S,X,1,1.00,USD,C,IL,P\n${r}\n`, "p.csv", TZ)).location;
    expect(bad("B,2025-01-01,S,X,1,abc,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "unit price" });
    expect(bad("B,2025-01-01,S,X,1.5,1.00,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "quantity" });
    expect(bad("B,2025-02-30,S,X,1,1.00,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "date" });
    expect(bad("B,2025-03-09 02:30,S,X,1,1.00,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "date" });
    expect(bad("B,,S,X,1,1.00,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "date" });
    expect(bad("B,2025-01-01,S,,1,1.00,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "item" });
    expect(bad("B,2025-01-01,S,X,1,,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "unit price" });
    expect(bad("B,2025-01-01,S,X,1,1.00,US,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "currency" });
    expect(bad(",2025-01-01,S,X,1,1.00,USD,C,IL,P")).toEqual({ file: "p.csv", line: 3, field: "order id" });
  });

  it("rejects different order-level values on two rows of one order", () => {
    const e = errorOf(() =>
      parseGenericPurchasesCsv(`${HEAD}\nA,2025-01-01,S,X,1,1.00,USD,Chicago,IL,P\nA,,S,Y,1,1.00,,Peoria,,\n`, "p.csv", TZ),
    );
    expect(e.location).toEqual({ file: "p.csv", line: 3, field: "ship-to city" });
    expect(e.message).toContain("'Peoria' differs from 'Chicago' on line 2");
    // Equal amounts written differently are the same value.
    const text = `${HEAD},total\nA,2025-01-01,S,X,1,1.00,USD,C,IL,P,5.00\nA,,,Y,1,1.00,,,,,$5\n`;
    expect(amounts(parseGenericPurchasesCsv(text, "p.csv", TZ)[0]).Total).toEqual(usd(500n));
  });

  it("looksLikeGenericPurchasesCsv", () => {
    expect(looksLikeGenericPurchasesCsv(CSV)).toBe(true);
    expect(looksLikeGenericPurchasesCsv("order_id;date;item;qty;unit_price\n")).toBe(true);
    expect(looksLikeGenericPurchasesCsv("Date,Time,TimeZone,Name\n")).toBe(false);
  });
});

describe("parseGenericPurchasesJson", () => {
  const orders = parseGenericPurchasesJson(JSON_TEXT, "purchases.json", TZ);

  it("reads orders, items and amounts exactly", () => {
    expect(orders).toHaveLength(2);
    expect(orders[0]).toMatchObject({
      source: "generic-json",
      orderId: "DH-88120455",
      orderedAt: "2025-10-21T14:30:00Z",
      seller: "Moda Express Wholesale",
      payment: "Visa ending 4417",
      tracking: "EMS EE123456789CN",
      shipTo: { city: "Chicago", state: "IL", postalCode: "60614", country: "United States" },
      origin: "orders[0]",
    });
    expect(orders[0].lines).toEqual([
      { name: "Logo Belt", quantity: 3, unitPrice: usd(1999n), itemId: "BLT-9" },
      { name: "Gift Box", quantity: 1, unitPrice: usd(0n) },
    ]);
    expect(amounts(orders[0])).toEqual({ Subtotal: usd(5997n), Shipping: usd(750n), Total: usd(6747n) });
    expect(orders[0].details).toEqual([
      { label: "Time as given", value: "2025-10-21 09:30 in America/Chicago" },
      { label: "Listing URL", value: "https://wholesale.example/p/88120455" },
    ]);
  });

  it("accepts euro strings and whole-number totals", () => {
    expect(orders[1].lines[0].unitPrice).toEqual({ currency: "EUR", units: 1250n, scale: 2 });
    expect(amounts(orders[1]).Total).toEqual({ currency: "EUR", units: 2000n, scale: 2 });
  });

  it("refuses JSON floats for money, naming the path", () => {
    const e = errorOf(() =>
      parseGenericPurchasesJson(json([{ ...ORDER, items: [{ name: "X", quantity: 1, unitPrice: 19.99 }] }]), "p.json", TZ),
    );
    expect(e.location).toEqual({ file: "p.json", field: "orders[0].items[0].unitPrice" });
    expect(e.message).toContain('write amounts as strings, e.g. "19.99"');
  });

  it("names the JSON path of every kind of mistake", () => {
    const path = (doc: string) => errorOf(() => parseGenericPurchasesJson(doc, "p.json", TZ)).location.field;
    expect(
      path(json([ORDER, ORDER, { ...ORDER, orderId: "A3", items: [ORDER.items[0], { name: "X", quantity: 1, unitPrice: "1.2.3" }] }])),
    ).toBe("orders[1].orderId");
    expect(path(json([ORDER, { ...ORDER, orderId: "A3", items: [ORDER.items[0], { name: "X", quantity: 1, unitPrice: "1.2.3" }] }]))).toBe(
      "orders[1].items[1].unitPrice",
    );
    expect(path(json([{ ...ORDER, date: "tomorrow" }]))).toBe("orders[0].date");
    expect(path(json([{ ...ORDER, currency: 840 }]))).toBe("orders[0].currency");
    expect(path(json([{ ...ORDER, items: [] }]))).toBe("orders[0].items");
    expect(path(json([{ ...ORDER, items: [{ name: "X", quantity: -1, unitPrice: "1" }] }]))).toBe("orders[0].items[0].quantity");
    expect(path(json([{ ...ORDER, items: [{ name: "X", quantity: 1 }] }]))).toBe("orders[0].items[0].unitPrice");
    expect(path(json([{ ...ORDER, shiping: "5.00" }]))).toBe("orders[0].shiping");
    expect(path(json([{ ...ORDER, shipTo: { town: "Chicago" } }]))).toBe("orders[0].shipTo.town");
    expect(path(json([{ ...ORDER, total: "$5", currency: "EUR" }]))).toBe("orders[0].total");
    expect(path(json([{ ...ORDER, details: { a: { b: 1 } } }]))).toBe("orders[0].details.a");
    expect(path(json(["x"]))).toBe("orders[0]");
    expect(path("[]")).toBe("orders");
  });

  it("ignores keys starting with _ or $", () => {
    const [o] = parseGenericPurchasesJson(json([{ ...ORDER, _note: "x", items: [{ ...ORDER.items[0], $ref: "y" }] }]), "p.json", TZ);
    expect(o.orderId).toBe("A1");
  });

  it("reports JSON syntax errors with a line", () => {
    const e = errorOf(() => parseGenericPurchasesJson('{\n  "orders": [\n    { "orderId": "A" ,, }\n  ]\n}', "p.json", TZ));
    expect(e.location.file).toBe("p.json");
    expect(e.location.line).toBe(3);
    expect(e.message).toContain("not valid JSON");
  });

  it("looksLikeGenericPurchasesJson works on the first part of a file", () => {
    expect(looksLikeGenericPurchasesJson(JSON_TEXT)).toBe(true);
    expect(looksLikeGenericPurchasesJson(JSON_TEXT.slice(0, 200))).toBe(true);
    expect(looksLikeGenericPurchasesJson('{"participants": [], "messages": []}')).toBe(false);
    expect(looksLikeGenericPurchasesJson("order id,date\n")).toBe(false);
  });
});

describe("parseGenericDate", () => {
  it.each([
    ["2025-10-25T20:27:42Z", "2025-10-25T20:27:42Z", undefined],
    ["2025-10-25T20:27:42.5Z", "2025-10-25T20:27:42.500Z", undefined],
    ["2025-10-25 15:27:42-05:00", "2025-10-25T20:27:42Z", undefined],
    ["2025-10-25T22:27:42+0200", "2025-10-25T20:27:42Z", undefined],
    ["2025-01-15 10:00", "2025-01-15T16:00:00Z", "2025-01-15 10:00 in America/Chicago"],
    ["2025-11-02 01:30", "2025-11-02T06:30:00Z", "2025-11-02 01:30 in America/Chicago"], // repeated hour: the earlier instant (CDT)
  ])("%s → %s", (text, iso, local) => {
    expect(parseGenericDate(text, TZ)).toEqual({ ok: true, iso, ...(local ? { local } : {}) });
  });

  it.each(["2025-02-29 10:00", "2025-10-25T24:00:00Z", "25/10/2025", "2025-03-09 02:30", "2025-10-25T20:27:42+25:00"])(
    "rejects %s",
    (text) => {
      expect(parseGenericDate(text, TZ).ok).toBe(false);
    },
  );

  it("needs a known zone for local times", () => {
    expect(parseGenericDate("2025-01-15 10:00", "Mars/Olympus")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("not a known IANA zone"),
    });
  });
});

describe("generic purchases: robustness (property tests)", () => {
  const checkCsv = (text: string) => {
    const orders = onlyInputErrorsSync(() => parseGenericPurchasesCsv(text, "fuzz.csv", TZ));
    for (const o of orders ?? []) expect(o.lines.length).toBeGreaterThan(0);
    expect(typeof looksLikeGenericPurchasesCsv(text)).toBe("boolean");
  };
  const checkJson = (text: string) => {
    const orders = onlyInputErrorsSync(() => parseGenericPurchasesJson(text, "fuzz.json", TZ));
    for (const o of orders ?? []) expect(o.amounts[0].label).toBe("Subtotal");
    expect(typeof looksLikeGenericPurchasesJson(text)).toBe("boolean");
  };

  it("CSV: arbitrary text, character edits and random cells", () => {
    fc.assert(fc.property(anyText, checkCsv), { numRuns: 300 });
    fc.assert(
      fc.property(edits, (e) => checkCsv(applyEdits(CSV, e))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(cellEdits, (e) => checkCsv(applyCellEdits(CSV, e))),
      { numRuns: 300 },
    );
  });

  it("JSON: arbitrary text and character edits", () => {
    fc.assert(fc.property(anyText, checkJson), { numRuns: 300 });
    fc.assert(
      fc.property(edits, (e) => checkJson(applyEdits(JSON_TEXT, e))),
      { numRuns: 300 },
    );
  });

  it("JSON: arbitrary JSON values in place of any field", () => {
    const base = JSON.parse(JSON_TEXT) as { orders: Record<string, unknown>[] };
    const paths = [
      ["orders"],
      ["orders", 0],
      ["orders", 0, "orderId"],
      ["orders", 0, "date"],
      ["orders", 0, "items"],
      ["orders", 0, "items", 0],
      ["orders", 0, "items", 0, "quantity"],
      ["orders", 0, "items", 0, "unitPrice"],
      ["orders", 0, "currency"],
      ["orders", 0, "shipTo"],
      ["orders", 0, "shipTo", "city"],
      ["orders", 0, "total"],
      ["orders", 0, "details"],
      ["orders", 1, "items", 0, "name"],
      ["orders", 1, "seller"],
    ] as (string | number)[][];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const doc = structuredClone(base) as unknown as Record<string | number, unknown>;
        let node = doc;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1]] = value;
        checkJson(JSON.stringify(doc));
      }),
      { numRuns: 500 },
    );
  });
});
