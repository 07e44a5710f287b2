/**
 * Stage 2 (intake), format amazon-orders: the parser of Amazon "Request my data" order history:
 * `Retail.OrderHistory.N.csv` (DOMAIN.md §8.3).
 *
 * One row per item; columns are found by header name (quoted or not, BOM or not, any order; the newer
 * "Order History.csv" names Total Amount / Original Quantity / Payment Method Type are accepted too).
 * Rows are merged into one PurchaseOrder per Order ID, and within an order grouped into shipments by
 * (Ship Date, Carrier Name & Tracking Number) before anything is summed:
 *
 * - Subtotal = Σ Unit Price × Quantity (exact).
 * - Tax      = Σ Unit Price Tax × Quantity; if that column is missing, Shipment Item Subtotal Tax once per
 *              shipment (it repeats on every row of a shipment).
 * - Shipping, Discounts, Total (Total Owed) = per row in the exports seen so far
 *              (Total Owed = Quantity × (Unit Price + Unit Price Tax) + Shipping Charge + Total Discounts).
 *              When a shipment's rows do NOT satisfy that identity and a column holds the same value on
 *              every row of the shipment, it is a repeated shipment total and is counted ONCE (a note says so).
 * - An amount is reported only when every item row that counts has it; a partial sum is never shown as a
 *   total. Rows with Quantity 0 (cancelled items) are listed but add nothing.
 *
 * `Not Available` / `Not Applicable` cells are treated as absent. Billing Address and Gift Recipient
 * Contact Details are personal data not needed to prove the sale and are not copied into the order.
 */
import type { Money } from "../../../model/money.js";
import type { OrderLine, PurchaseOrder } from "../../../model/purchase.js";
import { columnIndex, type CsvRow, readCsvFile, columnIndexes, shapedRows } from "../../../util/csv.js";
import { InvalidInputError } from "../../../util/errors.js";
import {
  addMoney,
  compareMoney,
  moneyToDecimalString,
  MoneyFormatError,
  mulMoney,
  negate,
  normalizeCurrency,
  parseMoney,
  sumMoney,
} from "../../../util/money.js";
import { parseIsoInstant } from "../../../util/time.js";
import { describeLines, firstLineCells, parseAddressText } from "../shared/addresses.js";
import { checkWholeExport, selectedRows } from "../shared/purchases.js";
import { withArticle } from "../shared/text.js";

/** The format as its words and its problems name it. */
export const AMAZON_ORDERS_NAME = "Amazon Retail.OrderHistory CSV";

const COLUMNS = {
  website: ["Website"],
  orderId: ["Order ID"],
  orderDate: ["Order Date"],
  purchaseOrderNumber: ["Purchase Order Number"],
  currency: ["Currency"],
  unitPrice: ["Unit Price"],
  unitPriceTax: ["Unit Price Tax"],
  shippingCharge: ["Shipping Charge"],
  totalDiscounts: ["Total Discounts"],
  totalOwed: ["Total Owed", "Total Amount"],
  shipmentSubtotal: ["Shipment Item Subtotal"],
  shipmentSubtotalTax: ["Shipment Item Subtotal Tax"],
  asin: ["ASIN"],
  productCondition: ["Product Condition"],
  quantity: ["Quantity", "Original Quantity"],
  payment: ["Payment Instrument Type", "Payment Method Type"],
  orderStatus: ["Order Status"],
  shipmentStatus: ["Shipment Status"],
  shipDate: ["Ship Date"],
  shippingOption: ["Shipping Option"],
  shippingAddress: ["Shipping Address"],
  tracking: ["Carrier Name & Tracking Number"],
  productName: ["Product Name"],
  giftMessage: ["Gift Message"],
  giftSenderName: ["Gift Sender Name"],
  itemSerialNumber: ["Item Serial Number"],
} as const;
type Column = keyof typeof COLUMNS;

const TEXT_SENTINELS = new Set(["not available", "not applicable"]);

/** A cell's text, or undefined for blanks and Amazon's sentinels. */
export function amazonText(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v || TEXT_SENTINELS.has(v.toLowerCase())) return undefined;
  return v;
}

