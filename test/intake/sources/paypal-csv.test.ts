import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Money } from "../../../src/model/money.js";
import type { PurchaseOrder } from "../../../src/model/purchase.js";
import { looksLikePayPalActivity, PAYPAL_TIME_ZONES, parsePayPalActivity } from "../../../src/intake/formats/paypal-activity/parse.js";
import { anyText, applyCellEdits, applyEdits, cellEdits, edits, onlyInputErrorsSync } from "./fuzz.js";
import { errorOf } from "../../helpers/errors.js";

const DIR = join(import.meta.dirname, "../../fixtures/exports/paypal");
const EN = readFileSync(join(DIR, "activity_en.csv"), "utf8");
const DE = readFileSync(join(DIR, "activity_de.csv"), "utf8");
const usd = (units: bigint): Money => ({ currency: "USD", units, scale: 2 });
const eur = (units: bigint): Money => ({ currency: "EUR", units, scale: 2 });
const amounts = (o: PurchaseOrder) => Object.fromEntries(o.amounts.map((a) => [a.label, a.amount]));
const detail = (o: PurchaseOrder, label: string) => o.details.find((d) => d.label === label)?.value;

const HEAD = "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,Transaction ID,Item Title,Quantity,Balance Impact";
/** A small English export; each row is "date,time,zone" plus defaults. */
function csv(rows: string[], head = HEAD): string {
  return [head, ...rows].join("\n") + "\n";
}
const row = (date: string, time = "10:00:00", zone = "PST", txn = `T${date.replace(/\D/g, "")}${time.replace(/\D/g, "")}`) =>
  `${date},${time},${zone},Shop,Website Payment,Completed,USD,-10.00,0.00,-10.00,${txn},Thing,1,Debit`;

