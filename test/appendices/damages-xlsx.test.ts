import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { computeDamages } from "../../src/plan/damages/index.js";
import { DAMAGES_SHEET, damagesXlsx, MONEY_FORMAT, pinZipTimestamps } from "../../src/appendices/damages-xlsx.js";
import type { Defendant, Mark } from "../../src/model/case.js";
import type { DamagesTable } from "../../src/model/damages.js";
import type { Money } from "../../src/model/money.js";

const MARKS: Mark[] = [
  { id: "rockstud", name: "ROCKSTUD", registration: "4,567,890", goodsClass: [25] },
  { id: "v-logo", name: "V LOGO", registration: "1,234,567", goodsClass: [18, 25] },
];
const DEFENDANTS: Defendant[] = [
  { id: "kpg", name: "Kaitlyn Pan Group", aliases: [] },
  { id: "lux", name: "Lux Outlet", aliases: [] },
  { id: "shoe-king", name: "Shoe King", aliases: [] },
];
const CAPTION = {
  court: "United States District Court, Northern District of Illinois",
  caseNumber: "No. 1:26-cv-01234",
  shortTitle: "Valentino S.p.A. v. The Partnerships in Schedule A",
};
const BUILT_AT = "2026-05-01T13:45:30Z";

/**
 * Hand-computed:
 * kpg (c2, willful): 2 marks × 2 goods = 4 units, flat 250,000.03 → 62,500.01 × 3 + 62,500.00.
 *   Profits 14 × 89.99 = 1,259.86; trebled 3,779.58; restrained 12,345.67.
 * lux (c1): rockstud/shoes 50,000.00 + rockstud/handbags 25,000.50 = 75,000.50.
 *   Profits 2 × 120.00 = 240.00 USD + 3 × 19.99 EUR = 59.97 EUR × 1.0842 = 65.019474 → 65.02; 240.00 + 65.02 = 305.02;
 *   trebled 915.06.
 * shoe-king (c1): flat 30,000 → 30,000.00; no sales.
 * Grand: requested 250,000.03 + 75,000.50 + 30,000.00 = 355,000.53; profits 1,259.86 + 305.02 = 1,564.88;
 *   trebled 4,694.64; restrained 12,345.67.
 * Interest per defendant, 2027-12-01 → 2028-03-15: d = 105 (31 + 31 + 29 + 14, Feb 2028 has 29 days): n = 0, m = 105.
 *   kpg 250,000.03 × 0.0412 × 105/365 = 2,963.0140… → 2,963.01 (total 252,963.04); lux 75,000.50 → 888.9100… → 888.91
 *   (75,889.41); shoe-king 30,000.00 → 355.5616… → 355.56 (30,355.56).
 */
function fixture(): DamagesTable {
  return computeDamages(
    {
      currency: "USD",
      rounding: "half-up",
      exchangeRates: { EUR: { rate: "1.0842", date: "2026-03-01", source: "Federal Reserve H.10" } },
      interest: { show: "illustrative", rate: "4.12", judgmentDate: "2027-12-01", paymentDate: "2028-03-15" },
      defendants: {
        kpg: {
          basis: "c2",
          willful: true,
          marks: ["rockstud", "v-logo"],
          goods: ["shoes", "handbags"],
          request: { flat: "250000.03" },
          sales: [{ units: 14, unitPrice: "89.99", currency: "USD", source: "Amazon sales report, exhibit 9" }],
          restrained: "12345.67",
        },
        lux: {
          basis: "c1",
          willful: false,
          marks: ["rockstud"],
          goods: ["shoes", "handbags"],
          request: {
            perUnit: [
              { mark: "rockstud", goods: "shoes", amount: "50000.00" },
              { mark: "rockstud", goods: "handbags", amount: "25000.50" },
            ],
          },
          sales: [
            { units: 2, unitPrice: "120.00", source: "PayPal, exhibit 12" },
            { units: 3, unitPrice: "19.99", currency: "EUR", source: "Shop export, exhibit 13" },
          ],
        },
        "shoe-king": { basis: "c1", willful: false, marks: ["rockstud"], goods: ["shoes"], request: { flat: "30000" }, sales: [] },
      },
    },
    { marks: MARKS, defendants: DEFENDANTS },
    "case.yaml",
  );
}

// --- a tiny formula evaluator over the sheet: numbers, strings, cell refs, ranges, + - * / ^, SUM, SUMIF, INT, MOD, ROUND ---

