/**
 * csvRecords, the scanner every evidence CSV is read through: any table written as spreadsheets write it (csvLine:
 * quoted where needed, CRLF, formula-like text behind an apostrophe) comes back cell for cell with the line each
 * record starts on; and the bounds (fields per record, characters per field) refuse a record at its own line.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, csvRecords, MAX_CSV_COLUMNS, MAX_CSV_FIELD_CHARS } from "../../src/util/csv-records.js";
import { csvLine } from "../../src/util/csv.js";
import { formulaSafe } from "../../src/util/formula-safe.js";

const cell = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("", "a,b", 'say "hi"', "two\nlines", "cr\r\nlf", '"', ",,"));

describe("csvRecords", () => {
  it("reads back every table csvLine writes, with each record's first line", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => {
        const kept = rows.filter((r) => !(r.length === 1 && r[0] === ""));
        const text = kept.map((r) => csvLine(r)).join("");
        const read = [...csvRecords(text, ",")];
        // csvLine writes a cell a spreadsheet would run as a formula with a leading apostrophe (formula-safe).
        expect(read.map((r) => r.cells)).toEqual(kept.map((r) => r.map((c) => formulaSafe(c))));
        let line = 1;
        kept.forEach((r, i) => {
          expect(read[i]!.line).toBe(line);
          line += csvLine(r).split("\n").length - 1;
        });
      }),
    );
  });

  it("refuses a record of too many fields, or a field too long, naming its line", () => {
    const wide = `a,b\n${"x,".repeat(MAX_CSV_COLUMNS)}x\n`;
    expect(() => [...csvRecords(wide, ",")]).toThrow(CsvError);
    try {
      [...csvRecords(wide, ",")];
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
      expect((e as CsvError).message).toMatch(/over 1,000 fields/);
    }
    const long = `a\n"${"y".repeat(MAX_CSV_FIELD_CHARS + 1)}"\n`;
    expect(() => [...csvRecords(long, ",")]).toThrow(/a field of over 1,000,000 characters/);
  });

  it("refuses a quoted field never closed, at the line its record starts", () => {
    expect(() => [...csvRecords('a,b\n1,"open\nmore\n', ",")]).toThrow(expect.objectContaining({ line: 2 }));
  });
});
