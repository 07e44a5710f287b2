/**
 * Appendices end to end. Golden files pin each appendix's CSV rows and the text extracted from its PDF
 * (test/golden/valentino; rewrite them with UPDATE_GOLDEN=1 after a deliberate change, and review the
 * diff). Digests of rendered PDFs and the browser/Node versions depend on the machine's Chromium and fonts,
 * so they are masked; source digests are not. A PDF's text is compared with its line breaks taken as spaces:
 * the browser's name and version (the headless shell's "HeadlessChrome/…", Chromium's "Chrome/…") move them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/commands/build.js";
import type { Manifest } from "../../src/model/manifest.js";
import { ROOT, copyFixture, tempDir } from "../helpers/cli.js";
import { runVerify } from "../helpers/commands.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const ENV = { ...process.env, SOURCE_DATE_EPOCH: "1776000000" };
const GOLDEN = join(ROOT, "test/golden/valentino");
let result: Pick<BuildResult, "bundleDir" | "manifest">;
let appendices: string;
let sourceHashes: Set<string>;

const shared = sharedBuild("valentino-v-kaitlyn-pan");

beforeAll(() => {
  // The run's shared build of the fixture, read as build() returned it.
  const manifest = JSON.parse(readFileSync(join(shared.bundleDir, "public", "manifest.json"), "utf8")) as Manifest;
  result = { bundleDir: shared.bundleDir, manifest };
  appendices = join(result.bundleDir, "public", "appendices");
  sourceHashes = new Set(result.manifest.inputs.map((f) => f.sha256.slice(7)));
});

/** Mask what depends on this machine's Chromium and fonts; keep every source digest. */
function mask(text: string): string {
  return text
    .replace(/[0-9a-f]{64}/g, (h) => (sourceHashes.has(h) ? h : "<rendered-pdf-sha256>"))
    .replace(/(?:Headless)?Chrome\/[\d.]+/g, "Chrome/<version>")
    .replace(/Node v[\d.]+/g, "Node <version>")
    .replace(/(linux|darwin|win32) (x64|arm64)/g, "<platform>")
    .replace(/[ \t]+$/gm, "");
}

/** `flowing`: text laid out by the browser, compared with line breaks and runs of spaces taken as one space. */
function golden(name: string, actual: string, flowing = false): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  const as = (t: string) => (flowing ? t.replace(/\s+/g, " ").trim() : t);
  expect(as(actual), `${name} differs from test/golden/valentino/${name}`).toBe(as(readFileSync(path, "utf8")));
}

const pdfText = (file: string) => mask(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));

describe("appendices of the fixture case (golden)", () => {
  for (const csv of ["schedule-a.csv", "exhibit-index.csv", "damages.csv"]) {
    it(`${csv} rows match the golden file`, () => golden(csv, mask(readFileSync(join(appendices, csv), "utf8"))));
  }
  for (const pdf of ["schedule-a", "exhibit-index", "damages", "certification", "notice-of-intent"]) {
    it(`${pdf}.pdf text matches the golden file`, () => golden(`${pdf}.txt`, pdfText(join(appendices, `${pdf}.pdf`)), true));
  }

  it("keeps the sealed Schedule A complete and the public one to the allowed columns", () => {
    expect(readFileSync(join(result.bundleDir, "sealed/appendices/schedule-a.csv"), "utf8")).toContain("A3KPG7EXAMPLE01");
    expect(readFileSync(join(appendices, "schedule-a.csv"), "utf8")).not.toContain("A3KPG7EXAMPLE01");
  });

  it("writes real numbers and checkable formulas into the damages and Schedule A spreadsheets", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(appendices, "damages.xlsx")) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const formulas = cells.filter((c) => c.type === ExcelJS.ValueType.Formula).map((c) => c.value as { formula: string; result: unknown });
    expect(formulas.some((f) => /^SUM\(/.test(f.formula))).toBe(true);
    expect(formulas.some((f) => /^3\*M\d+$/.test(f.formula) && f.result === 3779.58)).toBe(true); // trebled profits
    expect(formulas.find((f) => /SUMIF/.test(f.formula))?.result).toBe(450000);
    // the flat $400,000 in two shares, as numbers
    for (const ref of ["L7", "L8"]) expect([ws.getCell(ref).type, ws.getCell(ref).value]).toEqual([ExcelJS.ValueType.Number, 200000]);
    const sa = new ExcelJS.Workbook();
    await sa.xlsx.load(readFileSync(join(result.bundleDir, "sealed/appendices/schedule-a.xlsx")) as unknown as ArrayBuffer);
    expect(sa.worksheets[0].getCell("A2").value).toBe(1);
    expect(sa.worksheets[0].getCell("D2").value).toBe("A3KPG7EXAMPLE01");
  });

  it("links each exhibit-index row to the exhibit's first page in bundle.pdf", () => {
    const qdf = join(tempDir(), "index.qdf");
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", join(appendices, "exhibit-index.pdf"), qdf]);
    const text = readFileSync(qdf, "latin1");
    // Two links per row (label and description); a description wrapped over lines gets one annotation per line.
    expect(text.match(/\/S \/GoToR/g)!.length).toBeGreaterThanOrEqual(2 * result.manifest.exhibits.length);
    const firstPages = [...text.matchAll(/\/D \[\s*(\d+)\s*\/Fit/g)].map((m) => Number(m[1]));
    let page = 0;
    const expected = result.manifest.exhibits.flatMap((e) => {
      const p = page;
      page += e.pages;
      return [p, p];
    });
    expect([...new Set(firstPages)].sort((a, b) => a - b)).toEqual([...new Set(expected)].sort((a, b) => a - b));
    expect(text).toContain("(../bundle.pdf)");
  });
});