type Value = number | string | null;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
function colLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function expandRange(a: string, b: string): string[] {
  const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(a)!;
  const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(b)!;
  const out: string[] = [];
  for (let r = Number(r1); r <= Number(r2); r++) for (let c = colNumber(c1); c <= colNumber(c2); c++) out.push(`${colLetters(c)}${r}`);
  return out;
}

/** Excel's serial day number of a date cell (1900 system, after 1900-03-01). */
const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569;

class Evaluator {
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  cell(address: string, depth = 0): Value {
    if (depth > 50) throw new Error("formula cycle");
    const c = this.ws.getCell(address);
    if (c.formula) return this.evaluate(c.formula, depth + 1);
    const v = c.value;
    if (v === null || v === undefined) return null;
    if (typeof v === "number" || typeof v === "string") return v;
    if (v instanceof Date) return serial(v);
    throw new Error(`unexpected value in ${address}: ${JSON.stringify(v)}`);
  }

  evaluate(formula: string, depth = 0): Value {
    const tokens = formula.match(/\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|\d+(?:\.\d+)?|"[^"]*"|[A-Z]+(?=\()|[-+*/^(),]/g) ?? [];
    expect(tokens.join("")).toBe(formula); // every character understood
    let i = 0;
    const peek = () => tokens[i];
    const next = () => tokens[i++];
    const num = (v: Value | Value[]): number => {
      if (Array.isArray(v)) throw new Error("range used as a number");
      return typeof v === "number" ? v : v === null ? 0 : Number.NaN;
    };
    const args = (): (Value | Value[])[] => {
      const out: (Value | Value[])[] = [];
      expect(next()).toBe("(");
      if (peek() !== ")") {
        out.push(expr());
        while (peek() === ",") {
          next();
          out.push(expr());
        }
      }
      expect(next()).toBe(")");
      return out;
    };
    const call = (name: string): Value => {
      const a = args();
      switch (name) {
        case "SUM":
          return a.flat().reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);
        case "SUMIF": {
          const [range, crit, sumRange] = a as [Value[], Value, Value[]];
          let s = 0;
          range.forEach((v, k) => {
            if (String(v).toLowerCase() === String(crit).toLowerCase() && typeof sumRange[k] === "number") s += sumRange[k] as number;
          });
          return s;
        }
        case "INT":
          return Math.floor(num(a[0]));
        case "MOD": {
          const [x, y] = [num(a[0]), num(a[1])];
          return x - y * Math.floor(x / y);
        }
        case "ROUND": {
          const f = 10 ** num(a[1]);
          const x = num(a[0]);
          return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
        }
        default:
          throw new Error(`function ${name} not supported`);
      }
    };
    const primary = (): Value | Value[] => {
      const t = next();
      if (t === "(") {
        const v = expr();
        expect(next()).toBe(")");
        return v;
      }
      if (t === "-") return -num(primary());
      if (/^\d/.test(t)) return Number(t);
      if (t.startsWith('"')) return t.slice(1, -1);
      if (/^[A-Z]+$/.test(t) && peek() === "(") return call(t);
      const ref = t.replace(/\$/g, "");
      if (ref.includes(":")) {
        const [a, b] = ref.split(":");
        return expandRange(a, b).map((addr) => this.cell(addr, depth));
      }
      return this.cell(ref, depth);
    };
    const power = (): Value | Value[] => {
      let v = primary();
      while (peek() === "^") {
        next();
        v = num(v) ** num(primary());
      }
      return v;
    };
    const term = (): Value | Value[] => {
      let v = power();
      while (peek() === "*" || peek() === "/") {
        const op = next();
        const w = num(power());
        v = op === "*" ? num(v) * w : num(v) / w;
      }
      return v;
    };
    const expr = (): Value | Value[] => {
      let v = term();
      while (peek() === "+" || peek() === "-") {
        const op = next();
        const w = num(term());
        v = op === "+" ? num(v) + w : num(v) - w;
      }
      return v;
    };
    const v = expr();
    expect(i).toBe(tokens.length);
    if (Array.isArray(v)) throw new Error("formula evaluates to a range");
    return v;
  }
}

/** Cents of a number read from a cell (doubles are exact enough for cents below 2^53). */
const centsOf = (v: Value | undefined): bigint => {
  expect(typeof v).toBe("number");
  return BigInt(Math.round((v as number) * 100));
};
const c = (m: Money | undefined): bigint => {
  expect(m?.scale).toBe(2);
  return m!.units;
};

