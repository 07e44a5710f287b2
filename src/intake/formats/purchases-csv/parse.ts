/**
 * Stage 2 (intake), format purchases-csv: the generic purchase-record format in CSV, for any marketplace without
 * a reader of its own (eBay, AliExpress, Shopify storefronts, DHgate, …): the investigator copies each test
 * purchase into a small CSV file (or JSON: formats/purchases-json). Dates and money are read as
 * shared/generic-purchases.ts says.
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
 */
import type { Money } from "../../../model/money.js";
import type { Address, OrderLine, PurchaseOrder } from "../../../model/purchase.js";
import { type CsvRow, readCsvFile, shapedRows } from "../../../util/csv.js";
import { InvalidInputError } from "../../../util/errors.js";
import { compareMoney, MoneyFormatError, parseMoney } from "../../../util/money.js";
import { describeLines } from "../shared/addresses.js";
import { clip, normalizeHeader, parseGenericDate, readCurrency } from "../shared/generic-purchases.js";
import { orderAmounts } from "../shared/generic-purchases.js";
import { checkWholeExport, selectedRows } from "../shared/purchases.js";
import { withArticle } from "../shared/text.js";

/** The format as its words and its problems name it. */
export const PURCHASES_CSV_NAME = "purchases CSV";

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
const REQUIRED_CSV: CsvColumn[] = [
  "orderId",
  "date",
  "seller",
  "item",
  "quantity",
  "unitPrice",
  "currency",
  "shipToCity",
  "shipToState",
  "payment",
];
const ITEM_COLUMNS = new Set<CsvColumn>(["item", "quantity", "unitPrice", "itemId"]);
const CSV_LABEL: Record<CsvColumn, string> = {
  orderId: "order id",
  date: "date",
  seller: "seller",
  item: "item",
  quantity: "quantity",
  unitPrice: "unit price",
  currency: "currency",
  shipToCity: "ship-to city",
  shipToState: "ship-to state",
  payment: "payment",
  shipToCountry: "ship-to country",
  shipToPostalCode: "ship-to postal code",
  shipToName: "ship-to name",
  shipToStreet: "ship-to street",
  tracking: "tracking",
  shipping: "shipping",
  tax: "tax",
  total: "total",
  itemId: "item id",
  status: "status",
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

/** The orders of an export; with `orders`, only the rows of those (and of its first few orders) are read. */
export function parseGenericPurchasesCsv(text: string, displayPath: string, timeZone: string, asked?: readonly string[]): PurchaseOrder[] {
  const file = displayPath;
  const ids: readonly string[] = CSV_COLUMNS.orderId;
  const orderColumn = (header: string[]) => header.map(normalizeHeader).findIndex((h) => ids.includes(h));
  const table = readCsvFile(text, file, selectedRows(asked, orderColumn));
  checkWholeExport(table, asked, file, withArticle(PURCHASES_CSV_NAME));
  const normalized = table.header.map(normalizeHeader);
  const idx = {} as Record<CsvColumn, number>;
  for (const [key, names] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][])
    idx[key] = normalized.findIndex((h) => names.includes(h));
  const missing = REQUIRED_CSV.filter((k) => idx[k] < 0);
  if (missing.length > 0) {
    throw new InvalidInputError(
      { file, line: 1, field: "header" },
      `not a purchases CSV: missing columns ${missing.map((k) => CSV_LABEL[k]).join(", ")} (header names ignore case, spaces, "-" and "_")`,
    );
  }
  const known = new Set(Object.values(idx).filter((i) => i >= 0));
  const extras = table.header.map((h, i) => ({ h, i })).filter(({ h, i }) => !known.has(i) && h.trim() !== "");
  const cell = (row: CsvRow, i: number): string => (i >= 0 ? (row.cells[i] ?? "").trim() : "");

  const orders = new Map<string, CsvOrder>();
  shapedRows(table, file, withArticle(PURCHASES_CSV_NAME)).forEach((row, index) => {
    const orderId = cell(row, idx.orderId);
    if (!orderId)
      throw new InvalidInputError({ file, line: row.line, field: CSV_LABEL.orderId }, "the order id is empty; every row needs one");
    let o = orders.get(orderId);
    if (!o) orders.set(orderId, (o = { orderId, rows: [], values: new Map() }));
    o.rows.push({ row, index });
  });

  const result: PurchaseOrder[] = [];
  for (const o of orders.values()) {
    // Order-level values: first non-blank wins; a different later value is an error.
    const columns: { key: string; label: string; i: number; money?: boolean }[] = [
      ...(Object.keys(CSV_COLUMNS) as CsvColumn[])
        .filter((k) => !ITEM_COLUMNS.has(k) && k !== "orderId")
        .map((k) => ({ key: k, label: CSV_LABEL[k], i: idx[k], money: k === "shipping" || k === "tax" || k === "total" })),
      ...extras.map(({ h, i }) => ({ key: `extra:${i}`, label: h.trim(), i })),
    ];
    const currencyText = firstValue(o, idx.currency, cell);
    const currency = readCurrency(currencyText?.value);
    if (!currencyText)
      throw new InvalidInputError({ file, line: o.rows[0].row.line, field: CSV_LABEL.currency }, `order ${o.orderId} has no currency`);
    if (!currency)
      throw new InvalidInputError(
        { file, line: currencyText.line, field: CSV_LABEL.currency },
        `'${clip(currencyText.value)}' is not a three-letter currency code`,
      );
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
            `order ${o.orderId}: '${clip(v)}' differs from '${clip(seen.value)}' on line ${seen.line}; order-level columns must be ` +
              `blank or the same on every row of an order`,
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

    const amounts = orderAmounts(lines, currency, (key) => {
      const v = value(key);
      return (v && money(v.value, v.line, CSV_LABEL[key])) || undefined;
    });

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
      origin: describeLines(o.rows.map(({ row, index }) => ({ line: row.line, index }))),
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
