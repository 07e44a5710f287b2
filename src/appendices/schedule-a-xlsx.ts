/** Schedule A as a spreadsheet (same rows and columns as the CSV), byte-identical for the same build time. */
import { loadExcel } from "./load-excel.js";
import type { ScheduleAColumn } from "../model/case.js";
import { pinZipTimestamps } from "./damages-xlsx.js";
import { scheduleASheetColumns, type ScheduleARow } from "./schedule-a.js";

const WIDTHS: Partial<Record<keyof ScheduleARow, number>> = {
  number: 6,
  alias: 30,
  name: 30,
  platform: 14,
  sellerId: 22,
  storeUrl: 50,
  domain: 28,
  registrar: 24,
};

export async function scheduleAXlsx(
  rows: readonly ScheduleARow[],
  columns: readonly ScheduleAColumn[],
  title: string,
  builtAt: string,
): Promise<Buffer> {
  const when = new Date(builtAt);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = "exhibits";
  wb.lastModifiedBy = "exhibits";
  wb.created = when;
  wb.modified = when;
  wb.title = title;
  const ws = wb.addWorksheet("Schedule A", { views: [{ state: "frozen", ySplit: 1 }] });
  const sheet = scheduleASheetColumns(columns);
  ws.columns = sheet.map((c) => ({ header: c.header, key: c.key, width: WIDTHS[c.key] ?? 20 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    // The number is a real number; every other cell is text as filed (ids must not turn into numbers).
    ws.addRow(sheet.map((c) => (c.key === "number" ? r.number : String(r[c.key]))));
  }
  const out = await wb.xlsx.writeBuffer();
  return pinZipTimestamps(Buffer.from(out as ArrayBuffer), when);
}
