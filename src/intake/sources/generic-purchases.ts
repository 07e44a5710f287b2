/**
 * The generic purchase-record format, for any marketplace without a reader of its own (eBay, AliExpress,
 * Shopify storefronts, DHgate, …): the investigator copies each test purchase into a small CSV or JSON file.
 *
 * ## CSV
 *
 * One row per item. Header names are matched ignoring case, spaces, "-" and "_" (and camelCase), so
 * `Order ID`, `order_id`, `orderId` and `order-id` are the same column.
 *
 * | column            | required | meaning                                                          |
 * |-------------------|----------|------------------------------------------------------------------|
 * | order id          | yes      | marketplace order number; rows with the same id are one order    |
 * | date              | yes      | when the order was placed (see Dates)                            |
 * | seller            | column   | store / seller name as shown by the marketplace                  |
 * | item              | yes      | item title                                                       |
 * | quantity          | yes      | whole number                                                     |
 * | unit price        | yes      | price of one item (see Money)                                    |
 * | currency          | yes      | ISO 4217 code: USD, EUR, …                                       |
 * | ship-to city      | column   | delivery city (proves a sale into the forum)                     |
 * | ship-to state     | column   | delivery state / province                                        |
 * | payment           | column   | e.g. "PayPal", "Visa ending 4417"                                |
 * | ship-to country   | optional |                                                                  |
 * | ship-to postal code, ship-to name, ship-to street | optional | personal data: redaction applies   |
 * | tracking          | optional | carrier and tracking number                                      |
 * | shipping, tax, total | optional | order amounts as charged                                      |
 * | item id           | optional | SKU / listing id of the item                                     |
 * | status            | optional | e.g. "Delivered"                                                 |
 * | anything else     | optional | kept as a detail of the order, labelled with the header          |
 *
 * "column" = the column must be in the header, but its cells may be blank. Order-level cells (everything
 * except item, quantity, unit price, item id) may be given on an order's first row only, or repeated; two
 * different non-blank values for one order are an error naming the line and column.
 *
 * ## JSON
 *
 * ```json
 * { "orders": [ {
 *     "orderId": "14-09231-55817", "date": "2025-10-25 14:03", "seller": "Shop Name",
 *     "items": [ { "name": "Item title", "quantity": 2, "unitPrice": "19.99", "itemId": "SKU-1" } ],
 *     "currency": "USD",
 *     "shipTo": { "name": "…", "street": "…", "city": "Chicago", "state": "IL", "postalCode": "60614", "country": "US" },
 *     "payment": "PayPal", "tracking": "USPS 9400…", "status": "Delivered",
 *     "shipping": "4.99", "tax": "3.60", "total": "48.57",
 *     "details": { "Listing URL": "https://…" }
 * } ] }
 * ```
 *
 * Required: orderId, date, currency, items (at least one, each with name, quantity, unitPrice). Everything
 * else is optional. Unknown keys are errors (a typo must not silently drop a field), except keys starting
 * with "_" or "$", which are ignored everywhere (use them for comments).
 *
 * ## Dates
 *
 * ISO 8601 with a zone (`2025-10-25T20:27:42Z`, `2025-10-25T15:27:42-05:00`), or local
 * `YYYY-MM-DD[ HH:MM[:SS]]` (or with "T"), read in the case time zone; the order's details then record the
 * time as given and the zone used. A date alone is read as 00:00 in that zone.
 *
 * ## Money
 *
 * Amounts are exact decimals as parseMoney reads them: `19.99`, `1,250.00`, `1.250,00`, `$19.99`, `(5.00)`.
 * In JSON write amounts as STRINGS. A JSON number is parsed into a binary float before this code sees it, so
 * `19.99` can no longer be told from 19.989999999999998 and a typo such as `19.999` would be rounded
 * silently; numbers are therefore refused, except whole numbers (`20`), which floats hold exactly.
 * Subtotal = Σ unit price × quantity (exact); Shipping, Tax and Total are reported as given, never derived.
 */
