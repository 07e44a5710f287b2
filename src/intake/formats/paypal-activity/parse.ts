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
import type { Money } from "../../../model/money.js";
import type { Address, OrderLine, PurchaseOrder } from "../../../model/purchase.js";
import { columnIndex, type CsvRow, readCsvFile, columnIndexes } from "../../../util/csv.js";
import { InvalidInputError } from "../../../util/errors.js";
import { MoneyFormatError, normalizeCurrency, parseMoney, type ParseMoneyOptions } from "../../../util/money.js";
import { isValidTimeZone, localTimeAtOffsetToUtc, localTimeInZoneToUtc, type LocalDateTime } from "../../../util/time.js";
import { describeLines, firstLineCells, parseAddressText } from "../shared/addresses.js";

export type PayPalDateOrder = "mdy" | "dmy" | "ymd";

export interface PayPalOptions {
  /** Force the order of date fields instead of deciding from the file. */
  dateOrder?: PayPalDateOrder;
}

/** Canonical (English) label → header names seen in exports. The label is also the detail label. */
const FIELDS = {
  date: ["Date", "Datum"],
  time: ["Time", "Uhrzeit", "Zeit"],
  timeZone: ["TimeZone", "Time zone", "Zeitzone"],
  name: ["Name"],
  type: ["Type", "Description", "Typ", "Art", "Beschreibung"],
  status: ["Status"],
  currency: ["Currency", "Währung"],
  gross: ["Gross", "Brutto"],
  fee: ["Fee", "Gebühr", "Entgelt"],
  net: ["Net", "Netto"],
  fromEmail: ["From Email Address", "Absender E-Mail-Adresse", "Von E-Mail-Adresse"],
  toEmail: ["To Email Address", "Empfänger E-Mail-Adresse", "An E-Mail-Adresse"],
  transactionId: ["Transaction ID", "Transaktionscode", "Transactionscode"],
  shippingAddress: ["Shipping Address", "Lieferadresse"],
  addressStatus: ["Address Status", "Adress-Status", "Adressstatus"],
  itemTitle: ["Item Title", "Artikelbezeichnung"],
  itemId: ["Item ID", "Artikelnummer"],
  shipping: ["Shipping and Handling Amount", "Postage and Packaging Amount", "Versand- und Bearbeitungsgebühr", "Betrag für Versandkosten"],
  insurance: ["Insurance Amount", "Versicherungsbetrag"],
  salesTax: ["Sales Tax", "VAT", "Umsatzsteuer"],
  option1Name: ["Option 1 Name", "Option 1 - Name"],
  option1Value: ["Option 1 Value", "Option 1 Wert", "Option 1 - Wert"],
  option2Name: ["Option 2 Name", "Option 2 - Name"],
  option2Value: ["Option 2 Value", "Option 2 Wert", "Option 2 - Wert"],
  referenceTxnId: ["Reference Txn ID", "Zugehöriger Transaktionscode", "Txn-Referenzkennung"],
  invoiceNumber: ["Invoice Number", "Rechnungsnummer"],
  customNumber: ["Custom Number", "Zollnummer", "Individuelle Nummer"],
  quantity: ["Quantity", "Anzahl", "Menge"],
  receiptId: ["Receipt ID", "Empfangsnummer", "Belegnummer"],
  addressLine1: ["Address Line 1", "Adresszeile 1", "Adresse"],
  addressLine2: ["Address Line 2/District/Neighborhood", "Address Line 2/District/Neighbourhood", "Adresszusatz", "Zusätzliche Angaben"],
  city: ["Town/City", "Ort"],
  state: [
    "State/Province/Region/County/Territory/Prefecture/Republic",
    "County",
    "Bundesland",
    "Staat/Provinz/Region/Landkreis/Territorium/Präfektur/Republik",
  ],
  postalCode: ["Zip/Postal Code", "Postcode", "PLZ"],
  country: ["Country", "Land"],
  subject: ["Subject", "Betreff"],
  note: ["Note", "Hinweis"],
  balanceImpact: ["Balance Impact", "Auswirkung auf Guthaben"],
} as const;
type Field = keyof typeof FIELDS;

const GERMAN_MARKERS = ["Datum", "Uhrzeit", "Zeitzone", "Währung", "Brutto", "Transaktionscode", "Transactionscode"];

/**
 * Time-zone abbreviations PayPal prints, as minutes east of UTC. Explicit on purpose: no library guess.
 * CST is US Central (PayPal's US exports), not China; IST is left out because it is ambiguous
 * (India +5:30, Ireland +1, Israel +2).
 */
export const PAYPAL_TIME_ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MEZ: 60,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  HST: -600,
  HAST: -600,
  HADT: -540,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

/** True when the first line has a transaction-id, gross and time-zone column (English or German). */
export function looksLikePayPalActivity(text: string): boolean {
  const header = firstLineCells(text);
  return (
    columnIndex(header, ...FIELDS.transactionId) >= 0 &&
    columnIndex(header, ...FIELDS.gross) >= 0 &&
    columnIndex(header, ...FIELDS.timeZone) >= 0
  );
}

interface DateParts {
  a: number;
  b: number;
  c: number;
  sep: string;
  ymd: boolean;
}

