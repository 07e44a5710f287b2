/**
 * shapedRows, the one check every evidence CSV reader takes its rows through: a property over random tables written
 * as spreadsheets write them (any cell text, quoted where needed): the rows come back exactly when each non-blank row
 * has the header's field count, and otherwise the first row that does not is named with both counts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine, parseCsv, shapedRows } from "../../src/util/csv.js";
import { InvalidInputError } from "../../src/util/errors.js";
import { formulaSafe } from "../../src/util/formula-safe.js";

const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("", " ", "a,b", 'say "hi"', "two\nlines", "x;y", "1,110.03"));

describe("shapedRows", () => {
  it("returns every non-blank row when all have the header's field count, else names the first that does not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 8 }),
        (width, cells) => {
          // What csvLine writes: a text cell a spreadsheet would run is kept as text with a leading apostrophe.
          const rows = cells.map((r) => r.map(formulaSafe));
          const header = Array.from({ length: width }, (_, i) => `column ${i + 1}`);
          const text = [header, ...rows].map((r) => csvLine(r)).join("");
          const table = parseCsv(text, ",");
          const blank = (r: string[]) => r.every((c) => c.trim() === "");
          const kept = rows.filter((r) => !blank(r));
          const wrong = table.rows.find((r) => !blank(r.cells) && r.cells.length !== width);
          let result: ReturnType<typeof shapedRows> | InvalidInputError;
          try {
            result = shapedRows(table, "t.csv", "a test CSV");
          } catch (e) {
            if (!(e instanceof InvalidInputError)) throw e;
            result = e;
          }
          if (wrong) {
            expect(result).toBeInstanceOf(InvalidInputError);
            const e = result as InvalidInputError;
            expect(e.location.line).toBe(wrong.line);
            expect(e.message).toContain(`expected ${width}, saw ${wrong.cells.length}`);
          } else if (kept.length === 0) {
            expect((result as InvalidInputError).message).toContain("a test CSV with a header and no rows");
          } else {
            expect((result as { cells: string[] }[]).map((r) => r.cells)).toEqual(kept);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
