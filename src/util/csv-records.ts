/**
 * The records of CSV text (RFC 4180: quoted fields with embedded delimiters, "" quotes and line breaks; CRLF, LF or
 * CR line ends), found by scanning for the next delimiter, quote or line end and cutting fields out whole, never
 * built a character at a time: a 100,000-row export is read in a second, in little more memory than its text.
 * Every record is held to the bounds (columns, field length, records), so a hostile file is refused at the record
 * that breaks one, naming its line.
 */

/** Fields in one record (a real export has tens). */
export const MAX_CSV_COLUMNS = 1000;
/** Characters in one field. */
export const MAX_CSV_FIELD_CHARS = 1_000_000;
/** Records in one file. */
export const MAX_CSV_RECORDS = 2_000_000;

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRow {
  line: number;
  cells: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Every non-blank record of `text` from `firstLine` on, with the 1-based line it starts on. */
export function* csvRecords(text: string, delimiter: string, firstLine = 1): Generator<CsvRow> {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = firstLine;
  let count = 0;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = "";
      if (text.charCodeAt(i) === QUOTE) {
        // A quoted part: up to the quote that is not doubled; what follows it up to the delimiter is kept as it is.
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw new CsvError(recordLine, 'a quoted field is never closed (missing ")');
          line += newlines(text, from, q);
          cell += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            cell += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
      }
      let k = i;
      for (let c = text.charCodeAt(k); k < n && c !== d && c !== LF && c !== CR; c = text.charCodeAt(++k));
      cell = cell === "" ? text.slice(i, k) : cell + text.slice(i, k);
      i = k;
      if (cell.length > MAX_CSV_FIELD_CHARS)
        throw new CsvError(recordLine, `a field of over ${MAX_CSV_FIELD_CHARS.toLocaleString("en-US")} characters (the bound)`);
      cells.push(cell);
      if (cells.length > MAX_CSV_COLUMNS)
        throw new CsvError(recordLine, `a record of over ${MAX_CSV_COLUMNS.toLocaleString("en-US")} fields (the bound for one row)`);
      if (i >= n) break;
      if (text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    if (cells.length === 1 && cells[0] === "") continue;
    if (++count > MAX_CSV_RECORDS)
      throw new CsvError(recordLine, `over ${MAX_CSV_RECORDS.toLocaleString("en-US")} rows (the bound for one file)`);
    yield { line: recordLine, cells };
  }
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) n++;
  return n;
}