/** True when the first line is a header with Order ID and ASIN columns. */
export function looksLikeAmazonOrderHistory(text: string): boolean {
  const header = firstLineCells(text);
  return columnIndex(header, "Order ID") >= 0 && columnIndex(header, "ASIN") >= 0;
}

interface AmazonRow {
  line: number;
  orderId: string;
  orderedAt?: string;
  currency: string;
  quantity: number;
  productName: string;
  asin?: string;
  unitPrice?: Money;
  unitPriceTax?: Money;
  shippingCharge?: Money;
  totalDiscounts?: Money;
  totalOwed?: Money;
  shipmentSubtotalTax?: Money;
  shipDate?: string;
  shipmentKey: string;
  cells: Partial<Record<Column, string>>;
}

/** The orders of an export; with `orders`, only the rows of those (and of its first few orders) are read. */
export function parseAmazonOrderHistory(text: string, displayPath: string, orders?: readonly string[]): PurchaseOrder[] {
  const file = displayPath;
  const table = readCsvFile(
    text,
    file,
    selectedRows(orders, (header) => columnIndex(header, ...COLUMNS.orderId)),
  );
  checkWholeExport(table, orders, file, withArticle(AMAZON_ORDERS_NAME));
  const idx = columnIndexes(table.header, COLUMNS);
  const missing: string[] = [];
  for (const key of ["orderId", "orderDate", "productName", "quantity", "currency"] as const)
    if (idx[key] < 0) missing.push(COLUMNS[key][0]);
  if (idx.unitPrice < 0 && idx.totalOwed < 0) missing.push("Unit Price or Total Owed");
  if (missing.length > 0) {
    throw new InvalidInputError(
      { file, line: 1, field: "header" },
      `not an Amazon Retail.OrderHistory CSV: missing columns ${missing.join(", ")}`,
    );
  }

  const rows = shapedRows(table, file, withArticle(AMAZON_ORDERS_NAME)).map((r) => readRow(r, idx, file));
  const byOrder = new Map<string, AmazonRow[]>();
  for (const r of rows) {
    const list = byOrder.get(r.orderId);
    if (list) list.push(r);
    else byOrder.set(r.orderId, [r]);
  }
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  return [...byOrder.values()].map((orderRows) => buildOrder(orderRows, file, (r) => rowIndex.get(r) ?? 0));
}