export function parsePayPalActivity(text: string, displayPath: string, opts: PayPalOptions = {}): PurchaseOrder[] {
  const file = displayPath;
  const table = readCsvFile(text, file);
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

  // Decide the date order for the whole file first.
  const dates: { row: CsvRow; parts: DateParts }[] = table.rows.map((row) => {
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
  table.rows.forEach((row, index) => {
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
      origin: `${file} ${describeLines(entries.map((e) => ({ line: e.row.line, index: e.index })))}`,
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

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
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

function splitDate(raw: string): DateParts | undefined {
  const m = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$/.exec(raw);
  if (!m) return undefined;
  const ymd = m[1].length === 4;
  if (!ymd && m[4].length !== 4) return undefined;
  if (ymd && m[4].length > 2) return undefined;
  return { a: +m[1], b: +m[3], c: +m[4], sep: m[2], ymd };
}

function decideDateOrder(
  dates: { row: CsvRow; parts: DateParts }[],
  file: string,
  german: boolean,
  forced: PayPalDateOrder | undefined,
): { order: PayPalDateOrder; note?: string } {
  if (forced) return { order: forced };
  const dayFirst = dates.find((d) => !d.parts.ymd && d.parts.a > 12);
  const monthFirst = dates.find((d) => !d.parts.ymd && d.parts.b > 12);
  if (dayFirst && monthFirst) {
    const later = dayFirst.row.line > monthFirst.row.line ? dayFirst : monthFirst;
    throw new InvalidInputError(
      { file, line: later.row.line, field: FIELDS.date[0] },
      `dates mix day-first (line ${dayFirst.row.line}) and month-first (line ${monthFirst.row.line}) order; fix the file or set dateOrder`,
    );
  }
  if (dayFirst) return { order: "dmy" };
  if (monthFirst) return { order: "mdy" };
  if (dates.every((d) => d.parts.ymd)) return { order: "ymd" };
  const dotted = dates.some((d) => !d.parts.ymd && d.parts.sep === ".");
  const order: PayPalDateOrder = dotted || german ? "dmy" : "mdy";
  const why = dotted ? "dates written with dots" : german ? "German column names" : "English column names";
  const shape = order === "dmy" ? "DD/MM/YYYY" : "MM/DD/YYYY";
  return {
    order,
    note: `read as ${shape} (assumed from the ${why}: no date in the file has a day above 12); set dateOrder if that is wrong`,
  };
}

function rowTime(
  row: CsvRow,
  parts: DateParts,
  order: PayPalDateOrder,
  get: (f: Field) => string | undefined,
  file: string,
): { orderedAt: string; exportedTime: string } {
  const dateText = get("date") ?? "";
  const timeText = get("time") ?? "";
  const zoneText = get("timeZone") ?? "";
  const at = (f: Field) => ({ file, line: row.line, field: FIELDS[f][0] });
  const tm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(timeText);
  if (!tm) throw new InvalidInputError(at("time"), `'${clip(timeText)}' is not a time (expected HH:MM:SS)`);
  let hour = +tm[1];
  if (tm[4]) {
    if (hour < 1 || hour > 12) throw new InvalidInputError(at("time"), `'${clip(timeText)}' is not a 12-hour time`);
    const pm = tm[4][0].toLowerCase() === "p";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || +tm[2] > 59 || (tm[3] !== undefined && +tm[3] > 59))
    throw new InvalidInputError(at("time"), `'${clip(timeText)}' is not a time of day`);
  let year: number, month: number, day: number;
  if (parts.ymd) [year, month, day] = [parts.a, parts.b, parts.c];
  else if (order === "dmy") [day, month, year] = [parts.a, parts.b, parts.c];
  else if (order === "mdy") [month, day, year] = [parts.a, parts.b, parts.c];
  else throw new InvalidInputError(at("date"), `'${clip(dateText)}' does not start with a four-digit year, but dateOrder is ymd`);
  const local: LocalDateTime = { year, month, day, hour, minute: +tm[2], second: tm[3] ? +tm[3] : 0 };
  const zone = zoneText.trim();
  let utc: string | undefined;
  const known = PAYPAL_TIME_ZONES[zone.toUpperCase()];
  const numeric = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (known !== undefined) utc = localTimeAtOffsetToUtc(local, known);
  else if (numeric) {
    const minutes = +numeric[2] * 60 + (numeric[3] ? +numeric[3] : 0);
    if (+numeric[2] > 14 || (numeric[3] !== undefined && +numeric[3] > 59))
      throw new InvalidInputError(at("timeZone"), `'${clip(zone)}' is not a UTC offset`);
    utc = localTimeAtOffsetToUtc(local, numeric[1] === "-" ? -minutes : minutes);
  } else if (zone.includes("/") && isValidTimeZone(zone)) {
    utc = localTimeInZoneToUtc(local, zone);
    if (!utc && isValidLocal(local))
      throw new InvalidInputError(at("time"), `${dateText} ${timeText} does not exist in ${zone} (the clocks skipped it)`);
  } else {
    throw new InvalidInputError(
      at("timeZone"),
      `unknown time zone '${clip(zone)}'; known abbreviations: ${Object.keys(PAYPAL_TIME_ZONES).join(", ")}, or an offset such as GMT+01:00, or an IANA name such as Europe/Berlin`,
    );
  }
  if (!utc) {
    const shape = parts.ymd ? "YYYY-MM-DD" : order === "dmy" ? "DD/MM/YYYY" : "MM/DD/YYYY";
    throw new InvalidInputError(at("date"), `'${clip(dateText)} ${clip(timeText)}' is not a real date and time when read as ${shape}`);
  }
  return { orderedAt: utc, exportedTime: `${dateText} ${timeText} ${zone}` };
}

function isValidLocal(t: LocalDateTime): boolean {
  return localTimeAtOffsetToUtc(t, 0) !== undefined;
}
