/**
 * Stage 2 (intake), format purchases-json: the generic purchase-record format in JSON, for any marketplace without a
 * reader of its own (the CSV form is formats/purchases-csv). Dates and money are read as
 * shared/generic-purchases.ts says.
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
 */
import { checkJsonDepth } from "../shared/json-depth.js";
import type { Money } from "../../../model/money.js";
import type { Address, OrderLine, PurchaseOrder } from "../../../model/purchase.js";
import { InvalidInputError } from "../../../util/errors.js";
import { MoneyFormatError, parseMoney } from "../../../util/money.js";
import { clip, parseGenericDate, readCurrency } from "../shared/generic-purchases.js";
import { orderAmounts } from "../shared/generic-purchases.js";

/** The format as its words and its problems name it. */
export const PURCHASES_JSON_NAME = "purchases JSON";

const ORDER_KEYS = [
  "orderId",
  "date",
  "seller",
  "items",
  "currency",
  "shipTo",
  "payment",
  "tracking",
  "status",
  "shipping",
  "tax",
  "total",
  "details",
];
const ITEM_KEYS = ["name", "quantity", "unitPrice", "itemId"];
const ADDRESS_KEYS = ["name", "street", "city", "state", "postalCode", "country"];

/**
 * True for a JSON object with an "orders" array whose entries look like orders (works on a file's first 64 KB), or
 * whose "orders" array is empty (then the reader says it holds no orders, rather than that it is no format).
 */
export function looksLikeGenericPurchasesJson(text: string): boolean {
  const t = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (!t.startsWith("{")) return false;
  return /"orders"\s*:\s*\[/.test(t) && (/"(orderId|items)"\s*:/.test(t) || /^\{\s*"orders"\s*:\s*\[\s*\]\s*\}\s*$/.test(t));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);

export function parseGenericPurchasesJson(text: string, displayPath: string, timeZone: string): PurchaseOrder[] {
  const file = displayPath;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  checkJsonDepth(body, file, "a purchases JSON file");
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
      if (!Number.isSafeInteger(v))
        fail(
          p,
          `write amounts as strings, e.g. "${Number.isFinite(v) ? v : "19.99"}": a JSON number with decimals is a binary float and ` +
            `cannot hold cents exactly`,
        );
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
    if (dup !== undefined)
      fail(`${path}.orderId`, `order ${orderId} appears twice (also orders[${dup}]); give each order once with all its items`);
    seen.set(orderId, i);
    const currencyText = str(o, "currency", path, true)!;
    const currency = readCurrency(currencyText) ?? fail(`${path}.currency`, `'${clip(currencyText)}' is not a three-letter currency code`);
    const dateText = str(o, "date", path, true)!;
    const date = parseGenericDate(dateText, timeZone);
    if (!date.ok) return fail(`${path}.date`, date.problem);

    const items = o.items;
    if (!Array.isArray(items) || items.length === 0)
      return fail(
        `${path}.items`,
        Array.isArray(items)
          ? "items is empty; list at least one item"
          : items === undefined
            ? "items is required"
            : `expected an array of items, got ${kind(items)}`,
      );
    const lines = items.map((it, j): OrderLine => {
      const ip = `${path}.items[${j}]`;
      if (!isObject(it)) return fail(ip, `expected an item object, got ${kind(it)}`);
      checkKeys(it, ip, ITEM_KEYS);
      const name = str(it, "name", ip, true)!;
      const q = it.quantity;
      let quantity: number;
      if (typeof q === "number" && Number.isSafeInteger(q) && q >= 0) quantity = q;
      else if (typeof q === "string" && /^\s*\d{1,9}\s*$/.test(q)) quantity = Number(q);
      else
        return fail(
          `${ip}.quantity`,
          q === undefined
            ? "quantity is required"
            : `expected a whole number of items, got ` +
                `${typeof q === "string" ? `'${clip(q)}'` : kind(q) === "a number" ? String(q) : kind(q)}`,
        );
      const line: OrderLine = { name, quantity, unitPrice: amount(it, "unitPrice", ip, currency, true)! };
      const itemId = str(it, "itemId", ip, false);
      if (itemId) line.itemId = itemId;
      return line;
    });

    const amounts = orderAmounts(lines, currency, (key) => amount(o, key, path, currency, false));

    const details: { label: string; value: string }[] = [];
    if (date.local) details.push({ label: "Time as given", value: date.local });
    if (o.details !== undefined && o.details !== null) {
      const dp = `${path}.details`;
      if (isObject(o.details)) {
        for (const [k, v] of Object.entries(o.details)) {
          if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
            fail(`${dp}.${k}`, `expected a string, got ${kind(v)}`);
          details.push({ label: k, value: String(v) });
        }
      } else if (Array.isArray(o.details)) {
        o.details.forEach((d, k) => {
          if (!isObject(d) || typeof d.label !== "string" || typeof d.value !== "string")
            fail(`${dp}[${k}]`, 'expected { "label": "…", "value": "…" }');
          details.push({ label: (d as { label: string }).label, value: (d as { value: string }).value });
        });
      } else fail(dp, `expected an object of label → text, got ${kind(o.details)}`);
    }

    const order: PurchaseOrder = {
      source: "generic-json",
      orderId,
      orderedAt: date.iso,
      lines,
      amounts,
      details,
      origin: path,
    };
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
