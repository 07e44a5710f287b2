/**
 * Appendices end to end. Golden files pin each appendix's CSV rows and the text extracted from its PDF
 * (test/golden/valentino; rewrite them with UPDATE_GOLDEN=1 after a deliberate change, and review the
 * diff). Digests of rendered PDFs and the browser/Node versions depend on the machine's Chromium and fonts,
 * so they are masked; source digests are not. A PDF's text is compared with its line breaks taken as spaces:
 * the browser's name and version (the headless shell's "HeadlessChrome/…", Chromium's "Chrome/…") move them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/commands/build.js";
import type { Manifest } from "../../src/model/manifest.js";
import { parseCsv } from "../../src/util/csv.js";
import { copyFixture, tempDir } from "../helpers/cli.js";
import { runVerify } from "../helpers/commands.js";
import { sharedBuild } from "../helpers/shared-builds.js";
import { goldenSet } from "../helpers/golden-text.js";

const ENV = { ...process.env, SOURCE_DATE_EPOCH: "1776000000" };
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

const { mask, golden, pdfText } = goldenSet("valentino", () => sourceHashes);

/** A PDF's text in the order it was laid out (cell by cell), each run of white space one space. */
const flowText = (file: string) => execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

describe("appendices of the fixture case (golden)", () => {
  for (const csv of ["schedule-a.csv", "exhibit-index.csv", "damages.csv", "declaration.csv"]) {
    it(`${csv} rows match the golden file`, () => golden(csv, mask(readFileSync(join(appendices, csv), "utf8"))));
  }
  for (const pdf of ["schedule-a", "exhibit-index", "damages", "certification", "notice-of-intent", "declaration"]) {
    it(`${pdf}.pdf text matches the golden file`, () => golden(`${pdf}.txt`, pdfText(join(appendices, `${pdf}.pdf`)), true));
  }
  // The evidence map is internal: the sealed tree's alone.
  it("evidence-map.csv and .pdf (sealed tree) match the golden files", () => {
    const sealed = join(result.bundleDir, "sealed", "appendices");
    golden("evidence-map.csv", mask(readFileSync(join(sealed, "evidence-map.csv"), "utf8")));
    golden("evidence-map.txt", pdfText(join(sealed, "evidence-map.pdf")), true);
    expect(existsSync(join(appendices, "evidence-map.csv"))).toBe(false);
  });

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
    expect(sa.worksheets[0].getCell("E2").value).toBe("A3KPG7EXAMPLE01");
    // Gross sales are formulas (units × unit price); each request is validated against its statutory range.
    expect(formulas.some((f) => /^Q\d+\*R\d+$/.test(f.formula) && f.result === 1259.86)).toBe(true);
    expect(ws.getCell("L7").dataValidation).toMatchObject({ type: "decimal", operator: "between", formulae: [0.01, 2000000] });
  });

  it("the exhibit index names each exhibit's file and links nowhere (each exhibit is its own attachment on CM/ECF)", () => {
    const qdf = join(tempDir(), "index.qdf");
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", join(appendices, "exhibit-index.pdf"), qdf]);
    const raw = readFileSync(qdf, "latin1");
    expect(raw).not.toMatch(/\/S \/GoToR|\/URI|bundle\.pdf/);
    const text = flowText(join(appendices, "exhibit-index.pdf"));
    expect(text).not.toContain("bundle.pdf");
    for (const e of result.manifest.exhibits) expect(text).toContain(`File: ${e.file.path.slice("exhibits/".length).slice(0, 20)}`);
  });

  it("lists every original file (thread files, chat photos, e-mail attachments) with its SHA-256: the manifest's evidence inputs", () => {
    const { rows } = parseCsv(readFileSync(join(appendices, "exhibit-index.csv"), "utf8"));
    const listed = new Set(rows.map((r) => `${r.cells[7]} ${r.cells[9]}`));
    const inputs = result.manifest.inputs.filter((f) => f.path !== "case.yaml" && !f.path.endsWith(".meta.yaml"));
    expect(inputs.length).toBeGreaterThan(11);
    expect([...listed].sort()).toEqual([...new Set(inputs.map((f) => `${f.path} ${f.sha256.slice(7)}`))].sort());
    // The second file of the DM export and the photo sent in the chat are among them, in the PDF too.
    const text = flowText(join(appendices, "exhibit-index.pdf")).replace(/ /g, "");
    for (const f of inputs) expect(text).toContain(f.sha256.slice(7));
    expect(inputs.some((f) => f.path.endsWith("message_2.json"))).toBe(true);
    expect(inputs.some((f) => /photos\/.*\.jpg$/.test(f.path))).toBe(true);
  });

  it("puts no internal ids or 'Read from <path>' lines in the filed Schedule A, index and damages", () => {
    for (const tree of ["public", "sealed"]) {
      for (const name of ["schedule-a", "exhibit-index", "damages"]) {
        const file = join(result.bundleDir, tree, "appendices", `${name}.pdf`);
        if (!existsSync(file)) continue;
        const text = pdfText(file).replace(/evidence\/\S+/g, ""); // original files' paths are names, not ids
        expect(text, `${tree}/${name}`).not.toMatch(/Read from|\bdefendant (kpg|studline)\b|\b(kpg|studline)\b(?![-.])/);
      }
    }
  });
});

