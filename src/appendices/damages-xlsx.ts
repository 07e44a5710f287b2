/**
 * Appendices stage: the damages table as an Excel workbook (exceljs), for counsel and paralegals to check.
 * Sheet "Damages": caption block, column headers (frozen), one row per DamagesRow, a subtotal row after
 * each defendant's rows, a grand-total row, the §1961 interest block when configured, then notes.
 *
 * Amounts are real numbers (numFmt "$"#,##0.00), never text. Figures are FORMULAS a reader can audit: each sale's
 * gross sales = units × unit price (× the rate, rounded to the cent, for a sale in another currency), on a "Sale" line of
 * its own; subtotal = SUM over the defendant's lines; trebled = 3 × gross sales; grand total = SUMIF over the "Defendant
 * total" lines (column A), so it stays one short formula with 500 defendants; §1961 interest (when illustrated) = the
 * formula over each defendant's own judgment, the rate and the days. Every formula cell carries the exact value
 * computed by computeDamages as its cached result, so a reader that does not recalculate shows the right figures.
 * Each requested amount carries data validation against its statutory range per mark per type of goods: (c)(1)
 * $1,000–$200,000, (c)(2) up to $2,000,000, so an edited request outside it is refused.
 *
 * Determinism: the same table, caption and builtAt give the same bytes. exceljs stamps the workbook's
 * created/modified (docProps/core.xml) — set to builtAt — and its zip writer (JSZip) stamps every entry
 * with the current time; pinZipTimestamps rewrites those DOS date/time fields to builtAt afterwards
 * (nothing else in the archive depends on the clock; the compressed data and CRCs are untouched).
 */
import { loadExcel } from "./load-excel.js";
import type { DamagesTable } from "../model/damages.js";
import type { Money } from "../model/money.js";
import { formatMoney, moneyToDecimalString } from "../util/money.js";
import { percentToFraction } from "../util/decimal.js";

export interface DamagesXlsxCaption {
  court: string;
  caseNumber: string;
  shortTitle: string;
}

export const DAMAGES_SHEET = "Damages";
export const MONEY_FORMAT = '"$"#,##0.00';
/** Column A values; the grand total sums the subtotal lines by this label (SUMIF). */
export const LINE_LABELS = { unit: "Mark × goods", sale: "Sale", subtotal: "Defendant total", total: "Grand total" } as const;

const COLUMNS: { header: string; width: number }[] = [
  { header: "Line", width: 16 }, // A
  { header: "Sched. A no.", width: 8 }, // B
  { header: "Defendant", width: 30 }, // C
  { header: "Mark", width: 20 }, // D
  { header: "Reg. no.", width: 12 }, // E
  { header: "Class", width: 8 }, // F
  { header: "Goods type", width: 16 }, // G
  { header: "Statutory basis", width: 13 }, // H
  { header: "Willful", width: 8 }, // I
  { header: "Statutory minimum", width: 15 }, // J
  { header: "Statutory maximum", width: 16 }, // K
  { header: "Amount requested", width: 17 }, // L
  { header: "Gross sales, § 1117(a)", width: 15 }, // M
  { header: "Trebled, § 1117(b)", width: 16 }, // N
  { header: "Restrained", width: 15 }, // O
  { header: "Note", width: 40 }, // P
  { header: "Units", width: 8 }, // Q
  { header: "Unit price", width: 12 }, // R
  { header: "Rate to table currency", width: 12 }, // S
  { header: "Recovering plaintiff", width: 26 }, // T
  { header: "Seller ID", width: 20 }, // U
  { header: "Willfulness basis", width: 36 }, // V
];
const LAST_COL = "P";

/** Where things are on the sheet (for tests and for anyone linking to the cells). */
export const DAMAGES_LAYOUT = {
  headerRow: 6,
  firstDataRow: 7,
  columns: {
    line: "A",
    scheduleA: "B",
    defendant: "C",
    statutoryMin: "J",
    statutoryMax: "K",
    requested: "L",
    profits: "M",
    trebled: "N",
    restrained: "O",
    note: "P",
    units: "Q",
    unitPrice: "R",
    rate: "S",
    plaintiff: "T",
    sellerId: "U",
    willfulness: "V",
  },
} as const;

