/**
 * Stage 2 (intake), format paypal-activity: the parser of PayPal "Activity" CSV downloads (DOMAIN.md §8.4).
 * One PurchaseOrder per Transaction ID.
 *
 * - Columns are found by header name: US and UK English and German (current and older German names such as
 *   Transaktionscode / Zeitzone / Brutto / Gebühr or Entgelt), in any order and any subset that keeps the
 *   required Date, Time, TimeZone, Currency, Gross and Transaction ID.
 * - Dates `MM/DD/YYYY` or `DD/MM/YYYY` (also with "." or "-", or `YYYY-MM-DD`) are decided per FILE: a first
 *   field above 12 proves day-first, a second field above 12 proves month-first; with no proof, a date with
 *   dots is day-first, otherwise English headers mean month-first and German headers day-first. `dateOrder`
 *   overrides. When the order was assumed rather than proven, each order says so in its details.
 * - TimeZone is mapped EXPLICITLY to a fixed UTC offset (the abbreviation already says whether summer time
 *   applied); numeric "GMT+01:00" and IANA names ("Europe/Berlin") are accepted too. An unknown abbreviation
 *   is an error naming the line: guessing a zone would move the purchase time.
 * - Amounts keep their sign as exported (a buyer's payment is negative Gross, the Fee is negative); German
 *   files are read with a decimal comma.
 * - Balance Impact "Memo" rows moved no money; they are kept, with "Memo (no funds moved)" in the details.
 * - Contact phone numbers and bank-account columns are not copied (personal data not needed for the sale).
 */
import { decideDateOrder, rowTime, splitDate, type DateParts } from "./dates.js";
import { clip, FIELDS, type Field } from "./fields.js";
export { PAYPAL_TIME_ZONES } from "./dates.js";
import type { Money } from "../../../model/money.js";
import type { Address, OrderLine, PurchaseOrder } from "../../../model/purchase.js";
import { columnIndex, type CsvRow, readCsvFile, columnIndexes, shapedRows } from "../../../util/csv.js";
import { InvalidInputError } from "../../../util/errors.js";
import { MoneyFormatError, normalizeCurrency, parseMoney, type ParseMoneyOptions } from "../../../util/money.js";
import { describeLines, firstLineCells, parseAddressText } from "../shared/addresses.js";
import { checkWholeExport } from "../shared/purchases.js";
import { withArticle } from "../shared/text.js";

/** The format as its words and its problems name it. */
export const PAYPAL_ACTIVITY_NAME = "PayPal activity CSV";

export type PayPalDateOrder = "mdy" | "dmy" | "ymd";

export interface PayPalOptions {
  /** Force the order of date fields instead of deciding from the file. */
  dateOrder?: PayPalDateOrder;
  /** The orders asked for (the export is then not shown whole). */
  orders?: readonly string[];
}

const GERMAN_MARKERS = ["Datum", "Uhrzeit", "Zeitzone", "Währung", "Brutto", "Transaktionscode", "Transactionscode"];

/** True when the first line has a transaction-id, gross and time-zone column (English or German). */
export function looksLikePayPalActivity(text: string): boolean {
  const header = firstLineCells(text);
  return (
    columnIndex(header, ...FIELDS.transactionId) >= 0 &&
    columnIndex(header, ...FIELDS.gross) >= 0 &&
    columnIndex(header, ...FIELDS.timeZone) >= 0
  );
}

