/**
 * Seal only what merits it, on the run's shared build of the fixture case (valentino-v-kaitlyn-pan): sealed/ holds
 * exactly the exhibits the twins show differently (those with a redaction), each with the provisional LR 26.2(c)
 * legend at the top of its first page (12 pt, below the top inch) and in every page's footer; public/ holds every
 * exhibit and no legend anywhere; both trees verify with the same Bates numbers.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/model/manifest.js";
import { hashTree } from "../helpers/cli.js";
import { runVerify } from "../helpers/commands.js";
import { folded } from "../helpers/output-layers.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const LEGEND = "PROVISIONALLY FILED UNDER SEAL PURSUANT TO LR 26.2(c)";
const shared = sharedBuild("valentino-v-kaitlyn-pan");
const tree = (twin: string) => join(shared.bundleDir, twin);
const manifest = (twin: string) => JSON.parse(readFileSync(join(tree(twin), "manifest.json"), "utf8")) as Manifest;
const pdfs = (twin: string) => Object.keys(hashTree(tree(twin))).filter((p) => p.endsWith(".pdf"));

/** Each word of a page with its box (points, origin top-left), as pdftotext -bbox reads it. */
function words(file: string, page: number): { text: string; yMin: number; yMax: number }[] {
  const html = execFileSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[3]!,
    yMin: Number(m[1]),
    yMax: Number(m[2]),
  }));
}

type Box = { yMin: number; yMax: number };

/** Where the legend's first word sits on a page (every line the legend is printed on). */
const legendLines = (file: string, page: number) => words(file, page).filter((w) => w.text === "PROVISIONALLY");

describe("sealing: only what differs goes under seal, with the legend", () => {
  it("puts in sealed/ exactly the exhibits with a redaction, with the plan's Bates numbers", () => {
    const [pub, sealed] = [manifest("public"), manifest("sealed")];
    const log = readFileSync(join(tree("public"), "redaction-log.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    const redacted = [...new Set(log.map((l) => l.split(",")[1]))].sort((a, b) => Number(a) - Number(b));
    expect(redacted.length).toBeGreaterThan(0);
    expect(sealed.exhibits.map((e) => e.label)).toEqual(redacted);
    expect(pub.exhibits.map((e) => e.label)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const byLabel = new Map(pub.exhibits.map((e) => [e.label, e]));
    for (const e of sealed.exhibits) expect(e.bates, e.label).toEqual(byLabel.get(e.label)!.bates);
    // Nothing is sealed only here: the public tree holds every exhibit itself, no slip sheet.
    expect(pub.exhibits.some((e) => e.filedUnderSeal)).toBe(false);
    // The sealed tree has no damages table (the same in both); it has its own index, certification and Schedule A.
    const appendices = Object.keys(hashTree(join(tree("sealed"), "appendices")));
    expect(appendices).not.toContain("damages.csv");
    expect(appendices).toEqual(expect.arrayContaining(["schedule-a.pdf", "exhibit-index.pdf", "certification.pdf"]));
  });

  it("prints the legend at the top of each sealed exhibit's first page, 12 pt below the top inch, and in every footer", () => {
    for (const e of manifest("sealed").exhibits) {
      const file = join(tree("sealed"), e.file.path);
      const first = legendLines(file, 1);
      expect(first, e.file.path).toHaveLength(2);
      const [top, foot] = [...first].sort((a, b) => a.yMin - b.yMin) as { yMin: number; yMax: number }[] as [Box, Box];
      expect(top.yMin, "below the top inch").toBeGreaterThanOrEqual(72);
      expect(top.yMax, "at the top of the page").toBeLessThan(72 + 30);
      expect(top.yMax - top.yMin, "12 pt").toBeGreaterThan(11);
      expect(top.yMax - top.yMin).toBeLessThan(15.5);
      expect(foot.yMin, "in the footer band").toBeGreaterThan(792 - 54);
      for (let page = 2; page <= e.pages; page++) {
        const lines = legendLines(file, page);
        expect(lines.length, `${e.file.path} page ${page}`).toBeGreaterThanOrEqual(1);
        expect(Math.max(...lines.map((l) => l.yMin)), `${e.file.path} page ${page}`).toBeGreaterThan(792 - 54);
      }
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
      expect(folded(text)).toContain(folded(LEGEND));
    }
    const schedule = words(join(tree("sealed"), "appendices/schedule-a.pdf"), 1).filter((w) => w.text === "PROVISIONALLY");
    expect(schedule).toHaveLength(1);
  });

  it("prints no legend anywhere in the public tree", () => {
    const files = pdfs("public");
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const p of files) {
      const text = execFileSync("pdftotext", [join(tree("public"), p), "-"], { encoding: "utf8" });
      expect(folded(text), p).not.toContain("provisionallyfiledundersealpursuant");
      expect(execFileSync("pdfinfo", [join(tree("public"), p)], { encoding: "utf8" }), p).not.toContain("PROVISIONALLY");
    }
  });

  it("verifies both trees", async () => {
    for (const twin of ["public", "sealed"]) {
      const r = await runVerify(tree(twin));
      expect(r.code, r.stdout).toBe(0);
    }
  });
});