function num(m: Money): number {
  // For display only: the exact figure is the decimal string; a double holds every cent of a sum below 2^53 cents.
  return Number(moneyToDecimalString(m));
}

function dayDate(ymd: string): Date {
  const [y, m, d] = ymd.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Write the damages workbook. `builtAt` (ISO 8601, from the build: SOURCE_DATE_EPOCH, asOf, …) becomes the
 * workbook's created/modified time and every zip entry's time, so identical input gives identical bytes.
 */
export async function damagesXlsx(table: DamagesTable, caption: DamagesXlsxCaption, builtAt: string): Promise<Buffer> {
  const when = new Date(builtAt);
  if (Number.isNaN(when.getTime())) throw new RangeError(`builtAt must be an ISO 8601 time, got '${builtAt}'`);

  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = "exhibits";
  wb.lastModifiedBy = "exhibits";
  wb.created = when;
  wb.modified = when;
  wb.title = `Damages — ${caption.shortTitle}`;
  const ws = wb.addWorksheet(DAMAGES_SHEET, {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "6:6" },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));

  // Caption block.
  const captionLines = [
    caption.court,
    caption.caseNumber,
    caption.shortTitle,
    `Damages table — 15 U.S.C. § 1117 (amounts in ${table.currency})`,
  ];
  captionLines.forEach((text, i) => {
    const cell = ws.getCell(`A${i + 1}`);
    cell.value = text;
    cell.font = { bold: true, size: i === 3 ? 12 : 11 };
  });

  const header = ws.getRow(DAMAGES_LAYOUT.headerRow);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "bottom" };
    cell.border = { bottom: { style: "thin" } };
  });
  ws.views = [
    {
      state: "frozen",
      xSplit: 0,
      ySplit: DAMAGES_LAYOUT.headerRow,
      topLeftCell: `A${DAMAGES_LAYOUT.firstDataRow}`,
      activeCell: `A${DAMAGES_LAYOUT.firstDataRow}`,
    },
  ];

  const setMoney = (ref: string, m: Money | undefined) => {
    if (!m) return;
    const cell = ws.getCell(ref);
    cell.value = num(m);
    cell.numFmt = MONEY_FORMAT;
  };
  const setFormula = (ref: string, formula: string, result: number, numFmt = MONEY_FORMAT) => {
    const cell = ws.getCell(ref);
    cell.value = { formula, result };
    cell.numFmt = numFmt;
  };

  let r: number = DAMAGES_LAYOUT.firstDataRow;
  const subtotalRow = new Map<string, number>();
  const rowsBy = new Map<string, typeof table.rows>();
  for (const row of table.rows) rowsBy.set(row.defendantId, [...(rowsBy.get(row.defendantId) ?? []), row]);

  for (const d of table.defendants) {
    const first = r;
    for (const row of rowsBy.get(d.defendantId) ?? []) {
      const values: (string | number)[] = [
        LINE_LABELS.unit,
        row.scheduleANumber,
        row.defendantName,
        row.mark.name,
        row.mark.registration,
        row.mark.goodsClass.join("; "),
        row.goods,
        row.basis,
        row.willful ? "yes" : "no",
      ];
      for (const [i, v] of values.entries()) ws.getRow(r).getCell(i + 1).value = v;
      if (row.basis === "1117(c)(1)") setMoney(`J${r}`, row.statutoryMin); // (c)(2) states no minimum
      setMoney(`K${r}`, row.statutoryMax);
      setMoney(`L${r}`, row.requested);
      ws.getCell(`L${r}`).dataValidation = statutoryValidation(row.statutoryMin, row.statutoryMax, row.basis);
      if (row.requestKind === "flat-share") ws.getCell(`P${r}`).value = "share of flat request";
      r++;
    }
    for (const sale of d.sales) {
      const line = ws.getRow(r);
      line.getCell(1).value = LINE_LABELS.sale;
      line.getCell(2).value = d.scheduleANumber;
      line.getCell(3).value = sale.source;
      ws.getCell(`Q${r}`).value = sale.units;
      ws.getCell(`R${r}`).value = num(sale.unitPrice);
      ws.getCell(`R${r}`).numFmt = sale.conversion ? `#,##0.00 "${sale.unitPrice.currency}"` : MONEY_FORMAT;
      if (sale.conversion) {
        ws.getCell(`S${r}`).value = Number(sale.conversion.rate);
        ws.getCell(`P${r}`).value =
          `1 ${sale.unitPrice.currency} = ${sale.conversion.rate} ${table.currency} (${sale.conversion.date}, ${sale.conversion.source})`;
        setFormula(`M${r}`, `ROUND(Q${r}*R${r}*S${r},2)`, num(sale.amountInTableCurrency));
      } else setFormula(`M${r}`, `Q${r}*R${r}`, num(sale.amountInTableCurrency));
      r++;
    }
    const last = r - 1;
    const sub = ws.getRow(r);
    sub.getCell(1).value = LINE_LABELS.subtotal;
    sub.getCell(2).value = d.scheduleANumber;
    sub.getCell(3).value = `Total: ${d.defendantName}`;
    setFormula(`L${r}`, `SUM(L${first}:L${last})`, num(d.requested));
    if (d.hasSales) {
      setFormula(`M${r}`, `SUM(M${first}:M${last})`, num(d.profits));
      setFormula(`N${r}`, `3*M${r}`, num(d.trebledProfits));
    }
    setMoney(`O${r}`, d.restrained);
    const units =
      `${d.units} unit${d.units === 1 ? "" : "s"} (${d.marks.length} mark${d.marks.length === 1 ? "" : "s"} × ` +
      `${d.goods.length} type${d.goods.length === 1 ? "" : "s"} of goods)`;
    sub.getCell(16).value = d.requestKind === "flat" && d.flatRequest ? `${units}; flat request` : units;
    ws.getCell(`T${r}`).value = d.plaintiff;
    if (d.sellerId) ws.getCell(`U${r}`).value = d.sellerId;
    if (d.willfulnessBasis) ws.getCell(`V${r}`).value = d.willfulnessBasis;
    subtotalRow.set(d.defendantId, r);
    sub.font = { bold: true };
    sub.eachCell((c) => (c.border = { top: { style: "hair" } }));
    r++;
  }

  const lastLine = r - 1;
  const totalRow = r;
  const tr = ws.getRow(totalRow);
  tr.getCell(1).value = LINE_LABELS.total;
  tr.getCell(3).value = "Total, all defendants";
  const first = DAMAGES_LAYOUT.firstDataRow;
  const sumif = (col: string) => `SUMIF($A$${first}:$A$${lastLine},"${LINE_LABELS.subtotal}",${col}$${first}:${col}$${lastLine})`;
  setFormula(`L${totalRow}`, sumif("L"), num(table.totals.requested));
  setFormula(`M${totalRow}`, sumif("M"), num(table.totals.profits));
  setFormula(`N${totalRow}`, sumif("N"), num(table.totals.trebledProfits));
  setFormula(`O${totalRow}`, sumif("O"), num(table.totals.restrained));
  tr.font = { bold: true };
  tr.eachCell((c) => (c.border = { top: { style: "thin" }, bottom: { style: "double" } }));
  r = totalRow + 2;

  if (table.interest) r = interestBlock(ws, table.interest, subtotalRow, r, setFormula);

  const noteLines = [
    "Notes",
    `Rounding: ${table.roundingRule}`,
    table.statutoryNote,
    ...table.notes,
    ...table.warnings.map((w) => `Check: ${w}`),
  ];
  noteLines.forEach((text, k) => {
    ws.mergeCells(`A${r}:${LAST_COL}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = text;
    c.alignment = { wrapText: true, vertical: "top" };
    if (k === 0) c.font = { bold: true };
    // Excel does not size merged rows: about 190 characters fit a line across A:P.
    ws.getRow(r).height = 15 * Math.max(1, Math.ceil(text.length / 190));
    r++;
  });

  const out = await wb.xlsx.writeBuffer();
  return pinZipTimestamps(Buffer.from(out as ArrayBuffer), when);
}

type SetFormula = (ref: string, formula: string, result: number, numFmt?: string) => void;

/**
 * §1961 interest, illustrated per defendant (judgments are several, not joint): the rate and dates once, then for each
 * defendant its judgment P (its subtotal), the interest and the total, as formulas. Without a stated rate and dates,
 * one line says what counsel must supply. Returns the next free row.
 */
function interestBlock(
  ws: import("exceljs").Worksheet,
  i: NonNullable<DamagesTable["interest"]>,
  subtotalRow: ReadonlyMap<string, number>,
  start: number,
  setFormula: SetFormula,
): number {
  const head = ws.getCell(`A${start}`);
  head.value = "Post-judgment interest, 28 U.S.C. § 1961 (illustrative), on each defendant's judgment";
  head.font = { bold: true };
  if (i.blank || i.ratePercent === undefined || !i.judgmentDate || !i.paymentDate || i.days === undefined) {
    ws.getCell(`A${start + 1}`).value = `Not projected: ${i.blank ?? ""}`;
    return start + 3;
  }
  const label = (row: number, text: string) => {
    const c = ws.getCell(`K${row}`);
    c.value = text;
    c.alignment = { horizontal: "right" };
  };
  const [R, J, PAY, D] = [start + 1, start + 2, start + 3, start + 4];
  label(R, "Rate r (weekly average 1-year CMT)");
  ws.getCell(`L${R}`).value = Number(percentToFraction(i.ratePercent));
  ws.getCell(`L${R}`).numFmt = "0.00##%";
  label(J, "Judgment date");
  label(PAY, "Payment date");
  for (const [row, ymd] of [
    [J, i.judgmentDate],
    [PAY, i.paymentDate],
  ] as const) {
    ws.getCell(`L${row}`).value = dayDate(ymd);
    ws.getCell(`L${row}`).numFmt = "yyyy-mm-dd";
  }
  label(D, "Days d");
  setFormula(`L${D}`, `L${PAY}-L${J}`, i.days, "0");
  const header = ws.getRow(D + 1);
  ["Sched. A no.", "Defendant", "Judgment P", "Interest, rounded half-up to the cent", "Total with interest"].forEach((h, k) => {
    const c = header.getCell(["B", "C", "L", "M", "N"][k]!);
    c.value = h;
    c.font = { bold: true };
  });
  let r = D + 2;
  for (const d of i.defendants) {
    ws.getCell(`B${r}`).value = d.scheduleANumber;
    ws.getCell(`C${r}`).value = d.defendantName;
    setFormula(`L${r}`, `L${subtotalRow.get(d.defendantId)}`, num(d.principal));
    if (d.amount && d.totalWithInterest) {
      setFormula(`M${r}`, `ROUND(L${r}*((1+$L$${R})^INT($L$${D}/365)*(1+$L$${R}*MOD($L$${D},365)/365)-1),2)`, num(d.amount));
      setFormula(`N${r}`, `L${r}+M${r}`, num(d.totalWithInterest));
    }
    r++;
  }
  return r + 1;
}

/** Data validation of a requested amount: the statutory range per counterfeit mark per type of goods. */
function statutoryValidation(min: Money, max: Money, basis: string): import("exceljs").DataValidation {
  const common = {
    type: "decimal" as const,
    allowBlank: false,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: `Outside § ${basis}`,
  };
  return basis === "1117(c)(1)"
    ? {
        ...common,
        operator: "between",
        formulae: [num(min), num(max)],
        error: `§ ${basis} allows ${formatMoney(min)} to ${formatMoney(max)} per counterfeit mark per type of goods.`,
      }
    : {
        ...common,
        operator: "between",
        formulae: [num(min), num(max)],
        error: `§ ${basis} (willful) allows up to ${formatMoney(max)} per counterfeit mark per type of goods.`,
      };
}

/** MS-DOS date and time (as stored in ZIP headers) of a moment, in UTC as JSZip writes them. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  const clamped = year !== d.getUTCFullYear();
  const date = ((year - 1980) << 9) | ((clamped ? 1 : d.getUTCMonth() + 1) << 5) | (clamped ? 1 : d.getUTCDate());
  const time = clamped ? 0 : (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  return { date, time };
}

/**
 * Set the modification time of every entry of a ZIP archive (local headers and central directory) to
 * `when`, in place on a copy. Only the 2+2 bytes of DOS time/date per header change.
 */
export function pinZipTimestamps(zip: Buffer, when: Date): Buffer {
  const buf = Buffer.from(zip);
  const { date, time } = dosDateTime(when);
  // End of central directory: signature, then the directory's entry count (+10) and offset (+16).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a ZIP archive: no end-of-central-directory record");
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`ZIP central directory entry ${n} is damaged`);
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`ZIP local header of entry ${n} is damaged`);
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}
