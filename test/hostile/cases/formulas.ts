/**
 * Formula-safe tables: seller- and case-controlled text that a spreadsheet would run (`=HYPERLINK(…)`, `+1+1`,
 * `-2+3`, `@SUM(A1)`, tab- and CR-led) is built into every CSV and XLSX appendix; each output is opened with a
 * spreadsheet library (exceljs) and no cell from that text may be a formula, while the damages workbook's own
 * formulas stay formulas and its amounts stay numbers.
 */
import { appendFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import sharp from "sharp";
import type { HostileCase } from "../case.js";
import { GOOD_CASE_ID, GOOD_CASE_YAML } from "../good-case.js";

const HYPERLINK = '=HYPERLINK("http://evil.example/x","click")';
const RUNNING = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1)", "\tTabbed Store", "\rCR Store"];
const RUNS = /^[=+\-@\t\r]/;

const DEFENDANT = `  - id: shop
    name: "@SUM(A1)"
    aliases: ${JSON.stringify(RUNNING)}
    platform: Amazon
    sellerId: "-2+3"
    storeUrl: https://shop.example/store?x=1
    location: "+1+1"
`;

const DAMAGES = `damages:
  currency: USD
  defendants:
    shop:
      basis: c2
      willful: true
      goods: ["=shoes()"]
      marks: [mark]
      request: { flat: "100000.00" }
      sales:
        - { units: 2, unitPrice: "79.00", currency: USD, source: ${JSON.stringify(HYPERLINK)} }
      restrained: "12.00"
`;

/** The good case with the defendant's names, ids and damages made of text a spreadsheet would run. */
function caseYaml(extra = ""): string {
  const lines = GOOD_CASE_YAML.split("\n");
  const at = lines.findIndex((l) => l.startsWith("  - { id: shop"));
  lines.splice(at, 1, DEFENDANT.trimEnd());
  return `${lines.join("\n")}${DAMAGES}${extra}`;
}

/** Every CSV and XLSX under the output's trees. */
function tables(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(csv|xlsx)$/.test(e.name)) found.push(join(d, e.name));
    }
  };
  walk(dir);
  return found;
}

/**
 * A problem, or nothing: a CSV text cell that a spreadsheet would run, an XLSX formula that is not the workbook's own
 * (every formula of damages.xlsx refers to cells; none may hold the planted text), no formula left in damages.xlsx,
 * or a planted text missing as text.
 */
async function noFormulaFromEvidence(outDir: string, planted: readonly string[], opts: { damages: boolean }): Promise<string | undefined> {
  const files = tables(join(outDir, GOOD_CASE_ID));
  if (!files.some((f) => f.endsWith(".xlsx")) || !files.some((f) => f.endsWith(".csv"))) return `no CSV or XLSX output found: ${files}`;
  const seenText = new Set<string>();
  let ownFormulas = 0;
  let numbers = 0;
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    const sheets = file.endsWith(".csv")
      ? [await wb.csv.readFile(file, { map: (v: string) => v })]
      : (await wb.xlsx.readFile(file)).worksheets;
    for (const ws of sheets) {
      let problem: string | undefined;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (cell.type === ExcelJS.ValueType.Formula) {
            const formula = cell.formula ?? "";
            if (/evil\.example|calc/.test(formula) || planted.some((p) => p.replace(/^[=+\-@\t\r]+/, "") === formula))
              problem ??= `${file} ${cell.address}: the formula ${formula} comes from evidence text`;
            ownFormulas++;
          } else if (typeof v === "string") {
            if (file.endsWith(".csv") && RUNS.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v))
              problem ??= `${file} ${cell.address}: ${JSON.stringify(v)} would run as a formula`;
            for (const p of planted) if (v.includes(p)) seenText.add(p);
          } else if (typeof v === "number") numbers++;
        }),
      );
      if (problem) return problem;
    }
  }
  const missing = planted.filter((p) => !seenText.has(p));
  if (missing.length) return `planted text not found as text in any table: ${JSON.stringify(missing)}`;
  if (opts.damages && ownFormulas === 0) return "damages.xlsx lost its own formulas";
  if (opts.damages && numbers === 0) return "no cell of the workbooks is a number any more";
  return undefined;
}

const build = (id: string, make: HostileCase["make"], planted: string[], damages = true): HostileCase => ({
  id,
  format: "formula",
  make,
  expect: { exit: 0, check: (out) => noFormulaFromEvidence(out, planted, { damages }) },
});

export const formulaCases: HostileCase[] = [
  build("formula-seller-names-and-ids", (dir) => writeFileSync(join(dir, "case.yaml"), caseYaml()), ["@SUM(A1)", HYPERLINK, "-2+3"]),
  build(
    "formula-sidecar-title-and-description",
    (dir) => {
      writeFileSync(join(dir, "case.yaml"), caseYaml());
      appendFileSync(
        join(dir, "evidence/shop/01-listing.png.meta.yaml"),
        `title: ${JSON.stringify(HYPERLINK)}\ndescription: "+1+1 planted"\n`,
      );
    },
    [HYPERLINK],
  ),
  build(
    "formula-both-twins-and-redaction-log",
    (dir) =>
      writeFileSync(join(dir, "case.yaml"), caseYaml(`redaction:\n  patterns:\n    - { name: "=cmd|' /C calc'!A0", regex: "boutique" }\n`)),
    ["@SUM(A1)", HYPERLINK],
  ),
  build(
    "formula-evidence-file-names",
    async (dir) => {
      writeFileSync(join(dir, "case.yaml"), caseYaml());
      for (const [i, name] of ["=SUM(1+1).png", "\t-tab.png", "@cmd.png", "+1+1.png"].entries()) {
        const png = await sharp({ create: { width: 64, height: 64 + i, channels: 3, background: "#123456" } })
          .png()
          .toBuffer();
        writeFileSync(join(dir, "evidence/shop", name), png);
      }
    },
    [],
  ),
];