/** The lines of words at or right of the `header` word on page 1 of a PDF, top to bottom (pdftotext -bbox). */
function wordsRightOf(file: string, header: string): string[] {
  const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", file, "-"], { encoding: "utf8" });
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    x: Number(m[1]),
    y: Math.round(Number(m[2])),
    text: m[3]!.replace(/&amp;/g, "&"),
  }));
  const x = words.find((w) => w.text === header)!.x - 1;
  const lines = new Map<number, string[]>();
  for (const w of words.filter((w) => w.x >= x)) lines.set(w.y, [...(lines.get(w.y) ?? []), w.text]);
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([, l]) => l.join(" "));
}

describe("Schedule A as filed", () => {
  const sealed = () => join(result.bundleDir, "sealed/appendices/schedule-a.pdf");

  it("has the filed columns only: no Bates, exhibits or marks, no tool notes", () => {
    const text = pdfText(sealed()).replace(/\s+/g, " ");
    for (const h of ["Seller alias / store", "Legal or business", "Seller or merchant ID", "Store or listing URL"])
      expect(text).toContain(h);
    expect(text).not.toMatch(/Bates|Exhibits|Marks|VAL0000|ROCKSTUD|Numbers follow/);
    // Alias and legal name in cells of their own; the own website's domain beside its URL.
    expect(text).toMatch(/1 KPG Boutique Kestrel Pan Group,/);
    expect(text).toContain("Domain: studline-outlet.example");
    const pub = pdfText(join(appendices, "schedule-a.pdf")).replace(/\s+/g, " ");
    expect(pub).toMatch(/NO\.|No\./);
    expect(pub).toMatch(/1 Amazon 2 Own website/);
    expect(pub).not.toMatch(/KPG Boutique|A3KPG7|studline-outlet|https:/);
  });

  it("breaks URLs only after / ? & (each URL reassembles) and never splits a name or an id", () => {
    const lines = wordsRightOf(sealed(), "Store");
    let joined = "";
    const breaks: number[] = [];
    for (const l of lines) {
      joined += l;
      breaks.push(joined.length);
    }
    for (const url of ["https://www.amazon.com/sp?seller=A3KPG7EXAMPLE01", "https://studline-outlet.example/"]) {
      const at = joined.indexOf(url);
      expect(at, url).toBeGreaterThanOrEqual(0);
      for (const b of breaks)
        if (b > at && b < at + url.length) expect("/?&", `${url} broken after ${joined[b - 1]}`).toContain(joined[b - 1]);
    }
    const layout = pdfText(sealed());
    for (const token of ["A3KPG7EXAMPLE01", "studline-outlet.example", "seller=A3KPG7EXAMPLE01"]) expect(layout).toContain(token);
  });
});

