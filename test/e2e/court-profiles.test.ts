/**
 * Court profiles end to end, measured on the filed papers as a clerk's reader would see them (`pdftotext -bbox`): for
 * each shipped profile (nd-ill: the fixture as it is; sdny and federal: the same case with `court:` set), every page of
 * every appendix of both trees is US Letter or its landscape, every word but the page number sits inside 1-inch
 * margins, the body is 12-point and nothing is set below 10 points, and every page is numbered "Page n of N" at the
 * bottom centre. Legal text keeps its case: no "S.P.A.", no "§ 1117(C)".
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyFixture, runCliAsync, tempDir } from "../helpers/cli.js";
import { appendixPdfs } from "../helpers/test-files.js";
import { sharedBuild } from "../helpers/shared-builds.js";

/** Chromium's text boxes are 1.107 × the font size tall (Liberation Serif, Sans and Mono alike). */
const BOX_PER_PT = 1.107;
const INCH = 72;

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

function pagesOf(pdf: string): Page[] {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  return xml
    .split("<page ")
    .slice(1)
    .map((chunk) => {
      const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
      const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! }),
      );
      return { width: Number(w), height: Number(h), words };
    });
}

/** The page-number line: the words below the bottom margin. */
const footer = (p: Page) => p.words.filter((w) => w.y0 > p.height - INCH);

function measure(pdf: string): string[] {
  const problems: string[] = [];
  const pages = pagesOf(pdf);
  const heights = new Map<number, number>();
  pages.forEach((p, i) => {
    const where = `${pdf.split("/").slice(-3).join("/")} p.${i + 1}`;
    const letter = (p.width === 612 && p.height === 792) || (p.width === 792 && p.height === 612);
    if (!letter) problems.push(`${where}: page ${p.width} × ${p.height} pt is not US Letter`);
    const number = footer(p)
      .map((w) => w.text)
      .join(" ");
    if (number !== `Page ${i + 1} of ${pages.length}`) problems.push(`${where}: page number "${number}"`);
    for (const w of footer(p)) {
      const centre = (w.x0 + w.x1) / 2;
      if (Math.abs(centre - p.width / 2) > 40) problems.push(`${where}: page number not centred (${centre.toFixed(0)})`);
    }
    for (const w of p.words.filter((x) => !footer(p).includes(x))) {
      // A glyph's box may overhang its advance by a point at a justified line's end.
      if (w.x0 < INCH - 1.5 || w.x1 > p.width - INCH + 1.5 || w.y0 < INCH - 1.5)
        problems.push(`${where}: "${w.text}" at (${w.x0.toFixed(1)}, ${w.y0.toFixed(1)})–(${w.x1.toFixed(1)}) is in the margin`);
      const pt = Math.round(((w.y1 - w.y0) / BOX_PER_PT) * 2) / 2;
      if (pt < 10) problems.push(`${where}: "${w.text}" is set in ${pt} pt`);
      heights.set(pt, (heights.get(pt) ?? 0) + w.text.length);
    }
  });
  // The body: the size most of the paper's letters are set in.
  const body = [...heights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  if (body < 11) problems.push(`${pdf}: most text is set in ${body} pt`);
  return problems;
}

/** Prose papers (declaration, certification, notice): their body is 12 pt exactly as the local rules ask. */
const PROSE = /(declaration|certification|notice-of-intent)\.pdf$/;

function bodyPt(pdf: string): number {
  const counts = new Map<number, number>();
  for (const p of pagesOf(pdf))
    for (const w of p.words.filter((x) => !footer(p).includes(x))) {
      const pt = Math.round(((w.y1 - w.y0) / BOX_PER_PT) * 2) / 2;
      counts.set(pt, (counts.get(pt) ?? 0) + w.text.length);
    }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

const builds: Record<string, string> = {};

beforeAll(async () => {
  builds["nd-ill"] = sharedBuild("valentino-v-kaitlyn-pan").bundleDir;
  const cache = join(tempDir(), "cache");
  for (const court of ["sdny", "federal"]) {
    const caseDir = copyFixture();
    const yaml = readFileSync(join(caseDir, "case.yaml"), "utf8");
    writeFileSync(join(caseDir, "case.yaml"), yaml.replace(/^id: (.*)$/m, `id: $1\ncourt: ${court}`));
    const out = join(tempDir(), "out");
    const r = await runCliAsync(["build", caseDir, "--out", out, "--cache", cache, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    builds[court] = r.stdout.trim();
  }
}, 900_000);

describe.each(["nd-ill", "sdny", "federal"])("the %s profile", (court) => {
  it("lays out every appendix page on Letter inside 1-inch margins, numbered at the bottom centre, nothing under 10 pt", () => {
    const pdfs = appendixPdfs(builds[court]!);
    expect(pdfs.length).toBeGreaterThanOrEqual(8);
    expect(pdfs.flatMap(measure)).toEqual([]);
  });

  it("sets the body of the declaration, certification and notice in 12-point type", () => {
    const prose = appendixPdfs(builds[court]!).filter((f) => PROSE.test(f));
    expect(prose.length).toBeGreaterThanOrEqual(2);
    for (const pdf of prose) expect(bodyPt(pdf), pdf).toBeGreaterThanOrEqual(12);
  });

  it("keeps the case of legal text: no S.P.A., no § 1117(C), no subsection letter set in capitals", () => {
    for (const pdf of appendixPdfs(builds[court]!)) {
      const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
      expect(text, pdf).not.toMatch(/S\.P\.A\./);
      expect(text, pdf).not.toMatch(/§ ?1117\([A-Z]\)/);
      expect(text, pdf).not.toMatch(/\d\((?:A|B|C)\)/);
      // Every filed paper's caption names the plaintiff as it is written (the evidence map is not filed: no caption).
      if (!pdf.endsWith("evidence-map.pdf")) expect(text, pdf).toMatch(/S\.p\.A\./);
    }
  });
});