// --- the workbook -------------------------------------------------------------------------------------

let table: DamagesTable;
let bytes: Buffer;
let ws: ExcelJS.Worksheet;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  table = fixture();
  bytes = await damagesXlsx(table, CAPTION, BUILT_AT);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  ws = wb.getWorksheet(DAMAGES_SHEET)!;
});

afterEach(() => {
  vi.useRealTimers();
});

/*
 * Rows: kpg units 7–10, its sale 11, subtotal 12; lux units 13–14, sales 15–16, subtotal 17; shoe-king unit 18, subtotal
 * 19; grand total 20; interest from 22 (rate 23, dates 24–25, days 26, header 27, one row per defendant 28–30); notes.
 */
describe("damagesXlsx: layout", () => {
  it("has the caption block, headers, a frozen header row and column widths", () => {
    expect(ws).toBeDefined();
    expect(ws.getCell("A1").value).toBe(CAPTION.court);
    expect(ws.getCell("A3").value).toBe(CAPTION.shortTitle);
    expect(ws.getCell("A4").value).toBe("Damages table — 15 U.S.C. § 1117 (amounts in USD)");
    expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual([
      "Line",
      "Sched. A no.",
      "Defendant",
      "Mark",
      "Reg. no.",
      "Class",
      "Goods type",
      "Statutory basis",
      "Willful",
      "Statutory minimum",
      "Statutory maximum",
      "Amount requested",
      "Gross sales, § 1117(a)",
      "Trebled, § 1117(b)",
      "Restrained",
      "Note",
      "Units",
      "Unit price",
      "Rate to table currency",
      "Recovering plaintiff",
      "Seller ID",
      "Willfulness basis",
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 6 });
    expect(ws.getColumn("C").width).toBe(30);
    expect(ws.getColumn("L").width).toBe(17);
  });

  it("writes one row per mark × goods type, one per sale, a subtotal per defendant and a grand total", () => {
    const col = (letter: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => ws.getCell(`${letter}${from + k}`).value);
    expect(col("A", 7, 20)).toEqual([
      ...Array(4).fill("Mark × goods"),
      "Sale",
      "Defendant total",
      ...Array(2).fill("Mark × goods"),
      "Sale",
      "Sale",
      "Defendant total",
      "Mark × goods",
      "Defendant total",
      "Grand total",
    ]);
    expect(col("B", 7, 19)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);
    expect(col("D", 7, 10)).toEqual(["ROCKSTUD", "ROCKSTUD", "V LOGO", "V LOGO"]);
    expect(col("G", 7, 10)).toEqual(["shoes", "handbags", "shoes", "handbags"]);
    expect(col("C", 11, 11)).toEqual(["Amazon sales report, exhibit 9"]);
    expect(col("Q", 15, 16)).toEqual([2, 3]);
    expect(col("R", 15, 16)).toEqual([120, 19.99]);
    expect(ws.getCell("R16").numFmt).toBe('#,##0.00 "EUR"');
    expect(ws.getCell("S16").value).toBe(1.0842);
    expect(col("P", 7, 7)).toEqual(["share of flat request"]);
    expect(ws.getCell("C12").value).toBe("Total: Kaitlyn Pan Group");
    expect(ws.getCell("P12").value).toBe("4 units (2 marks × 2 types of goods); flat request");
    // (c)(2) states no minimum: none is written for kpg; (c)(1) rows show $1,000.
    expect(ws.getCell("J7").value).toBeNull();
    expect(ws.getCell("J13").value).toBe(1000);
    expect(ws.getCell("T12").value).toBe("[COUNSEL: recovering plaintiff (the registrant of the marks)]");
    expect(ws.getCell("V12").value).toBe("[COUNSEL: basis for the finding of willfulness]");
    expect(ws.getCell("V17").value).toBeNull(); // lux is not willful
  });

  it("amount cells are numbers with the dollar format, never text", () => {
    for (const ref of ["K7", "L7", "L8", "L9", "L10", "R11", "J13", "K13", "L13", "L14", "R15", "L18", "O12"]) {
      const cell = ws.getCell(ref);
      expect(cell.type, ref).toBe(ExcelJS.ValueType.Number);
      expect(cell.numFmt, ref).toBe(MONEY_FORMAT);
    }
    expect(["L7", "L8", "L9", "L10", "L13", "L14", "L18"].map((r) => ws.getCell(r).value)).toEqual([
      62500.01, 62500.01, 62500.01, 62500, 50000, 25000.5, 30000,
    ]);
    expect(ws.getCell("K7").value).toBe(2000000);
    expect(ws.getCell("K13").value).toBe(200000);
    expect(ws.getCell("O12").value).toBe(12345.67);
    // No gross sales on the units' rows; none at all without sales.
    for (const ref of ["M7", "M8", "M13", "M18", "M19", "N19"]) expect(ws.getCell(ref).value, ref).toBeNull();
  });

  it("gross sales are formulas (units × unit price), and so are totals and interest", () => {
    const formulas: Record<string, string> = {
      M11: "Q11*R11",
      M15: "Q15*R15",
      M16: "ROUND(Q16*R16*S16,2)",
      L12: "SUM(L7:L11)",
      M12: "SUM(M7:M11)",
      N12: "3*M12",
      L17: "SUM(L13:L16)",
      M17: "SUM(M13:M16)",
      N17: "3*M17",
      L19: "SUM(L18:L18)",
      L20: 'SUMIF($A$7:$A$19,"Defendant total",L$7:L$19)',
      M20: 'SUMIF($A$7:$A$19,"Defendant total",M$7:M$19)',
      N20: 'SUMIF($A$7:$A$19,"Defendant total",N$7:N$19)',
      O20: 'SUMIF($A$7:$A$19,"Defendant total",O$7:O$19)',
      L26: "L25-L24",
      L28: "L12",
      L29: "L17",
      L30: "L19",
      M28: "ROUND(L28*((1+$L$23)^INT($L$26/365)*(1+$L$23*MOD($L$26,365)/365)-1),2)",
      N28: "L28+M28",
    };
    for (const [ref, formula] of Object.entries(formulas)) {
      const cell = ws.getCell(ref);
      expect(cell.type, ref).toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula, ref).toBe(formula);
    }
    expect(ws.getCell("L23").value).toBe(0.0412);
    expect(ws.getCell("L23").numFmt).toBe("0.00##%");
    expect(ws.getCell("L24").value).toEqual(new Date("2027-12-01T00:00:00Z"));
    expect(ws.getCell("L25").value).toEqual(new Date("2028-03-15T00:00:00Z"));
  });

  it("every requested amount carries data validation against its statutory range per mark per type of goods", () => {
    for (const ref of ["L7", "L8", "L9", "L10"]) {
      expect(ws.getCell(ref).dataValidation, ref).toMatchObject({
        type: "decimal",
        operator: "between",
        formulae: [0.01, 2000000],
        showErrorMessage: true,
      });
    }
    for (const ref of ["L13", "L14", "L18"])
      expect(ws.getCell(ref).dataValidation, ref).toMatchObject({ type: "decimal", operator: "between", formulae: [1000, 200000] });
    expect(ws.getCell("L12").dataValidation).toBeUndefined(); // a total is a formula, not a request
  });

  it("evaluating the formulas from the cell values gives the computed table, and matches the cached results", () => {
    const ev = new Evaluator(ws);
    const i = table.interest!.defendants;
    const expected: Record<string, bigint> = {
      M11: c(table.defendants[0].sales[0].amountInTableCurrency),
      L12: c(table.defendants[0].requested),
      M12: c(table.defendants[0].profits),
      N12: c(table.defendants[0].trebledProfits),
      M16: c(table.defendants[1].sales[1].amountInTableCurrency),
      L17: c(table.defendants[1].requested),
      M17: c(table.defendants[1].profits),
      N17: c(table.defendants[1].trebledProfits),
      L19: c(table.defendants[2].requested),
      L20: c(table.totals.requested),
      M20: c(table.totals.profits),
      N20: c(table.totals.trebledProfits),
      O20: c(table.totals.restrained),
      M28: c(i[0].amount),
      N28: c(i[0].totalWithInterest),
      M29: c(i[1].amount),
      N29: c(i[1].totalWithInterest),
      M30: c(i[2].amount),
      N30: c(i[2].totalWithInterest),
    };
    for (const [ref, want] of Object.entries(expected)) {
      expect(centsOf(ev.cell(ref)), `${ref} evaluated`).toBe(want);
      expect(centsOf(ws.getCell(ref).result as number), `${ref} cached`).toBe(want);
    }
    // And the table is what was computed by hand (see fixture()).
    expect(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.toString()]))).toEqual({
      M11: "125986",
      L12: "25000003",
      M12: "125986",
      N12: "377958",
      M16: "6502",
      L17: "7500050",
      M17: "30502",
      N17: "91506",
      L19: "3000000",
      L20: "35500053",
      M20: "156488",
      N20: "469464",
      O20: "1234567",
      M28: "296301",
      N28: "25296304",
      M29: "88891",
      N29: "7588941",
      M30: "35556",
      N30: "3035556",
    });
    expect(ev.cell("L26")).toBe(105);
    expect(ws.getCell("L26").result).toBe(105);
  });

  it("writes the notes: rounding rule, statutory basis, conversion, allocation, interest formula", () => {
    const texts: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === "string") texts.push(v);
    });
    expect(texts).toContain(`Rounding: ${table.roundingRule}`);
    expect(texts).toContain(table.statutoryNote);
    expect(texts.some((t) => t.startsWith("Sales in EUR converted at 1 EUR = 1.0842 USD (2026-03-01, Federal Reserve H.10)"))).toBe(true);
    expect(texts.some((t) => t.includes("flat request $250,000.03 for 4 units"))).toBe(true);
    expect(texts.some((t) => t.startsWith("Post-judgment interest, 28 U.S.C. § 1961, illustrated on each defendant's judgment"))).toBe(
      true,
    );
  });
});

