/** Shared fast-check helpers for the purchase-record readers: text mutations and random CSV cells. */
import fc from "fast-check";
import { expect } from "vitest";
import { parseCsv } from "../../../src/util/csv.js";
import { InvalidInputError } from "../../../src/util/errors.js";

export interface Edit {
  op: "drop" | "dup" | "insert" | "swap";
  at: number;
  len: number;
  text: string;
}

/** Character-level edits: dropped, duplicated, inserted or swapped runs. */
export const edits: fc.Arbitrary<Edit[]> = fc.array(
  fc.record({
    op: fc.constantFrom("drop", "dup", "insert", "swap") as fc.Arbitrary<Edit["op"]>,
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 12 }),
    text: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('"', ",", "\n", "\r\n", ";", ":", "'", "\t", "<", "=", "\u0000", "\ufeff")),
  }),
  { minLength: 1, maxLength: 6 },
);

export function applyEdits(text: string, list: Edit[]): string {
  let s = text;
  for (const e of list) {
    const at = s.length === 0 ? 0 : e.at % (s.length + 1);
    if (e.op === "drop") s = s.slice(0, at) + s.slice(at + e.len);
    else if (e.op === "dup") s = s.slice(0, at + e.len) + s.slice(at, at + e.len) + s.slice(at + e.len);
    else if (e.op === "insert") s = s.slice(0, at) + e.text + s.slice(at);
    else {
      const b = (at + e.len * 7) % (s.length + 1);
      const [x, y] = at < b ? [at, b] : [b, at];
      s = s.slice(0, x) + s.slice(y, y + 1) + s.slice(x + 1, y) + s.slice(x, x + 1) + s.slice(y + 1);
    }
  }
  return s;
}

export function applyByteEdits(bytes: Uint8Array, list: Edit[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const e of list) {
    const at = b.length === 0 ? 0 : e.at % (b.length + 1);
    if (e.op === "drop") b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
    else if (e.op === "dup") b = Buffer.concat([b.subarray(0, at + e.len), b.subarray(at, at + e.len), b.subarray(at + e.len)]);
    else b = Buffer.concat([b.subarray(0, at), Buffer.from(e.text, "utf8"), b.subarray(at)]);
  }
  return new Uint8Array(b);
}

/** Values that tend to break readers of exports. */
export const nastyCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "Not Available",
    "Not Applicable",
    "-",
    "N/A",
    "abc",
    "1e5",
    "-0",
    "0",
    "999999999999999999999999999",
    "99/99/9999",
    "13/13/2025",
    "31/12/2025",
    "12/31/2025",
    "2025-02-30T00:00:00Z",
    "2025-13-45T99:99:99Z",
    "2025-10-25T20:27:42Z",
    "2025-03-09 02:30",
    "25:61:61",
    "(1.00)",
    "1,2,3",
    "'-0.68'",
    "$1,110.03",
    "€12,50",
    "ZZZ",
    "usd",
    "XYZ",
    "PDT",
    "CEST",
    "Mars/Olympus",
    "Europe/Berlin",
    "GMT+99",
    "Memo",
    '"',
    "\n",
    "1.5",
    "-3",
  ),
  fc.string({ maxLength: 12 }),
);

export interface CellEdit {
  row: number;
  col: number;
  value: string;
}

export const cellEdits: fc.Arbitrary<CellEdit[]> = fc.array(fc.record({ row: fc.nat(), col: fc.nat(), value: nastyCell }), {
  minLength: 1,
  maxLength: 4,
});

/** Replace cells of a valid CSV (row 0 is the header) and write it back, every cell quoted. */
export function applyCellEdits(csv: string, list: CellEdit[]): string {
  const t = parseCsv(csv);
  const rows = [t.header, ...t.rows.map((r) => r.cells)].map((r) => [...r]);
  for (const e of list) {
    const r = rows[e.row % rows.length];
    if (r.length > 0) r[e.col % r.length] = e.value;
  }
  return rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(t.delimiter)).join("\n");
}

/** Runs fn; any throw must be the project's InvalidInputError (a user-input error with a location). */
export async function onlyInputErrors<T>(fn: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    expect(e.location.file).toBeTruthy();
    return undefined;
  }
}

export function onlyInputErrorsSync<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    expect(e.location.file).toBeTruthy();
    return undefined;
  }
}

/** Strings of every kind: UTF-16 garbage, printable text, and CSV/MIME-flavoured noise. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...'ab1,;"\n\r\t:=-./ <>'.split("")), maxLength: 400 }),
);
