/** Schedule A as a spreadsheet (same rows and columns as the CSV), byte-identical for the same build time. */
import { loadExcel } from "./load-excel.js";
import type { ScheduleAColumn } from "../model/case.js";
import { pinZipTimestamps } from "./damages-xlsx.js";
import { SCHEDULE_A_HEADERS, type ScheduleARow } from "./schedule-a.js";

const WIDTHS: Record<ScheduleAColumn, number> = { number: 6, alias: 34, platform: 14, sellerId: 20, storeUrl: 46, marks: 40 };

export async function scheduleAXlsx(
  rows: readonly ScheduleARow[],
  columns: readonly ScheduleAColumn[],
  withEvidence: boolean,
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
  ws.columns = [
    ...columns.map((c) => ({ header: SCHEDULE_A_HEADERS[c], key: c, width: WIDTHS[c] })),
    ...(withEvidence
      ? [
          { header: "Exhibits", key: "exhibits", width: 14 },
          { header: "Bates range", key: "bates", width: 26 },
        ]
      : []),
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    // The number is a real number; every other cell is text as filed (ids must not turn into numbers).
    ws.addRow([...columns.map((c) => (c === "number" ? r.number : String(r[c]))), ...(withEvidence ? [r.exhibits, r.bates] : [])]);
  }
  const out = await wb.xlsx.writeBuffer();
  return pinZipTimestamps(Buffer.from(out as ArrayBuffer), when);
}
