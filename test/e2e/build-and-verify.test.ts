/**
 * End to end on the fixture case, with the real Chromium: reproducible builds, qpdf-clean PDFs, stamps on
 * every page, and verify catching every kind of tampering (exit 4, naming the file). The first build is the run's
 * shared build of the fixture; the second is made here, from a copy of the case as the first left it.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/commands/build.js";
import type { Manifest } from "../../src/model/manifest.js";
import { EPOCH, hashTree, runCli, tempDir } from "../helpers/cli.js";
import { runVerify } from "../helpers/commands.js";
import { copyCase, copyOf, sharedBuild } from "../helpers/shared-builds.js";

const ENV = { ...process.env, SOURCE_DATE_EPOCH: EPOCH };
let rootA: string;
let rootB: string;
/** The tree the single-tree tests look at: the public twin (the fixture redacts a card number in a DM). */
let first: string;
let manifest: Manifest;

let caseCopy: string;

const shared = sharedBuild("valentino-v-kaitlyn-pan");

beforeAll(async () => {
  // A copy of the case as the first build left it, named as it was: builds extend the case's custody log, and the
  // shared one stays as built.
  const copy = copyCase(shared);
  caseCopy = copy.abs;
  const b = await build({ cwd: copy.cwd, caseDir: copy.caseDir, out: "out", env: ENV });
  rootA = shared.bundleDir;
  rootB = b.bundleDir;
  first = join(rootA, "public");
  manifest = JSON.parse(readFileSync(join(first, "manifest.json"), "utf8")) as Manifest;
});

const copyBundle = () => copyOf(first, "bundle");

const pdfs = () => Object.keys(hashTree(rootA)).filter((p) => p.endsWith(".pdf"));
const pdftext = (file: string, page?: number) =>
  execFileSync("pdftotext", ["-layout", ...(page ? ["-f", String(page), "-l", String(page)] : []), file, "-"], { encoding: "utf8" });