/** (DOS date, DOS time) of every entry in a ZIP's central directory. */
function zipEntryTimes(zip: Buffer): { date: number; time: number }[] {
  let eocd = zip.length - 22;
  while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out: { date: number; time: number }[] = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    out.push({ time: zip.readUInt16LE(p + 12), date: zip.readUInt16LE(p + 14) });
    const local = zip.readUInt32LE(p + 42);
    out.push({ time: zip.readUInt16LE(local + 10), date: zip.readUInt16LE(local + 12) });
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

describe("damagesXlsx: determinism", () => {
  it("gives byte-identical files for identical input, whatever the clock says", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-01-02T03:04:05Z"));
    const a = await damagesXlsx(fixture(), CAPTION, BUILT_AT);
    vi.setSystemTime(new Date("2033-07-08T21:22:23Z"));
    const b = await damagesXlsx(fixture(), CAPTION, BUILT_AT);
    vi.useRealTimers();
    expect(a.equals(b)).toBe(true);
    expect(a.equals(bytes)).toBe(true);
  });

  it("stamps the workbook and every zip entry with builtAt", () => {
    expect(wb.created.toISOString()).toBe("2026-05-01T13:45:30.000Z");
    expect(wb.modified.toISOString()).toBe("2026-05-01T13:45:30.000Z");
    // DOS date: (2026 − 1980) << 9 | 5 << 5 | 1 = 23552 + 160 + 1 = 23713; time: 13 << 11 | 45 << 5 | 30/2 = 26624 + 1440 + 15 = 28079.
    const times = zipEntryTimes(bytes);
    expect(times.length).toBeGreaterThan(10);
    for (const t of times) expect(t).toEqual({ date: 23713, time: 28079 });
  });

  it("a different builtAt gives different bytes and the new time, with the same sheet", async () => {
    const other = await damagesXlsx(table, CAPTION, "2027-01-01T00:00:00Z");
    expect(other.equals(bytes)).toBe(false);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(other as unknown as ArrayBuffer);
    expect(back.created.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    // DOS date (2027 − 1980) << 9 | 1 << 5 | 1 = 24064 + 32 + 1 = 24097; time 0.
    for (const t of zipEntryTimes(other)) expect(t).toEqual({ date: 24097, time: 0 });
    const sheet = back.getWorksheet(DAMAGES_SHEET)!;
    expect(sheet.getCell("L17").formula).toBe(ws.getCell("L17").formula);
    expect(sheet.getCell("L17").result).toBe(ws.getCell("L17").result);
  });

  it("pinZipTimestamps leaves everything but the time fields alone, and refuses a non-ZIP", () => {
    const re = pinZipTimestamps(bytes, new Date("2026-05-01T13:45:30Z"));
    expect(re.equals(bytes)).toBe(true);
    expect(() => pinZipTimestamps(Buffer.from("not a zip at all, just some text here"), new Date())).toThrow(/not a ZIP archive/);
  });

  it("refuses a builtAt that is not a time", async () => {
    await expect(damagesXlsx(table, CAPTION, "yesterday")).rejects.toThrow(/builtAt must be an ISO 8601 time/);
  });
});
