/** formulaSafe and csvLine: a text cell a spreadsheet would run as a formula is written as text; numbers stay numbers. */
import { describe, expect, it } from "vitest";
import { csvLine, parseCsv } from "../../src/util/csv.js";
import { formulaSafe } from "../../src/util/formula-safe.js";

const RUNNING = ['=HYPERLINK("http://evil.example/","click")', "+1+1", "-2+3", "@SUM(A1)", "\tshoes", "\rnote", "=1"];

describe("formulaSafe", () => {
  it("prefixes every text a spreadsheet would run with an apostrophe", () => {
    for (const t of RUNNING) expect(formulaSafe(t)).toBe(`'${t}`);
  });

  it("leaves plain numbers and ordinary text alone", () => {
    for (const t of ["-12.50", "+1", "0", "250000.00", "Example Shop", "a=b", " =1", ""]) expect(formulaSafe(t)).toBe(t);
  });
});

describe("csvLine", () => {
  it("writes formula-like text as text and numbers as numbers, and reads back cell for cell", () => {
    const line = csvLine([...RUNNING, -2.5, 7]);
    const cells = parseCsv(line, ",").header;
    expect(cells).toEqual([...RUNNING.map((t) => `'${t}`), "-2.5", "7"]);
    for (const c of cells.slice(0, RUNNING.length)) expect(c.startsWith("'")).toBe(true);
  });
});