describe("build on the fixture case", () => {
  it(
    "builds the fixture: at least 6 evidence files, a screenshot over 6,000 px split across pages, a receipt PDF, an EXIF-dated " + "photo",
    () => {
      expect(manifest.inputs.filter((f) => f.path.startsWith("evidence/") && !f.path.endsWith(".meta.yaml")).length).toBeGreaterThanOrEqual(
        6,
      );
      const sources = manifest.exhibits.flatMap((e) => e.sources);
      expect(sources.some((s) => s.capturedAtSource === "exif")).toBe(true);
      expect(sources.some((s) => s.path.endsWith(".pdf"))).toBe(true);
      expect(new Set(manifest.exhibits.map((e) => e.defendantId).filter(Boolean)).size).toBe(2);
    },
  );

  it(
    "is byte-identical when built twice with the same SOURCE_DATE_EPOCH (every file of both twins compared; the second build finds " +
      "the first's custody entries)",
    () => {
      const a = hashTree(rootA);
      const b = hashTree(rootB);
      expect(Object.keys(a).filter((p) => p.startsWith("public/")).length).toBeGreaterThan(5);
      expect(Object.keys(a).filter((p) => p.startsWith("sealed/")).length).toBeGreaterThan(5);
      expect(b).toEqual(a);
    },
  );

  it("writes one PDF per exhibit named '<number> <defendant> - <title>.pdf', plus bundle.pdf", () => {
    const names = readdirSync(join(first, "exhibits"));
    expect(names).toHaveLength(manifest.exhibits.length);
    for (const n of names) expect(n).toMatch(/^\d{3}( .+)? - .+\.pdf$/); // case-wide exhibits have no defendant
    expect(names.some((n) => n.startsWith("002 Kestrel Pan Group, LLC - "))).toBe(true);
  });

  it("passes qpdf --check on every PDF produced (both twins)", () => {
    for (const p of pdfs()) {
      const out = execFileSync("qpdf", ["--check", join(rootA, p)], { encoding: "utf8" });
      expect(out, p).toContain("No syntax or stream encoding errors");
    }
  });

  it("stamps every bundle page with its Bates number and exhibit label, in page order", () => {
    const bundle = join(first, "bundle.pdf");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [bundle], { encoding: "utf8" }))?.[1]);
    expect(pages).toBe(manifest.bates.pages);
    const pageTexts = pdftext(bundle).split("\f"); // pdftotext ends each page with a form feed
    let n = 0;
    for (const e of manifest.exhibits) {
      for (let i = 1; i <= e.pages; i++) {
        n++;
        const text = pageTexts[n - 1]!;
        expect(text).toContain(`${manifest.bates.prefix}${String(n).padStart(manifest.bates.digits, "0")}`);
        expect(text).toContain(`Exhibit ${e.label} · page ${i} of ${e.pages}`);
      }
    }
  });

  it("keeps the top inch of every page blank for the court's CM/ECF header stamp", () => {
    const dir = tempDir();
    execFileSync("pdftoppm", ["-gray", "-r", "36", join(first, "bundle.pdf"), join(dir, "p")]);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith(".pgm"))
      .sort();
    expect(pages).toHaveLength(manifest.bates.pages);
    for (const f of pages) {
      const pgm = readFileSync(join(dir, f));
      const [, w] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString("latin1", 0, 40)) ?? [];
      const headerLength = pgm.toString("latin1", 0, 40).match(/^P5\s+\d+\s+\d+\s+255\s/)![0].length;
      const topRows = pgm.subarray(headerLength, headerLength + Number(w) * 34); // 34 of the 36 rows of the top inch
      expect(Math.min(...topRows), f).toBeGreaterThanOrEqual(250);
    }
  });

  it("starts every exhibit with a cover sheet showing label, Bates range and each source's full SHA-256", () => {
    for (const e of manifest.exhibits) {
      const text = pdftext(join(first, e.file.path), 1).replace(/\s+/g, " ");
      expect(text).toContain(`EXHIBIT ${e.label}`);
      expect(text).toContain(`${e.bates.first} – ${e.bates.last}`);
      // Long digests wrap inside table cells: read in content order and ignore line breaks.
      const squashed = execFileSync("pdftotext", ["-f", "1", "-l", "1", join(first, e.file.path), "-"], { encoding: "utf8" }).replace(
        /\s+/g,
        "",
      );
      for (const s of e.sources) expect(squashed).toContain(s.sha256.slice(7));
    }
  });

  it("says an unknown capture time is not recorded rather than inventing one", () => {
    const unknown = manifest.exhibits.find((e) => e.sources.some((s) => s.capturedAtSource === "unknown"));
    if (!unknown) return expect(manifest.exhibits.every((e) => e.sources.every((s) => s.capturedAt))).toBe(true);
    const cover = pdftext(join(first, unknown.file.path), 1);
    expect(cover).toMatch(/Captured \(case zone\)\s+not recorded/);
    expect(cover).toMatch(/Time source\s+not recorded/);
  });

  it("bookmarks each exhibit in bundle.pdf", () => {
    const outline = execFileSync("qpdf", ["--json", "--json-key=outlines", join(first, "bundle.pdf")], { encoding: "utf8" });
    const titles = (JSON.parse(outline).outlines as { title: string }[]).map((o) => o.title);
    expect(titles).toHaveLength(manifest.exhibits.length);
    for (const [i, t] of titles.entries()) expect(t).toContain(`Exhibit ${manifest.exhibits[i].label} `);
  });

  it("extends the case's chain-of-custody log and copies it into the appendices", () => {
    const log = readFileSync(join(caseCopy, "custody-log.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(log.filter((e) => e.event === "built")).toHaveLength(1); // the identical rebuild added nothing
    // One ingestion per source file, however many exhibits are made from it (two test buys from one export).
    const sourceFiles = new Set(manifest.exhibits.flatMap((e) => e.sources.map((s) => s.path)));
    expect(log.filter((e) => e.event === "ingested").length).toBe(sourceFiles.size);
    expect(log.some((e) => e.event === "acquired" && e.actor.startsWith("R. Delgado"))).toBe(true);
    // Every exhibit PDF of both twins is logged as a transformation of its sources' hashes (the sealed tree holds only
    // the exhibits filed under seal).
    const rendered = log.filter((e) => e.event === "rendered");
    const sealed = JSON.parse(readFileSync(join(rootA, "sealed/manifest.json"), "utf8")) as Manifest;
    expect(sealed.exhibits.length).toBeGreaterThan(0);
    expect(rendered).toHaveLength(manifest.exhibits.length + sealed.exhibits.length);
    for (const e of sealed.exhibits)
      expect(
        rendered.some((r) => r.item_id === `sealed/${e.file.path}`),
        e.label,
      ).toBe(true);
    const ex2 = manifest.exhibits[1];
    expect(rendered.find((e) => e.item_id === `public/${ex2.file.path}`)).toMatchObject({
      inputs: ex2.sources.map((s) => s.sha256),
      outputs: [ex2.file.sha256],
    });
    expect(readFileSync(join(first, "appendices/custody-log.csv"), "utf8").trim().split("\r\n")).toHaveLength(log.length + 1);
  });

  it("writes Schedule A and the exhibit index from the same plan", () => {
    const csv = readFileSync(join(rootA, "sealed/appendices/schedule-a.csv"), "utf8");
    expect(csv).toContain('1,KPG Boutique,"Kestrel Pan Group, LLC",Amazon,A3KPG7EXAMPLE01');
    // public: only what case.yaml allows
    expect(readFileSync(join(first, "appendices/schedule-a.csv"), "utf8").trim().split("\r\n")[0]).toBe("No.,Platform");
    const index = readFileSync(join(first, "appendices/exhibit-index.csv"), "utf8").trim().split("\r\n").slice(1);
    // One row per original file: each item's source and the other files it is made of (thread files, photos).
    expect(index.length).toBeGreaterThan(manifest.exhibits.flatMap((e) => e.sources).length);
    for (const s of manifest.exhibits.flatMap((e) => e.sources)) expect(index.some((r) => r.includes(s.sha256.slice(7)))).toBe(true);
    for (const e of manifest.exhibits)
      expect(index.some((r) => r.startsWith(`${e.label},`) && r.includes(e.bates.first) && r.includes(e.file.sha256.slice(7)))).toBe(true);
  });

  it("records builtAt from SOURCE_DATE_EPOCH and lists every input and output with size and hash", () => {
    expect(manifest.builtAt).toBe("2026-04-12T13:20:00Z");
    expect(manifest.builtAtSource).toBe("SOURCE_DATE_EPOCH");
    expect(manifest.inputs[0].path).toBe("case.yaml");
    const outputs = Object.keys(hashTree(first)).filter((p) => !p.startsWith("manifest.json"));
    expect(outputs).toContain("redaction-log.csv");
    expect(manifest.outputs.map((f) => f.path).sort()).toEqual(outputs.sort());
  });
});

