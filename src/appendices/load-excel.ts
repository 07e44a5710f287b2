/** exceljs, loaded when a workbook is written (it is large; nothing else in a build needs it). */
import type ExcelModule from "exceljs";

let loaded: Promise<typeof ExcelModule> | undefined;

export function loadExcel(): Promise<typeof ExcelModule> {
  return (loaded ??= import("exceljs").then((m) => m.default));
}