import type { Money } from "../../model/money.js";
import type { Address, OrderLine, PurchaseOrder } from "../../model/purchase.js";
import { type CsvRow, readCsvFile } from "../../util/csv.js";
import { InvalidInputError } from "../../util/errors.js";
import { compareMoney, MoneyFormatError, mulMoney, normalizeCurrency, parseMoney, sumMoney } from "../../util/money.js";
import { isValidLocalDateTime, isValidTimeZone, localTimeInZoneToUtc, parseIsoInstant } from "../../util/time.js";
import { describeLines } from "./amazon-orders-csv.js";

// --- shared ------------------------------------------------------------------------------------------

/** "Ship-To City", "ship_to_city", "shipToCity" → "ship to city". */
export function normalizeHeader(h: string): string {
  return h
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

type DateResult = { ok: true; iso: string; local?: string } | { ok: false; problem: string };

/** A date as the generic format allows it; `local` is set when the case time zone was used. */
export function parseGenericDate(text: string, timeZone: string): DateResult {
  const t = text.trim();
  const iso = parseIsoInstant(t);
  if (iso) return { ok: true, iso };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  const expected = `expected ISO 8601 with a zone (2025-10-25T20:27:42Z) or a local time YYYY-MM-DD[ HH:MM[:SS]] read in ${timeZone}`;
  if (!m) return { ok: false, problem: `'${clip(t)}' is not a date: ${expected}` };
  const local = { year: +m[1], month: +m[2], day: +m[3], hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0 };
  if (!isValidLocalDateTime(local)) return { ok: false, problem: `'${clip(t)}' is not a real date and time` };
  if (!isValidTimeZone(timeZone)) return { ok: false, problem: `'${clip(t)}' has no zone and the case time zone '${timeZone}' is not a known IANA zone` };
  const utc = localTimeInZoneToUtc(local, timeZone);
  if (!utc) return { ok: false, problem: `'${clip(t)}' does not exist in ${timeZone} (the clocks skipped it)` };
  return { ok: true, iso: utc, local: `${t}${m[4] ? "" : " (date only; read as 00:00)"} in ${timeZone}` };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function readCurrency(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return normalizeCurrency(text);
  } catch (e) {
    if (e instanceof MoneyFormatError) return undefined;
    throw e;
  }
}

// --- CSV ---------------------------------------------------------------------------------------------

const CSV_COLUMNS = {
  orderId: ["order id", "order number", "order no"],
  date: ["date", "order date"],
  seller: ["seller", "store", "seller name"],
  item: ["item", "item name", "item title", "product", "product name"],
  quantity: ["quantity", "qty"],
  unitPrice: ["unit price", "price"],
  currency: ["currency"],
  shipToCity: ["ship to city"],
  shipToState: ["ship to state"],
  payment: ["payment", "payment method"],
  shipToCountry: ["ship to country"],
  shipToPostalCode: ["ship to postal code", "ship to zip", "ship to zip code"],
  shipToName: ["ship to name"],
  shipToStreet: ["ship to street", "ship to address"],
  tracking: ["tracking", "tracking number"],
  shipping: ["shipping"],
  tax: ["tax"],
  total: ["total"],
  itemId: ["item id", "sku"],
  status: ["status", "order status"],
} as const;
type CsvColumn = keyof typeof CSV_COLUMNS;
const REQUIRED_CSV: CsvColumn[] = ["orderId", "date", "seller", "item", "quantity", "unitPrice", "currency", "shipToCity", "shipToState", "payment"];
const ITEM_COLUMNS = new Set<CsvColumn>(["item", "quantity", "unitPrice", "itemId"]);
const CSV_LABEL: Record<CsvColumn, string> = {
  orderId: "order id", date: "date", seller: "seller", item: "item", quantity: "quantity", unitPrice: "unit price", currency: "currency",
  shipToCity: "ship-to city", shipToState: "ship-to state", payment: "payment", shipToCountry: "ship-to country", shipToPostalCode: "ship-to postal code",
  shipToName: "ship-to name", shipToStreet: "ship-to street", tracking: "tracking", shipping: "shipping", tax: "tax", total: "total", itemId: "item id", status: "status",
};

function firstLine(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = t.search(/\r?\n/);
  return end === -1 ? t : t.slice(0, end);
}

/** True when the first line names at least order id, date, item, quantity and unit price. */
export function looksLikeGenericPurchasesCsv(text: string): boolean {
  const line = firstLine(text);
  const d = [",", ";", "\t"].map((c) => [c, line.split(c).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const names = new Set(line.split(d).map((c) => normalizeHeader(c.trim().replace(/^"(.*)"$/, "$1"))));
  return (["orderId", "date", "item", "quantity", "unitPrice"] as const).every((k) => CSV_COLUMNS[k].some((n) => names.has(n)));
}

interface CsvOrder {
  orderId: string;
  rows: { row: CsvRow; index: number }[];
  /** order-level column → first non-blank value and its line. */
  values: Map<string, { value: string; line: number }>;
}

export function parseGenericPurchasesCsv(text: string, displayPath: string, timeZone: string): PurchaseOrder[] {
  const file = displayPath;
  const table = readCsvFile(text, file);
  const normalized = table.header.map(normalizeHeader);
  const idx = {} as Record<CsvColumn, number>;
  for (const [key, names] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][]) idx[key] = normalized.findIndex((h) => names.includes(h));
  const missing = REQUIRED_CSV.filter((k) => idx[k] < 0);
  if (missing.length > 0) {
    throw new InvalidInputError({ file, line: 1, field: "header" }, `not a purchases CSV: missing columns ${missing.map((k) => CSV_LABEL[k]).join(", ")} (header names ignore case, spaces, "-" and "_")`);
  }
  const known = new Set(Object.values(idx).filter((i) => i >= 0));
  const extras = table.header.map((h, i) => ({ h, i })).filter(({ h, i }) => !known.has(i) && h.trim() !== "");
  const cell = (row: CsvRow, i: number): string => (i >= 0 ? (row.cells[i] ?? "").trim() : "");

  const orders = new Map<string, CsvOrder>();
  table.rows.forEach((row, index) => {
    const orderId = cell(row, idx.orderId);
    if (!orderId) throw new InvalidInputError({ file, line: row.line, field: CSV_LABEL.orderId }, "the order id is empty; every row needs one");
    let o = orders.get(orderId);
    if (!o) orders.set(orderId, (o = { orderId, rows: [], values: new Map() }));
    o.rows.push({ row, index });
  });

  const result: PurchaseOrder[] = [];
  for (const o of orders.values()) {
    // Order-level values: first non-blank wins; a different later value is an error.
    const columns: { key: string; label: string; i: number; money?: boolean }[] = [
      ...(Object.keys(CSV_COLUMNS) as CsvColumn[]).filter((k) => !ITEM_COLUMNS.has(k) && k !== "orderId").map((k) => ({ key: k, label: CSV_LABEL[k], i: idx[k], money: k === "shipping" || k === "tax" || k === "total" })),
      ...extras.map(({ h, i }) => ({ key: `extra:${i}`, label: h.trim(), i })),
    ];
    const currencyText = firstValue(o, idx.currency, cell);
    const currency = readCurrency(currencyText?.value);
    if (!currencyText) throw new InvalidInputError({ file, line: o.rows[0].row.line, field: CSV_LABEL.currency }, `order ${o.orderId} has no currency`);
    if (!currency) throw new InvalidInputError({ file, line: currencyText.line, field: CSV_LABEL.currency }, `'${clip(currencyText.value)}' is not a three-letter currency code`);
    const money = (value: string, line: number, label: string): Money | undefined => {
      try {
        return parseMoney(value, currency);
      } catch (e) {
        if (e instanceof MoneyFormatError) throw new InvalidInputError({ file, line, field: label }, e.message);
        throw e;
      }
    };
    for (const c of columns) {
      if (c.i < 0) continue;
      for (const { row } of o.rows) {
        const v = cell(row, c.i);
        if (!v) continue;
        const seen = o.values.get(c.key);
        if (!seen) {
          o.values.set(c.key, { value: v, line: row.line });
          continue;
        }
        const same = c.money ? sameAmount(money(seen.value, seen.line, c.label), money(v, row.line, c.label)) : seen.value === v;
        if (!same) {
          throw new InvalidInputError(
            { file, line: row.line, field: c.label },
            `order ${o.orderId}: '${clip(v)}' differs from '${clip(seen.value)}' on line ${seen.line}; order-level columns must be blank or the same on every row of an order`,
          );
        }
      }
    }
    const value = (key: string) => o.values.get(key);

    const dateCell = value("date");
    if (!dateCell) throw new InvalidInputError({ file, line: o.rows[0].row.line, field: CSV_LABEL.date }, `order ${o.orderId} has no date`);
    const date = parseGenericDate(dateCell.value, timeZone);
    if (!date.ok) throw new InvalidInputError({ file, line: dateCell.line, field: CSV_LABEL.date }, date.problem);

    const lines: OrderLine[] = o.rows.map(({ row }) => {
      const at = (k: CsvColumn) => ({ file, line: row.line, field: CSV_LABEL[k] });
      const name = cell(row, idx.item);
      if (!name) throw new InvalidInputError(at("item"), "the item is empty");
      const q = cell(row, idx.quantity);
      if (!/^\d{1,9}$/.test(q)) throw new InvalidInputError(at("quantity"), `'${clip(q)}' is not a whole number of items`);
      const priceText = cell(row, idx.unitPrice);
      const unitPrice = money(priceText, row.line, CSV_LABEL.unitPrice);
      if (!unitPrice) throw new InvalidInputError(at("unitPrice"), "the unit price is empty");
      const line: OrderLine = { name, quantity: Number(q), unitPrice };
      const itemId = cell(row, idx.itemId);
      if (itemId) line.itemId = itemId;
      return line;
    });

    const amounts: { label: string; amount: Money }[] = [{ label: "Subtotal", amount: sumMoney(lines.map((l) => mulMoney(l.unitPrice!, l.quantity)), currency) }];
    for (const [key, label] of [["shipping", "Shipping"], ["tax", "Tax"], ["total", "Total"]] as const) {
      const v = value(key);
      const m = v && money(v.value, v.line, CSV_LABEL[key]);
      if (m) amounts.push({ label, amount: m });
    }

    const details: { label: string; value: string }[] = [];
    if (date.local) details.push({ label: "Time as given", value: date.local });
    for (const { h, i } of extras) {
      const v = value(`extra:${i}`);
      if (v) details.push({ label: h.trim(), value: v.value });
    }

    const order: PurchaseOrder = {
      source: "generic-csv",
      orderId: o.orderId,
      orderedAt: date.iso,
      lines,
      amounts,
      details,
      origin: `${file} ${describeLines(o.rows.map(({ row, index }) => ({ line: row.line, index })))}`,
    };
    const text = (k: CsvColumn) => value(k)?.value;
    if (text("seller")) order.seller = text("seller");
    if (text("status")) order.status = text("status");
    if (text("payment")) order.payment = text("payment");
    if (text("tracking")) order.tracking = text("tracking");
    const shipTo: Address = {};
    const put = (field: keyof Address, k: CsvColumn) => {
      const v = text(k);
      if (v) shipTo[field] = v;
    };
    put("name", "shipToName");
    put("street", "shipToStreet");
    put("city", "shipToCity");
    put("state", "shipToState");
    put("postalCode", "shipToPostalCode");
    put("country", "shipToCountry");
    if (Object.keys(shipTo).length > 0) order.shipTo = shipTo;
    result.push(order);
  }
  return result;
}

function firstValue(o: CsvOrder, i: number, cell: (row: CsvRow, i: number) => string): { value: string; line: number } | undefined {
  for (const { row } of o.rows) {
    const v = cell(row, i);
    if (v) return { value: v, line: row.line };
  }
  return undefined;
}

function sameAmount(a: Money | undefined, b: Money | undefined): boolean {
  if (!a || !b) return a === b;
  return compareMoney(a, b) === 0;
}

// --- JSON --------------------------------------------------------------------------------------------

const ORDER_KEYS = ["orderId", "date", "seller", "items", "currency", "shipTo", "payment", "tracking", "status", "shipping", "tax", "total", "details"];
const ITEM_KEYS = ["name", "quantity", "unitPrice", "itemId"];
const ADDRESS_KEYS = ["name", "street", "city", "state", "postalCode", "country"];

/** True for a JSON object with an "orders" array whose entries look like orders (works on a file's first 64 KB). */
export function looksLikeGenericPurchasesJson(text: string): boolean {
  const t = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (!t.startsWith("{")) return false;
  return /"orders"\s*:\s*\[/.test(t) && /"(orderId|items)"\s*:/.test(t);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);

export function parseGenericPurchasesJson(text: string, displayPath: string, timeZone: string): PurchaseOrder[] {
  const file = displayPath;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(msg);
    const line = pos ? body.slice(0, Number(pos[1])).split("\n").length : undefined;
    throw new InvalidInputError({ file, ...(line ? { line } : {}) }, `not valid JSON: ${msg.split("\n")[0]}`);
  }
  const fail = (path: string, problem: string): never => {
    throw new InvalidInputError({ file, field: path }, problem);
  };
  if (!isObject(doc) || !Array.isArray(doc.orders)) fail("orders", 'not a purchases JSON file: expected { "orders": [ … ] }');
  const ordersJson = (doc as { orders: Json[] }).orders;

  const checkKeys = (obj: Record<string, Json>, path: string, allowed: string[]) => {
    for (const k of Object.keys(obj)) {
      if (k.startsWith("_") || k.startsWith("$") || allowed.includes(k)) continue;
      fail(`${path}.${k}`, `unknown key '${clip(k)}'; allowed: ${allowed.join(", ")} (keys starting with _ or $ are ignored)`);
    }
  };
  const str = (obj: Record<string, Json>, key: string, path: string, required: boolean): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) fail(`${path}.${key}`, `${key} is required`);
      return undefined;
    }
    if (typeof v !== "string") fail(`${path}.${key}`, `expected a string, got ${kind(v)}`);
    const s = (v as string).trim();
    if (!s && required) fail(`${path}.${key}`, `${key} is empty`);
    return s || undefined;
  };
  const amount = (obj: Record<string, Json>, key: string, path: string, currency: string, required: boolean): Money | undefined => {
    const v = obj[key];
    const p = `${path}.${key}`;
    if (v === undefined || v === null) {
      if (required) fail(p, `${key} is required`);
      return undefined;
    }
    let textValue: string;
    if (typeof v === "number") {
      // Whole numbers are exact in a float; anything with decimals may already have been rounded by JSON.parse.
      if (!Number.isSafeInteger(v)) fail(p, `write amounts as strings, e.g. "${Number.isFinite(v) ? v : "19.99"}": a JSON number with decimals is a binary float and cannot hold cents exactly`);
      textValue = String(v);
    } else if (typeof v === "string") textValue = v;
    else return fail(p, `expected an amount as a string such as "19.99", got ${kind(v)}`);
    try {
      const m = parseMoney(textValue, currency);
      if (!m && required) fail(p, `${key} is empty`);
      return m;
    } catch (e) {
      if (e instanceof MoneyFormatError) fail(p, e.message);
      throw e;
    }
  };

  const seen = new Map<string, number>();
  return ordersJson.map((o, i): PurchaseOrder => {
    const path = `orders[${i}]`;
    if (!isObject(o)) return fail(path, `expected an order object, got ${kind(o)}`);
    checkKeys(o, path, ORDER_KEYS);
    const orderId = str(o, "orderId", path, true)!;
    const dup = seen.get(orderId);
    if (dup !== undefined) fail(`${path}.orderId`, `order ${orderId} appears twice (also orders[${dup}]); give each order once with all its items`);
    seen.set(orderId, i);
    const currencyText = str(o, "currency", path, true)!;
    const currency = readCurrency(currencyText) ?? fail(`${path}.currency`, `'${clip(currencyText)}' is not a three-letter currency code`);
    const dateText = str(o, "date", path, true)!;
    const date = parseGenericDate(dateText, timeZone);
    if (!date.ok) return fail(`${path}.date`, date.problem);

    const items = o.items;
    if (!Array.isArray(items) || items.length === 0) return fail(`${path}.items`, Array.isArray(items) ? "items is empty; list at least one item" : items === undefined ? "items is required" : `expected an array of items, got ${kind(items)}`);
    const lines = items.map((it, j): OrderLine => {
      const ip = `${path}.items[${j}]`;
      if (!isObject(it)) return fail(ip, `expected an item object, got ${kind(it)}`);
      checkKeys(it, ip, ITEM_KEYS);
      const name = str(it, "name", ip, true)!;
      const q = it.quantity;
      let quantity: number;
      if (typeof q === "number" && Number.isSafeInteger(q) && q >= 0) quantity = q;
      else if (typeof q === "string" && /^\s*\d{1,9}\s*$/.test(q)) quantity = Number(q);
      else return fail(`${ip}.quantity`, q === undefined ? "quantity is required" : `expected a whole number of items, got ${typeof q === "string" ? `'${clip(q)}'` : kind(q) === "a number" ? String(q) : kind(q)}`);
      const line: OrderLine = { name, quantity, unitPrice: amount(it, "unitPrice", ip, currency, true)! };
      const itemId = str(it, "itemId", ip, false);
      if (itemId) line.itemId = itemId;
      return line;
    });

    const amounts: { label: string; amount: Money }[] = [{ label: "Subtotal", amount: sumMoney(lines.map((l) => mulMoney(l.unitPrice!, l.quantity)), currency) }];
    for (const [key, label] of [["shipping", "Shipping"], ["tax", "Tax"], ["total", "Total"]] as const) {
      const m = amount(o, key, path, currency, false);
      if (m) amounts.push({ label, amount: m });
    }

    const details: { label: string; value: string }[] = [];
    if (date.local) details.push({ label: "Time as given", value: date.local });
    if (o.details !== undefined && o.details !== null) {
      const dp = `${path}.details`;
      if (isObject(o.details)) {
        for (const [k, v] of Object.entries(o.details)) {
          if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") fail(`${dp}.${k}`, `expected a string, got ${kind(v)}`);
          details.push({ label: k, value: String(v) });
        }
      } else if (Array.isArray(o.details)) {
        o.details.forEach((d, k) => {
          if (!isObject(d) || typeof d.label !== "string" || typeof d.value !== "string") fail(`${dp}[${k}]`, 'expected { "label": "…", "value": "…" }');
          details.push({ label: (d as { label: string }).label, value: (d as { value: string }).value });
        });
      } else fail(dp, `expected an object of label → text, got ${kind(o.details)}`);
    }

    const order: PurchaseOrder = { source: "generic-json", orderId, orderedAt: date.iso, lines, amounts, details, origin: `${file} ${path}` };
    const seller = str(o, "seller", path, false);
    if (seller) order.seller = seller;
    const status = str(o, "status", path, false);
    if (status) order.status = status;
    const payment = str(o, "payment", path, false);
    if (payment) order.payment = payment;
    const tracking = str(o, "tracking", path, false);
    if (tracking) order.tracking = tracking;
    if (o.shipTo !== undefined && o.shipTo !== null) {
      const sp = `${path}.shipTo`;
      if (!isObject(o.shipTo)) return fail(sp, `expected an address object, got ${kind(o.shipTo)}`);
      checkKeys(o.shipTo, sp, ADDRESS_KEYS);
      const addr: Address = {};
      for (const k of ADDRESS_KEYS) {
        const v = str(o.shipTo, k, sp, false);
        if (v) addr[k as keyof Address] = v;
      }
      if (Object.keys(addr).length > 0) order.shipTo = addr;
    }
    return order;
  });
}