describe("verify", () => {
  // The first two run `exhibits verify` as a process (its text, its JSON, its exit codes); the others call verify().
  it("passes on a fresh bundle (exit 0), in text and JSON", () => {
    const r = runCli(["verify", first]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("All 18 checks passed");
    const j = runCli(["verify", first, "--json"]);
    expect(JSON.parse(j.stdout).ok).toBe(true);
    const both = runCli(["verify", rootA]); // the parent folder: both twins
    expect(both.code, both.stdout).toBe(0);
    expect(both.stdout).toMatch(/Verifying .*public[\s\S]*All 18 checks passed[\s\S]*Verifying .*sealed[\s\S]*All 18 checks passed/);
  });

  it("fails with exit 4 naming the file when one output byte changes", () => {
    const dir = copyBundle();
    const target = manifest.exhibits[1].file.path;
    const bytes = readFileSync(join(dir, target));
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(join(dir, target), bytes);
    const r = runCli(["verify", dir]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(new RegExp(`FAIL\\s+hashes-match[\\s\\S]*${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: content changed`));
  });

  it("fails with exit 4 naming the file when a listed file is removed", async () => {
    const dir = copyBundle();
    rmSync(join(dir, "bundle.pdf"));
    const r = await runVerify(dir);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("bundle.pdf: listed in the manifest but missing");
  });

  it("fails with exit 4 naming the file when a file is added", async () => {
    const dir = copyBundle();
    writeFileSync(join(dir, "exhibits", "999 extra.pdf"), "%PDF-1.4\n");
    const r = await runVerify(dir);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("exhibits/999 extra.pdf: not listed in the manifest");
  });

  it("fails with exit 4 naming manifest.json when the manifest is edited", async () => {
    const dir = copyBundle();
    const path = join(dir, "manifest.json");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        manifest.bates.last,
        manifest.bates.last.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
      ),
    );
    const r = await runVerify(dir);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL\s+manifest-digest[\s\S]*manifest\.json: edited after the build/);
  });

  it("fails when the manifest's Bates ranges leave a gap, even if its digest file is rewritten to match", async () => {
    const dir = copyBundle();
    const path = join(dir, "manifest.json");
    const m = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    const e = m.exhibits[1];
    e.bates.first = e.bates.first.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, "0"));
    const text = JSON.stringify(m, null, 2) + "\n";
    writeFileSync(path, text);
    const hex = execFileSync("sha256sum", [path], { encoding: "utf8" }).split(" ")[0];
    writeFileSync(join(dir, "manifest.json.sha256"), `${hex}  manifest.json\n`);
    const r = await runVerify(dir);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL\s+bates-gapless[\s\S]*Exhibit 2/);
  });

  it("checks every item even after a failure (all checks run and report)", async () => {
    const dir = copyBundle();
    appendFileSync(join(dir, manifest.exhibits[0].file.path), "x");
    rmSync(join(dir, manifest.exhibits[2].file.path));
    const r = await runVerify(dir, { json: true });
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout) as { checks: { name: string; ok: boolean; problems: string[] }[] };
    expect(report.checks).toHaveLength(18);
    expect(report.checks.find((c) => c.name === "sizes-match")?.problems.join()).toContain(manifest.exhibits[0].file.path);
    expect(report.checks.find((c) => c.name === "files-present")?.problems.join()).toContain(manifest.exhibits[2].file.path);
  });
});