describe("parsePayPalActivity: English export", () => {
  const orders = parsePayPalActivity(EN, "activity_en.csv");

  it("makes one order per Transaction ID, with the seller from Name", () => {
    expect(orders.map((o) => [o.orderId, o.seller])).toEqual([
      ["7HF20394KL5521838", "Shenzhen Jiali Trading Co."],
      ["5TY81730MM2204417", "Lucky Star Apparel"],
      ["2KX55018AB7730192", "Lucky Star Apparel"],
    ]);
    expect(orders.every((o) => o.source === "paypal-activity")).toBe(true);
  });

  it("maps PDT and PST explicitly to UTC (MM/DD/YYYY proven by 10/28)", () => {
    expect(orders[0].orderedAt).toBe("2025-10-28T21:03:11Z"); // 14:03:11 PDT = UTC−7
    expect(orders[1].orderedAt).toBe("2025-11-04T16:05:00Z"); // 08:05 PST = UTC−8; 11/04 is 4 November
    expect(detail(orders[0], "Time as exported")).toBe("10/28/2025 14:03:11 PDT");
    expect(detail(orders[0], "Date format")).toBeUndefined();
  });

  it("reads gross, fee and net with thousands separators, keeping PayPal's signs", () => {
    expect(amounts(orders[0])).toEqual({ Gross: usd(-125000n), Fee: usd(0n), Net: usd(-125000n), Shipping: usd(1500n), Tax: usd(0n) });
  });

  it("builds lines from Item Title and Quantity; the unit price only when it follows exactly", () => {
    // shipping on top: no unit price
    expect(orders[0].lines).toEqual([{ name: "Replica Designer Handbag", quantity: 1, itemId: "HB-2291" }]);
    expect(orders[1].lines).toEqual([{ name: "Logo T-Shirt", quantity: 3, unitPrice: usd(1999n), itemId: "TS-01" }]); // 59.97 / 3
  });

  it("keeps Memo rows but says no money moved", () => {
    expect(detail(orders[2], "Balance Impact")).toBe("Memo (no funds moved)");
    expect(detail(orders[0], "Balance Impact")).toBe("Debit");
    expect(orders[2].lines).toEqual([]);
  });

  it("reads the ship-to address from the address columns, city and state separately", () => {
    expect(orders[0].shipTo).toEqual({
      raw: "Renata Delgado, 2417 N Halsted St, Apt 3, Chicago, IL, 60614, United States",
      name: "Renata Delgado",
      street: "2417 N Halsted St, Apt 3",
      city: "Chicago",
      state: "IL",
      postalCode: "60614",
      country: "United States",
    });
    expect(orders[1].shipTo).toEqual({ city: "Chicago", state: "IL", postalCode: "60614", country: "United States" });
    expect(orders[2].shipTo).toBeUndefined();
  });

  it("keeps payment type, status and reference details; drops the phone number", () => {
    expect(orders[0]).toMatchObject({ payment: "Express Checkout Payment", status: "Completed", origin: "line 2" });
    expect(detail(orders[0], "Invoice Number")).toBe("INV-55821");
    expect(detail(orders[0], "Receipt ID")).toBe("3391-2277-4410-8816");
    expect(detail(orders[0], "To Email Address")).toBe("sales@jiali-trading.example");
    expect(detail(orders[0], "Color")).toBe("Brown");
    expect(detail(orders[2], "Reference Txn ID")).toBe("5TY81730MM2204417");
    expect(JSON.stringify(orders, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("312-555-0147");
  });
});

describe("parsePayPalActivity: German export", () => {
  const orders = parsePayPalActivity(DE, "activity_de.csv");

  it("reads German headers, decimal commas and DD.MM.YYYY dates", () => {
    expect(orders.map((o) => o.orderId)).toEqual(["9AB12345CD6789012", "4ZZ98765YX4321098"]);
    expect(amounts(orders[0])).toEqual({ Gross: eur(-123456n), Fee: eur(0n), Net: eur(-123456n), Shipping: eur(1250n), Tax: eur(0n) });
    expect(orders[1].lines).toEqual([{ name: "Etui", quantity: 2, unitPrice: eur(1150n) }]); // 23,00 / 2
  });

  it("converts CEST (UTC+2) and MEZ (UTC+1) to UTC", () => {
    expect(orders[0].orderedAt).toBe("2025-08-15T16:42:05Z");
    expect(orders[1].orderedAt).toBe("2025-11-03T08:00:00Z"); // 03.11. is 3 November
  });

  it("maps German columns to the same fields", () => {
    expect(orders[0]).toMatchObject({ seller: "Bella Moda Outlet", payment: "Express-Zahlung gesendet", status: "Abgeschlossen" });
    expect(orders[0].shipTo).toMatchObject({
      street: "2417 N Halsted St",
      city: "Chicago",
      state: "IL",
      postalCode: "60614",
      country: "Vereinigte Staaten",
    });
    expect(detail(orders[0], "Balance Impact")).toBe("Soll");
    expect(detail(orders[0], "From Email Address")).toBe("ermittler@kanzlei.example");
  });
});

describe("parsePayPalActivity: date order per file", () => {
  it("a first field above 12 proves day-first for the whole file", () => {
    const orders = parsePayPalActivity(csv([row("03/04/2025"), row("29/12/2025")]), "x.csv");
    expect(orders.map((o) => o.orderedAt)).toEqual(["2025-04-03T18:00:00Z", "2025-12-29T18:00:00Z"]);
  });

  it("a second field above 12 proves month-first", () => {
    const orders = parsePayPalActivity(csv([row("03/04/2025"), row("12/29/2025")]), "x.csv");
    expect(orders[0].orderedAt).toBe("2025-03-04T18:00:00Z");
  });

  it("without proof: English means month-first, and the assumption is recorded", () => {
    const [o] = parsePayPalActivity(csv([row("03/04/2025")]), "x.csv");
    expect(o.orderedAt).toBe("2025-03-04T18:00:00Z");
    expect(detail(o, "Date format")).toContain("read as MM/DD/YYYY (assumed from the English column names");
  });

  it("dates with dots default to day-first", () => {
    const [o] = parsePayPalActivity(csv([row("03.04.2025")]), "x.csv");
    expect(o.orderedAt).toBe("2025-04-03T18:00:00Z");
    expect(detail(o, "Date format")).toContain("DD/MM/YYYY");
  });

  it("the option overrides the file", () => {
    const [o] = parsePayPalActivity(csv([row("03/04/2025")]), "x.csv", { dateOrder: "dmy" });
    expect(o.orderedAt).toBe("2025-04-03T18:00:00Z");
    expect(detail(o, "Date format")).toBeUndefined();
    const e = errorOf(() => parsePayPalActivity(csv([row("03/04/2025"), row("12/29/2025")]), "x.csv", { dateOrder: "dmy" }));
    expect(e.location).toEqual({ file: "x.csv", line: 3, field: "Date" });
  });

  it("a file mixing both orders is an error naming the lines", () => {
    const e = errorOf(() => parsePayPalActivity(csv([row("29/12/2025"), row("12/29/2025")]), "x.csv"));
    expect(e.location).toEqual({ file: "x.csv", line: 3, field: "Date" });
    expect(e.message).toContain("day-first (line 2) and month-first (line 3)");
  });

  it("reads ISO dates and 12-hour times", () => {
    const [o] = parsePayPalActivity(csv([row("2025-07-04", "1:30:00 PM", "EDT")]), "x.csv");
    expect(o.orderedAt).toBe("2025-07-04T17:30:00Z");
  });
});

describe("parsePayPalActivity: time zones", () => {
  it.each([
    ["PST", "2025-01-15T18:00:00Z"],
    ["PDT", "2025-01-15T17:00:00Z"],
    ["MST", "2025-01-15T17:00:00Z"],
    ["MDT", "2025-01-15T16:00:00Z"],
    ["CST", "2025-01-15T16:00:00Z"],
    ["CDT", "2025-01-15T15:00:00Z"],
    ["EST", "2025-01-15T15:00:00Z"],
    ["EDT", "2025-01-15T14:00:00Z"],
    ["GMT", "2025-01-15T10:00:00Z"],
    ["UTC", "2025-01-15T10:00:00Z"],
    ["BST", "2025-01-15T09:00:00Z"],
    ["CET", "2025-01-15T09:00:00Z"],
    ["CEST", "2025-01-15T08:00:00Z"],
    ["GMT+05:30", "2025-01-15T04:30:00Z"],
    ["UTC-3", "2025-01-15T13:00:00Z"],
    ["Europe/Berlin", "2025-01-15T09:00:00Z"],
  ])("10:00 %s is %s", (zone, utc) => {
    expect(parsePayPalActivity(csv([row("01/15/2025", "10:00:00", zone)]), "x.csv")[0].orderedAt).toBe(utc);
  });

  it("every listed abbreviation is a whole number of minutes within ±14 h", () => {
    for (const m of Object.values(PAYPAL_TIME_ZONES)) expect(Number.isInteger(m) && Math.abs(m) <= 14 * 60).toBe(true);
  });

  it("an unknown or ambiguous abbreviation is an error naming the line and column", () => {
    for (const zone of ["IST", "XYZ", "Mars/Olympus", ""]) {
      const e = errorOf(() => parsePayPalActivity(csv([row("01/15/2025"), row("01/16/2025", "10:00:00", zone)]), "x.csv"));
      expect(e.location).toEqual({ file: "x.csv", line: 3, field: "TimeZone" });
      expect(e.message).toContain("unknown time zone");
    }
  });

  it("a local time skipped by daylight saving in an IANA zone is an error", () => {
    const e = errorOf(() => parsePayPalActivity(csv([row("03/09/2025", "02:30:00", "America/Chicago")]), "x.csv"));
    expect(e.message).toContain("does not exist in America/Chicago");
  });
});

describe("parsePayPalActivity: errors", () => {
  it("rejects a file without the required columns", () => {
    const e = errorOf(() => parsePayPalActivity("Date,Name,Gross\n01/01/2025,A,1.00\n", "p.csv"));
    expect(e.location).toEqual({ file: "p.csv", line: 1, field: "header" });
    expect(e.message).toBe("p.csv:1 (field header): not a PayPal activity CSV: missing columns Time, TimeZone, Currency, Transaction ID");
  });

  it("names the line and column of a bad amount, date, time and transaction id", () => {
    const bad = (r: string) => errorOf(() => parsePayPalActivity(csv([row("01/15/2025"), r]), "x.csv")).location;
    expect(bad("01/16/2025,10:00:00,PST,Shop,Pay,Completed,USD,12.3.4,0,0,T9,Thing,1,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Gross",
    });
    expect(bad("01/16/2025,10:00:00,PST,Shop,Pay,Completed,USD,1.00,fee,0,T9,Thing,1,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Fee",
    });
    expect(bad("02/30/2025,10:00:00,PST,Shop,Pay,Completed,USD,1.00,0,0,T9,Thing,1,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Date",
    });
    expect(bad("Jan 16,10:00:00,PST,Shop,Pay,Completed,USD,1.00,0,0,T9,Thing,1,Debit")).toEqual({ file: "x.csv", line: 3, field: "Date" });
    expect(bad("01/16/2025,25:00:00,PST,Shop,Pay,Completed,USD,1.00,0,0,T9,Thing,1,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Time",
    });
    expect(bad("01/16/2025,noon,PST,Shop,Pay,Completed,USD,1.00,0,0,T9,Thing,1,Debit")).toEqual({ file: "x.csv", line: 3, field: "Time" });
    expect(bad("01/16/2025,10:00:00,PST,Shop,Pay,Completed,USD,1.00,0,0,,Thing,1,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Transaction ID",
    });
    expect(bad("01/16/2025,10:00:00,PST,Shop,Pay,Completed,USD,1.00,0,0,T9,Thing,two,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Quantity",
    });
    expect(bad("01/16/2025,10:00:00,PST,Shop,Pay,Completed,Dollars,1.00,0,0,T9,Thing,1,Debit")).toEqual({
      file: "x.csv",
      line: 3,
      field: "Currency",
    });
  });

  it("merges rows that share a Transaction ID (cart items) into one order's lines", () => {
    const orders = parsePayPalActivity(
      csv([
        "01/15/2025,10:00:00,PST,Shop,Cart,Completed,USD,-30.00,0,-30.00,CART1,Bag,1,Debit",
        "01/15/2025,10:00:00,PST,Shop,Cart Item,Completed,USD,-10.00,0,-10.00,CART1,Belt,1,Debit",
      ]),
      "x.csv",
    );
    expect(orders).toHaveLength(1);
    expect(orders[0].lines.map((l) => l.name)).toEqual(["Bag", "Belt"]);
    expect(amounts(orders[0]).Gross).toEqual(usd(-3000n)); // order-level amounts from the first row only
    expect(orders[0].origin).toBe("lines 2–3");
  });
});

describe("looksLikePayPalActivity", () => {
  it("recognises English and German headers", () => {
    expect(looksLikePayPalActivity(EN)).toBe(true);
    expect(looksLikePayPalActivity(DE)).toBe(true);
    expect(looksLikePayPalActivity(HEAD)).toBe(true);
    expect(looksLikePayPalActivity("Order ID,ASIN,Order Date\n")).toBe(false);
  });
});

describe("parsePayPalActivity: robustness (property tests)", () => {
  const check = (text: string) => {
    const orders = onlyInputErrorsSync(() => parsePayPalActivity(text, "fuzz.csv"));
    for (const o of orders ?? []) {
      expect(o.orderedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      for (const a of o.amounts) expect(typeof a.amount.units).toBe("bigint");
    }
    expect(typeof looksLikePayPalActivity(text)).toBe("boolean");
  };

  it("arbitrary text: a result or an InvalidInputError, nothing else", () => {
    fc.assert(fc.property(anyText, check), { numRuns: 400 });
  });

  it("character edits of valid exports", () => {
    fc.assert(
      fc.property(fc.constantFrom(EN, DE), edits, (base, e) => check(applyEdits(base, e))),
      { numRuns: 400 },
    );
  });

  it("random cells in valid exports", () => {
    fc.assert(
      fc.property(fc.constantFrom(EN, DE), cellEdits, (base, e) => check(applyCellEdits(base, e))),
      { numRuns: 400 },
    );
  });
});