export function parsePayPalActivity(text: string, displayPath: string, opts: PayPalOptions = {}): PurchaseOrder[] {
  const file = displayPath;
  const table = readCsvFile(text, file);
  checkWholeExport(table, opts.orders, file, withArticle(PAYPAL_ACTIVITY_NAME));
  const idx = columnIndexes(table.header, FIELDS);
  const german = GERMAN_MARKERS.some((h) => columnIndex(table.header, h) >= 0);
  const required: Field[] = ["date", "time", "timeZone", "currency", "gross", "transactionId"];
  const missing = required.filter((k) => idx[k] < 0).map((k) => FIELDS[k].slice(0, german ? FIELDS[k].length : 1).join(" / "));
  if (missing.length > 0)
    throw new InvalidInputError({ file, line: 1, field: "header" }, `not a PayPal activity CSV: missing columns ${missing.join(", ")}`);
  const moneyOpts: ParseMoneyOptions = german ? { decimalSeparator: "," } : {};
  const cell = (row: CsvRow, f: Field): string | undefined => {
    if (idx[f] < 0) return undefined;
    const v = (row.cells[idx[f]] ?? "").trim();
    return v === "" ? undefined : v;
  };

  const rows = shapedRows(table, file, withArticle(PAYPAL_ACTIVITY_NAME));
  // Decide the date order for the whole file first.
  const dates: { row: CsvRow; parts: DateParts }[] = rows.map((row) => {
    const raw = cell(row, "date") ?? "";
    const parts = splitDate(raw);
    if (!parts)
      throw new InvalidInputError(
        { file, line: row.line, field: FIELDS.date[0] },
        `'${clip(raw)}' is not a date (expected MM/DD/YYYY or DD/MM/YYYY)`,
      );
    return { row, parts };
  });
  const decision = decideDateOrder(dates, file, german, opts.dateOrder);

  const rowsById = new Map<string, { row: CsvRow; index: number; orderedAt: string; exportedTime: string }[]>();
  rows.forEach((row, index) => {
    const txn = cell(row, "transactionId");
    if (!txn) throw new InvalidInputError({ file, line: row.line, field: FIELDS.transactionId[0] }, "the Transaction ID is empty");
    const { orderedAt, exportedTime } = rowTime(row, dates[index].parts, decision.order, (f) => cell(row, f), file);
    const list = rowsById.get(txn);
    const entry = { row, index, orderedAt, exportedTime };
    if (list) list.push(entry);
    else rowsById.set(txn, [entry]);
  });

  const orders: PurchaseOrder[] = [];
  for (const [txn, entries] of rowsById) {
    const first = entries[0];
    const get = (f: Field, row: CsvRow = first.row) => cell(row, f);
    const at = (row: CsvRow, f: Field) => ({ file, line: row.line, field: FIELDS[f][0] });
    const currencyText = get("currency");
    if (!currencyText) throw new InvalidInputError(at(first.row, "currency"), "the Currency is empty");
    let currency: string;
    try {
      currency = normalizeCurrency(currencyText);
    } catch {
      throw new InvalidInputError(at(first.row, "currency"), `'${clip(currencyText)}' is not a three-letter currency code`);
    }
    const amount = (row: CsvRow, f: Field): Money | undefined => {
      const v = cell(row, f);
      if (v === undefined) return undefined;
      try {
        return parseMoney(v, currency, moneyOpts);
      } catch (e) {
        if (e instanceof MoneyFormatError) throw new InvalidInputError(at(row, f), e.message);
        throw e;
      }
    };

    const amounts: { label: string; amount: Money }[] = [];
    const labels: [Field, string][] = [
      ["gross", "Gross"],
      ["fee", "Fee"],
      ["net", "Net"],
      ["shipping", "Shipping"],
      ["insurance", "Insurance"],
      ["salesTax", "Tax"],
    ];
    for (const [f, label] of labels) {
      const m = amount(first.row, f);
      if (m) amounts.push({ label, amount: m });
    }

    const lines: OrderLine[] = [];
    for (const { row } of entries) {
      const title = cell(row, "itemTitle");
      if (!title) continue;
      const qtyText = cell(row, "quantity");
      if (qtyText !== undefined && !/^\d{1,9}$/.test(qtyText))
        throw new InvalidInputError(at(row, "quantity"), `'${clip(qtyText)}' is not a whole number of items`);
      const quantity = qtyText === undefined ? 1 : Number(qtyText);
      const line: OrderLine = { name: title, quantity };
      const unit = unitPriceOf(amount(row, "gross"), quantity, [
        amount(row, "shipping"),
        amount(row, "insurance"),
        amount(row, "salesTax"),
      ]);
      if (unit) line.unitPrice = unit;
      const itemId = cell(row, "itemId");
      if (itemId) line.itemId = itemId;
      lines.push(line);
    }

    if (entries.some((e) => e.row !== first.row && cell(e.row, "currency") && cell(e.row, "currency")!.toUpperCase() !== currency)) {
      const bad = entries.find((e) => cell(e.row, "currency")?.toUpperCase() !== currency)!;
      throw new InvalidInputError(at(bad.row, "currency"), `transaction ${txn} mixes ${currency} and ${cell(bad.row, "currency")}`);
    }

    const details: { label: string; value: string }[] = [];
    const add = (label: string, value: string | undefined) => {
      if (value) details.push({ label, value });
    };
    add("Time as exported", first.exportedTime);
    if (decision.note) add("Date format", decision.note);
    add("Balance Impact", balanceImpactText(get("balanceImpact")));
    add("Invoice Number", get("invoiceNumber"));
    add("Reference Txn ID", get("referenceTxnId"));
    add("Receipt ID", get("receiptId"));
    add("Custom Number", get("customNumber"));
    add("From Email Address", get("fromEmail"));
    add("To Email Address", get("toEmail"));
    add("Address Status", get("addressStatus"));
    for (const [n, v] of [
      ["option1Name", "option1Value"],
      ["option2Name", "option2Value"],
    ] as const) {
      const name = get(n);
      const value = get(v);
      if (name || value) add(name ?? "Option", value ?? "");
    }
    add("Subject", get("subject"));
    add("Note", get("note"));

    const order: PurchaseOrder = {
      source: "paypal-activity",
      orderId: txn,
      orderedAt: first.orderedAt,
      lines,
      amounts,
      details,
      origin: describeLines(entries.map((e) => ({ line: e.row.line, index: e.index }))),
    };
    const seller = get("name");
    if (seller) order.seller = seller;
    const status = get("status");
    if (status) order.status = status;
    const payment = get("type");
    if (payment) order.payment = payment;
    const shipTo = addressOf(get);
    if (shipTo) order.shipTo = shipTo;
    orders.push(order);
  }
  return orders;
}