describe("damages table as filed", () => {
  const text = () => flowText(join(appendices, "damages.pdf"));

  it("prints citations in their case (no CSS capitals): no '§ 1117(C)', no 'S.P.A.'", () => {
    for (const t of [text(), readFileSync(join(appendices, "damages.csv"), "utf8")]) {
      expect(t).not.toMatch(/§ ?1117\([A-Z]\)/);
      expect(t).not.toContain("S.P.A.");
    }
    expect(text()).toContain("§ 1117(c)(2): up to $2,000,000 per mark per type of goods (willful)");
    expect(text()).toContain("Gross sales (§ 1117(a))");
    expect(text()).not.toMatch(/\$1,000(\.00)? – \$2,000,000/); // (c)(2) has no minimum
  });

  it("computes no interest by default, and names the recovering plaintiff, the forum sale and the seller ID", () => {
    expect(text()).not.toContain("(illustrative)");
    expect(text()).toContain("it is not computed here");
    expect(text()).toMatch(/Valentino S\.p\.A\./);
    expect(text()).toContain("Seller ID: A3KPG7EXAMPLE01");
    expect(text()).toContain("Forum sale: Ex. 5 at VAL000018.");
    expect(text()).toContain("Willfulness: Sold the goods through a disguised listing reached by a hidden link sent in direct messages");
  });

  it("flags the defendant `exhibits check` warns about (no completed forum sale), with the warning", () => {
    expect(text()).toMatch(/2† Studline Outlet/);
    expect(text()).toMatch(/2† Total, No\. 2/);
    expect(text()).toMatch(/† \[COUNSEL: the completeness check warns about this defendant: no purchase record/);
    expect(text()).not.toMatch(/1† /);
    const csv = readFileSync(join(appendices, "damages.csv"), "utf8");
    expect(csv).toMatch(/defendant total,2,studline,.*,none,"?no purchase record/);
  });
});

describe("custody entries name people", () => {
  it("acquisitions name who acquired; the build's entries the operator, or that none was recorded; never the tool", () => {
    const { header, rows } = parseCsv(readFileSync(join(result.bundleDir, "sealed/appendices/custody-log.csv"), "utf8"));
    const [event, actor] = [header.indexOf("event"), header.indexOf("actor")];
    const actors = (e: string) => new Set(rows.filter((r) => r.cells[event] === e).map((r) => r.cells[actor]));
    // Every item of the fixture names who acquired it (the investigator's sidecars say so, photographs included).
    expect(actors("acquired")).toEqual(new Set(["R. Delgado (investigator, Northbridge Brand Protection)"]));
    for (const e of ["ingested", "rendered", "built"]) expect(actors(e)).toEqual(new Set(["operator not recorded"]));
    expect(rows.some((r) => r.cells[actor] === "system")).toBe(false);
    // No item of the fixture has a capture record: no acquisition claims a tool, a computer or a digest.
    const [tool, host, outputs] = [header.indexOf("tool"), header.indexOf("host"), header.indexOf("outputs")];
    for (const r of rows.filter((x) => x.cells[event] === "acquired"))
      expect([r.cells[tool], r.cells[host], r.cells[outputs]]).toEqual(["not recorded", "not recorded", ""]);
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

    // For every defendant, the index and the damages table cite the same exhibits and range (Schedule A cites none).
    const index = csv(dir, "exhibit-index.csv").map((l) => l.split(","));
    for (const [i, d] of [
      ["1", "kpg"],
      ["2", "studline"],
    ] as const) {
      const own = m.exhibits.filter((e) => e.defendantId === d);
      const labels = own.map((e) => e.label).join(", ");
      const range = `${own[0].bates.first} – ${own[own.length - 1].bates.last}`;
      const damages = csv(dir, "damages.csv").find((l) => l.startsWith(`defendant total,${i},`))!;
      expect(damages).toContain(`Ex. ${labels} (${range})`);
      const indexed = [...new Set(index.filter((r) => own.some((e) => e.label === r[0])).map((r) => r[0]))];
      expect(indexed.join(", ")).toBe(labels);
    }
    // And they all differ from before the move.
    expect(csv(sealedDir, "schedule-a.csv")).toEqual(csv(sealedBefore, "schedule-a.csv"));
    expect(csv(dir, "damages.csv")).not.toEqual(csv(before, "damages.csv"));
    expect(csv(dir, "exhibit-index.csv")).not.toEqual(csv(before, "exhibit-index.csv"));
  });
});
