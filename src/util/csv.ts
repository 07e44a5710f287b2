/**
 * RFC 4180 CSV reading for exports (Amazon, PayPal, generic): UTF-8 BOM dropped, CRLF or LF, quoted fields
 * with embedded commas, quotes ("") and newlines, an optional Excel "sep=" first line. Every row keeps the
 * 1-based line where it starts, so errors can name it. Evidence readers take their rows through shapedRows:
 * a row with more or fewer fields than the header is refused, never read with its values in the wrong columns.
 */

import { CsvError, type CsvRow, csvRecords } from "./csv-records.js";
import { InvalidInputError } from "./errors.js";
import { formulaSafe } from "./formula-safe.js";

export { CsvError, type CsvRow, MAX_CSV_COLUMNS } from "./csv-records.js";

export interface CsvTable {
  header: string[];
  /** The 1-based line of the header row. */
  headerLine: number;
  rows: CsvRow[];
  delimiter: string;
}

export interface CsvOptions {
  /**
   * Which data rows to keep (all when absent): a reader that needs a few rows of a large export keeps only those,
   * so the others are never held. A row is offered with the header's cells.
   */
  keep?: (cells: string[], header: string[]) => boolean;
}

/** Parse CSV text. The first non-empty record is the header. Blank lines are skipped. */
export function parseCsv(input: string, delimiter?: string, opts: CsvOptions = {}): CsvTable {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let firstLine = 1;
  const sep = /^sep=(.)\r?\n/.exec(text);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
    firstLine = 2;
  }
  const d = delimiter ?? guessDelimiter(text);
  let head: CsvRow | undefined;
  let header: string[] = [];
  const rows: CsvRow[] = [];
  for (const record of csvRecords(text, d, firstLine)) {
    if (!head) {
      head = record;
      header = record.cells.map((h) => h.trim());
    } else if (!opts.keep || opts.keep(record.cells, header)) rows.push(record);
  }
  if (!head) throw new CsvError(1, "the file is empty: expected a header row");
  return { header, headerLine: head.line, rows, delimiter: d };
}

function guessDelimiter(text: string): string {
  const first = text.slice(0, text.indexOf("\n") === -1 ? text.length : text.indexOf("\n"));
  const counts = [",", ";", "\t"].map((d) => [d, first.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 1 ? counts[0][0] : ",";
}

/** Look up columns by header name (case- and space-insensitive); returns index or -1. */
export function columnIndex(header: string[], ...names: string[]): number {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\s_]+/g, " ")
      .trim();
  const wanted = names.map(norm);
  return header.findIndex((h) => wanted.includes(norm(h)));
}

/** Write CSV (RFC 4180): quotes where needed, CRLF line ends as spreadsheet programs expect. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return [header, ...rows].map(csvLine).join("");
}

/**
 * One CSV record, CRLF-terminated, quoted where needed; a text cell a spreadsheet would run as a formula gets a
 * leading apostrophe (formula-safe.ts). Numbers are written as they are.
 */
export function csvLine(cells: readonly (string | number | undefined)[]): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? "" : typeof v === "number" ? String(v) : formulaSafe(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return cells.map(cell).join(",") + "\r\n";
}

/** parseCsv for user files: a malformed file becomes an InvalidInputError naming the file and the line. */
export function readCsvFile(text: string, file: string, opts: CsvOptions = {}): CsvTable {
  try {
    return parseCsv(text, undefined, opts);
  } catch (e) {
    if (e instanceof CsvError) throw new InvalidInputError({ file, line: e.line }, e.message);
    throw e;
  }
}

/**
 * The rows of an evidence CSV, each with exactly as many fields as the header. A row with more or fewer is an
 * error naming its line and both counts: an unquoted comma, or a field lost in an edit, moves every later value
 * into the wrong column (a product name cut and its rest read as a gift message), so it is never read. A row whose
 * every field is blank (spreadsheets leave ",,,," rows behind) holds nothing that could shift and is left out.
 * None of the exports read here ends with a footer or summary row (Amazon's Retail.OrderHistory and PayPal's
 * activity download are one header and one row per line, DOMAIN.md §8.3–8.4), so no short last row is excused.
 * `what` names the format ("an Amazon Retail.OrderHistory CSV"); a file with a header and no rows is refused too.
 */
export function shapedRows(table: CsvTable, file: string, what: string): CsvRow[] {
  const expected = table.header.length;
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  for (const row of rows) {
    const seen = row.cells.length;
    if (seen === expected) continue;
    const sep = table.delimiter === "\t" ? "a tab" : `"${table.delimiter}"`;
    throw new InvalidInputError(
      { file, line: row.line },
      `this row of ${what} has ${seen} fields where its header (line ${table.headerLine}) has ${expected}: expected ${expected}, saw ` +
        `${seen}. Its values would land in the wrong columns, so it is not read; a value holding ${sep} or a quote must be quoted`,
    );
  }
  if (rows.length === 0) {
    throw new InvalidInputError(
      { file, line: table.headerLine },
      `${what} with a header and no rows: the export holds nothing to show (export it again, or remove the file)`,
    );
  }
  return rows;
}

/** Column positions by header name for every key of a spec (key → accepted header names); -1 when absent. */
export function columnIndexes<K extends string>(header: string[], spec: Record<K, readonly string[]>): Record<K, number> {
  const idx = {} as Record<K, number>;
  for (const [key, names] of Object.entries(spec) as [K, readonly string[]][]) idx[key] = columnIndex(header, ...names);
  return idx;
}