function balanceImpactText(v: string | undefined): string | undefined {
  if (!v) return undefined;
  return v.toLowerCase() === "memo" ? `${v} (no funds moved)` : v;
}

/**
 * The item's unit price when it follows from the row without guessing: |Gross| ÷ quantity, only when the
 * row has no shipping, insurance or tax on top and the division is exact. Otherwise undefined (the order's
 * amounts still show Gross).
 */
function unitPriceOf(gross: Money | undefined, quantity: number, extras: (Money | undefined)[]): Money | undefined {
  if (!gross || quantity < 1 || extras.some((m) => m && m.units !== 0n)) return undefined;
  const abs = gross.units < 0n ? -gross.units : gross.units;
  const q = BigInt(quantity);
  if (abs % q !== 0n) return undefined;
  return { currency: gross.currency, units: abs / q, scale: gross.scale };
}

function addressOf(get: (f: Field) => string | undefined): Address | undefined {
  const raw = get("shippingAddress");
  const parsed: Address = raw ? parseAddressText(raw) : {};
  const street = [get("addressLine1"), get("addressLine2")].filter(Boolean).join(", ");
  const structured: Address = {};
  if (street) structured.street = street;
  const city = get("city");
  if (city) structured.city = city;
  const state = get("state");
  if (state) structured.state = state;
  const postalCode = get("postalCode");
  if (postalCode) structured.postalCode = postalCode;
  const country = get("country");
  if (country) structured.country = country;
  const addr: Address = { ...parsed, ...structured };
  return Object.keys(addr).length > 0 ? addr : undefined;
}