function readRow(row: CsvRow, idx: Record<Column, number>, file: string): AmazonRow {
  const cells: Partial<Record<Column, string>> = {};
  for (const key of Object.keys(idx) as Column[]) if (idx[key] >= 0) cells[key] = (row.cells[idx[key]] ?? "").trim();
  const at = (field: string) => ({ file, line: row.line, field });

  const orderId = amazonText(cells.orderId);
  if (!orderId) throw new InvalidInputError(at("Order ID"), "the Order ID is empty; every row needs the order number");

  let currency: string;
  const currencyText = amazonText(cells.currency);
  if (!currencyText) throw new InvalidInputError(at("Currency"), "the Currency is empty");
  try {
    currency = normalizeCurrency(currencyText);
  } catch (e) {
    if (e instanceof MoneyFormatError) throw new InvalidInputError(at("Currency"), `'${currencyText}' is not a three-letter currency code`);
    throw e;
  }

  const date = (key: "orderDate" | "shipDate", label: string): string | undefined => {
    const v = amazonText(cells[key]);
    if (v === undefined) return undefined;
    const iso = parseIsoInstant(v);
    if (!iso)
      throw new InvalidInputError(
        at(label),
        `'${clip(v)}' is not an ISO 8601 date and time with a zone (expected e.g. 2025-10-25T20:27:42Z)`,
      );
    return iso;
  };
  const amount = (key: Column, label: string): Money | undefined => {
    const v = cells[key];
    if (v === undefined) return undefined;
    try {
      return parseMoney(v, currency);
    } catch (e) {
      if (e instanceof MoneyFormatError) throw new InvalidInputError(at(label), e.message);
      throw e;
    }
  };

  const qtyText = amazonText(cells.quantity);
  if (qtyText === undefined || !/^\d{1,9}$/.test(qtyText)) {
    throw new InvalidInputError(at(COLUMNS.quantity[0]), `'${clip(cells.quantity ?? "")}' is not a whole number of items`);
  }
  const asin = amazonText(cells.asin);
  const shipDateRaw = cells.shipDate ?? "";
  const trackingRaw = cells.tracking ?? "";
  return {
    line: row.line,
    orderId,
    orderedAt: date("orderDate", "Order Date"),
    currency,
    quantity: Number(qtyText),
    productName: amazonText(cells.productName) ?? (asin ? `(no product name; ASIN ${asin})` : "(no product name)"),
    asin,
    unitPrice: amount("unitPrice", "Unit Price"),
    unitPriceTax: amount("unitPriceTax", "Unit Price Tax"),
    shippingCharge: amount("shippingCharge", "Shipping Charge"),
    totalDiscounts: amount("totalDiscounts", "Total Discounts"),
    totalOwed: amount("totalOwed", "Total Owed"),
    shipmentSubtotalTax: amount("shipmentSubtotalTax", "Shipment Item Subtotal Tax"),
    shipDate: date("shipDate", "Ship Date"),
    shipmentKey: `${shipDateRaw}\u0000${trackingRaw}`,
    cells,
  };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function buildOrder(rows: AmazonRow[], file: string, rowIndex: (r: AmazonRow) => number): PurchaseOrder {
  const first = rows[0];
  const currency = first.currency;
  for (const r of rows) {
    if (r.currency !== currency) {
      throw new InvalidInputError(
        { file, line: r.line, field: "Currency" },
        `order ${r.orderId} mixes ${currency} and ${r.currency}; one order must have one currency`,
      );
    }
  }
  const shipments = new Map<string, AmazonRow[]>();
  for (const r of rows) {
    const list = shipments.get(r.shipmentKey);
    if (list) list.push(r);
    else shipments.set(r.shipmentKey, [r]);
  }

  const lines: OrderLine[] = rows.map((r) => ({
    name: r.productName,
    quantity: r.quantity,
    ...(r.unitPrice ? { unitPrice: r.unitPrice } : {}),
    ...(r.asin ? { itemId: r.asin } : {}),
  }));

  const counted = rows.filter((r) => r.quantity > 0);
  const amounts: { label: string; amount: Money }[] = [];
  const notes: string[] = [];
  if (counted.length > 0) {
    if (counted.every((r) => r.unitPrice))
      amounts.push({
        label: "Subtotal",
        amount: sumMoney(
          counted.map((r) => mulMoney(r.unitPrice!, r.quantity)),
          currency,
        ),
      });

    let tax: Money | undefined;
    if (counted.every((r) => r.unitPriceTax))
      tax = sumMoney(
        counted.map((r) => mulMoney(r.unitPriceTax!, r.quantity)),
        currency,
      );
    else tax = perShipmentOnce(shipments, (r) => r.shipmentSubtotalTax, currency);
    if (tax) amounts.push({ label: "Tax", amount: tax });

    const columns: [string, string, (r: AmazonRow) => Money | undefined][] = [
      ["Shipping", "Shipping Charge", (r) => r.shippingCharge],
      ["Discounts", "Total Discounts", (r) => r.totalDiscounts],
      ["Total", "Total Owed", (r) => r.totalOwed],
    ];
    for (const [label, column, get] of columns) {
      let total: Money | undefined = sumMoney([], currency);
      for (const ship of shipments.values()) {
        const shipRows = ship.filter((r) => r.quantity > 0);
        if (shipRows.length === 0) continue;
        const values = shipRows.map(get);
        if (values.some((v) => v === undefined)) {
          total = undefined;
          break;
        }
        const vs = values as Money[];
        const repeated = vs.length > 1 && !shipRows.every(rowIdentityHolds) && vs.every((v) => compareMoney(v, vs[0]) === 0);
        if (repeated && vs[0].units !== 0n) {
          notes.push(
            `${column} ${moneyToDecimalString(vs[0])} repeats on the ${vs.length} rows of one shipment ` +
              `(${shipmentLabel(shipRows[0])}); counted once`,
          );
        }
        total = addMoney(total, repeated ? vs[0] : sumMoney(vs, currency));
      }
      if (total) amounts.push({ label, amount: total });
    }
  }

  const details: { label: string; value: string }[] = [];
  const addDetail = (label: string, values: (string | undefined)[]) => {
    const v = unique(values);
    if (v.length > 0) details.push({ label, value: v.join("; ") });
  };
  addDetail(
    "Website",
    rows.map((r) => amazonText(r.cells.website)),
  );
  addDetail(
    "Purchase Order Number",
    rows.map((r) => amazonText(r.cells.purchaseOrderNumber)),
  );
  addDetail(
    "Ship Date",
    rows.map((r) => r.shipDate),
  );
  addDetail(
    "Shipping Option",
    rows.map((r) => amazonText(r.cells.shippingOption)),
  );
  addDetail(
    "Product Condition",
    rows.map((r) => amazonText(r.cells.productCondition)),
  );
  addDetail(
    "Item Serial Number",
    rows.map((r) => amazonText(r.cells.itemSerialNumber)),
  );
  addDetail(
    "Gift Message",
    rows.map((r) => amazonText(r.cells.giftMessage)),
  );
  addDetail(
    "Gift Sender Name",
    rows.map((r) => amazonText(r.cells.giftSenderName)),
  );
  const addresses = unique(rows.map((r) => amazonText(r.cells.shippingAddress)));
  if (addresses.length > 1) details.push({ label: "Other Shipping Address", value: addresses.slice(1).join("; ") });
  for (const n of unique(notes)) details.push({ label: "Note", value: n });

  const orderStatus = unique(rows.map((r) => amazonText(r.cells.orderStatus)));
  const shipmentStatus = unique(rows.map((r) => amazonText(r.cells.shipmentStatus)));
  let status: string | undefined = orderStatus.join(", ") || undefined;
  if (shipmentStatus.length > 0)
    status = status ? `${status} (shipment: ${shipmentStatus.join(", ")})` : `Shipment: ${shipmentStatus.join(", ")}`;

  const order: PurchaseOrder = {
    source: "amazon-order-history",
    orderId: first.orderId,
    lines,
    amounts,
    details,
    origin: describeLines(rows.map((r) => ({ line: r.line, index: rowIndex(r) }))),
  };
  const orderedAt = rows.find((r) => r.orderedAt)?.orderedAt;
  if (orderedAt) order.orderedAt = orderedAt;
  if (status) order.status = status;
  const payment = unique(rows.map((r) => amazonText(r.cells.payment))).join("; ");
  if (payment) order.payment = payment;
  if (addresses.length > 0) order.shipTo = parseAddressText(addresses[0]);
  const tracking = unique(rows.map((r) => amazonText(r.cells.tracking))).join("; ");
  if (tracking) order.tracking = tracking;
  return order;
}

/** Total Owed = Quantity × (Unit Price + Unit Price Tax) + Shipping Charge + Total Discounts (either sign). */
function rowIdentityHolds(r: AmazonRow): boolean {
  const { unitPrice, unitPriceTax, shippingCharge, totalDiscounts, totalOwed } = r;
  if (!unitPrice || !unitPriceTax || !shippingCharge || !totalDiscounts || !totalOwed) return false;
  const base = addMoney(mulMoney(addMoney(unitPrice, unitPriceTax), r.quantity), shippingCharge);
  return (
    compareMoney(addMoney(base, totalDiscounts), totalOwed) === 0 || compareMoney(addMoney(base, negate(totalDiscounts)), totalOwed) === 0
  );
}

/** A shipment-level column (repeated on each row of the shipment) taken once per shipment; undefined if any is missing or rows disagree. */
function perShipmentOnce(
  shipments: Map<string, AmazonRow[]>,
  get: (r: AmazonRow) => Money | undefined,
  currency: string,
): Money | undefined {
  const parts: Money[] = [];
  for (const ship of shipments.values()) {
    const shipRows = ship.filter((r) => r.quantity > 0);
    if (shipRows.length === 0) continue;
    const values = shipRows.map(get);
    const v0 = values[0];
    if (!v0 || values.some((v) => !v || compareMoney(v, v0) !== 0)) return undefined;
    parts.push(v0);
  }
  return sumMoney(parts, currency);
}

function shipmentLabel(r: AmazonRow): string {
  const parts = [r.shipDate ? `shipped ${r.shipDate}` : undefined, amazonText(r.cells.tracking)].filter(Boolean);
  return parts.join(", ") || "not shipped";
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ""))];
}