describe("moving one evidence file to another defendant", () => {
  it("changes the index, Schedule A, damages table and Bates ranges together, and keeps them consistent", async () => {
    const caseDir = copyFixture();
    for (const f of ["02-website-checkout.png", "02-website-checkout.png.meta.yaml"])
      renameSync(join(caseDir, "evidence/studline", f), join(caseDir, "evidence/kpg", f));
    const moved = await build({ cwd: tempDir(), caseDir, out: "out", env: ENV });
    // The complete Schedule A is in the sealed tree; the index of every exhibit and the damages table in the public one
    // (the sealed tree holds only what is filed under seal, and its damages table would be the same as the public one).
    const dir = join(moved.bundleDir, "public", "appendices");
    const before = join(result.bundleDir, "public", "appendices");
    const sealedDir = join(moved.bundleDir, "sealed", "appendices");
    const sealedBefore = join(result.bundleDir, "sealed", "appendices");
    const csv = (d: string, f: string) => readFileSync(join(d, f), "utf8").trim().split("\r\n").slice(1);

    // Bates: still gapless; the moved exhibit now sits among kpg's exhibits.
    expect((await runVerify(moved.bundleDir)).code).toBe(0);
    const m = moved.manifest;
    const checkout = m.exhibits.find((e) => e.sources.some((s) => s.path.endsWith("02-website-checkout.png")))!;
    expect(checkout.defendantId).toBe("kpg");
    expect(m.exhibits.map((e) => e.defendantId ?? "")).toEqual(["", "kpg", "kpg", "kpg", "kpg", "kpg", "kpg", "kpg", "studline"]);

    // For every defendant, Schedule A, the index and the damages table cite the same exhibits and range.
    const index = csv(dir, "exhibit-index.csv").map((l) => l.split(","));
    for (const [i, d] of [
      ["1", "kpg"],
      ["2", "studline"],
    ] as const) {
      const own = m.exhibits.filter((e) => e.defendantId === d);
      const labels = own.map((e) => e.label).join(", ");
      const range = `${own[0].bates.first} – ${own[own.length - 1].bates.last}`;
      const sa = csv(sealedDir, "schedule-a.csv").find((l) => l.startsWith(`${i},`))!;
      expect(sa).toContain(`"${labels}"` in { [labels]: 1 } && labels.includes(",") ? `"${labels}"` : labels);
      expect(sa).toContain(range);
      const damages = csv(dir, "damages.csv").find((l) => l.startsWith(`defendant total,${i},`))!;
      expect(damages).toContain(`Ex. ${labels} (${range})`);
      const indexed = [...new Set(index.filter((r) => own.some((e) => e.label === r[0])).map((r) => r[0]))];
      expect(indexed.join(", ")).toBe(labels);
    }
    // And they all differ from before the move.
    expect(csv(sealedDir, "schedule-a.csv")).not.toEqual(csv(sealedBefore, "schedule-a.csv"));
    expect(csv(dir, "damages.csv")).not.toEqual(csv(before, "damages.csv"));
    expect(csv(dir, "exhibit-index.csv")).not.toEqual(csv(before, "exhibit-index.csv"));
  });
});
