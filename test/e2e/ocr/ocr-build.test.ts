/**
 * OCR in a build, with the real tesseract: a screenshot split over pages, a photo stored sideways (EXIF orientation
 * 6) and a scanned PDF page gain a text layer whose words lie over the pixels that show them; builds that recognise
 * afresh are byte-identical; a rebuild with one changed screenshot recognises exactly that one; without tesseract,
 * `ocr: auto` builds with a warning and `ocr: required` stops with exit 5.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../../src/commands/check.js";
import { hashTree, runCli, tempDir } from "../../helpers/cli.js";
import { runBuild } from "../../helpers/commands.js";
import { OCR_CASE_ID, SCREENSHOT_LINES, screenshotPng, writeOcrCase } from "../../helpers/ocr-case.js";
import { words } from "../../helpers/pdf-words.js";

/** No words store shared with other builds: every build here recognises for itself. */
const OWN = { EXHIBITS_OCR_CACHE: "" };
let caseDir: string;
let out: string;

const exhibit = (root: string, n: number) => {
  const dir = join(root, OCR_CASE_ID, "exhibits");
  return join(dir, readdirSync(dir).sort()[n - 1]!);
};
/** The text of each page of a PDF, joined by spaces. */
const pageTexts = (pdf: string) => {
  const pages = new Map<number, string[]>();
  for (const w of words(pdf)) pages.set(w.page, [...(pages.get(w.page) ?? []), w.text]);
  return pages;
};
const textOf = (pdf: string) => [...pageTexts(pdf).values()].map((p) => p.join(" ")).join("\n");

beforeAll(async () => {
  caseDir = join(tempDir(), "case");
  mkdirSync(caseDir);
  await writeOcrCase(caseDir);
  out = join(tempDir(), "out");
  const r = await runBuild({ caseDir, out, quiet: true, env: OWN, cache: join(tempDir(), "cache") });
  expect(r.code, r.stderr).toBe(0);
  expect(r.result!.cache.ocr).toEqual({ hits: 0, misses: 3 });
}, 240_000);

describe("OCR text layers", () => {
  it("a screenshot split over pages: every line's words are found, once, on the page that shows them", () => {
    const pages = pageTexts(exhibit(out, 1));
    const all = textOf(exhibit(out, 1));
    pages.delete(1); // the cover sheet (it names the defendant too)
    for (const [, , line] of SCREENSHOT_LINES) {
      const found = [...pages.entries()].filter(([, ws]) => ws.join(" ").includes(line));
      expect(found.length, `"${line}" on exactly one page`).toBe(line === "Lantern Harbor Store" ? 2 : 1); // also in "Sold by …"
    }
    // The listing's title, price and seller name, each once (a band edge does not repeat a line).
    expect(all.split("Quilted Chainlink Shoulder Bag").length - 1).toBe(1);
    expect(all.split("$64.37").length - 1).toBe(1);
    // Lines at 120–380 px are on the first image page, 1700 and 2600 px on the second (the page stamps say which rows).
    const pageOf = (line: string) => [...pages.entries()].find(([, ws]) => ws.join(" ").includes(line))![0];
    expect(pageOf("Ships from Ningbo warehouse")).toBe(pageOf("Sold by Lantern Harbor Store"));
    expect(pageOf("Price: $64.37")).toBeLessThan(pageOf("Sold by Lantern Harbor Store"));
  });

  it("a photo stored sideways (EXIF orientation 6): the label's text reads upright", () => {
    const text = textOf(exhibit(out, 2));
    for (const line of ["SHIP TO: ODALYS PRENTICE", "4418 W FAIRMOUNT AVE", "CHICAGO IL 60639"]) expect(text).toContain(line);
  });

  it("a scanned (image-only) PDF page gains a layer over its own page", () => {
    const pages = pageTexts(exhibit(out, 3));
    const scanned = [...pages.values()].map((ws) => ws.join(" ")).find((t) => t.includes("Order OCR-4471"));
    expect(scanned).toBeDefined();
    expect(scanned).toContain("Total $64.37");
    expect(scanned).toContain("source page 1");
  });

  it("the manifest and each cover say which pages carry OCR text, by which engine", () => {
    const manifest = JSON.parse(readFileSync(join(out, OCR_CASE_ID, "manifest.json"), "utf8"));
    const ocr = manifest.exhibits.map((e: { ocr?: unknown }) => e.ocr);
    const engine = expect.stringMatching(/^tesseract 5\./);
    expect(ocr).toEqual([
      { engine, languages: ["eng"], pages: [2, 3] },
      { engine, languages: ["eng"], pages: [2] },
      { engine, languages: ["eng"], pages: [2] },
    ]);
    const cover = [...pageTexts(exhibit(out, 1)).get(1)!].join(" ");
    expect(cover).toMatch(
      /Pages 2–3 carry an invisible OCR text layer \(tesseract 5\.\d+\.\d+, eng\): searchable, may misread, not evidence/,
    );
  });

  it("builds that recognise afresh are byte-identical (tesseract's settings pinned, one thread)", async () => {
    const again = join(tempDir(), "out");
    const r = await runBuild({ caseDir, out: again, quiet: true, env: OWN, cache: false });
    expect(r.code, r.stderr).toBe(0);
    expect(hashTree(join(again, OCR_CASE_ID))).toEqual(hashTree(join(out, OCR_CASE_ID)));
  }, 240_000);

  it("a rebuild with one changed screenshot recognises exactly that one image", async () => {
    const cache = join(tempDir(), "cache");
    const first = join(tempDir(), "out");
    expect((await runBuild({ caseDir: caseDir, out: first, quiet: true, env: OWN, cache })).code).toBe(0);
    const lines = SCREENSHOT_LINES.map(([y, s, t]): [number, number, string] => [y, s, t.replace("$64.37", "$71.05")]);
    writeFileSync(join(caseDir, "evidence/shop/01-listing.png"), await screenshotPng(lines));
    try {
      const r = await runBuild({ caseDir, out: first, quiet: true, env: OWN, cache });
      expect(r.code, r.stderr).toBe(0);
      expect(r.result!.cache.ocr).toEqual({ hits: 2, misses: 1 });
      expect(textOf(exhibit(first, 1))).toContain("Price: $71.05");
    } finally {
      writeFileSync(join(caseDir, "evidence/shop/01-listing.png"), await screenshotPng());
    }
  }, 240_000);
});

describe("exhibits ocr", () => {
  it("recognises ahead of a build into the build's cache; the build then recognises nothing", async () => {
    const root = tempDir();
    const env = { ...process.env, ...OWN };
    const first = runCli(["ocr", caseDir, "--out", join(root, "out")], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^OCR tesseract 5\.\d+\.\d+ \(eng\): 3 page\(s\) recognised, 0 already kept\n$/);
    const r = await runBuild({ caseDir, out: join(root, "out"), quiet: true, env: OWN });
    expect(r.code, r.stderr).toBe(0);
    expect(r.result!.cache.ocr).toEqual({ hits: 3, misses: 0 });
  }, 240_000);
});

describe("without tesseract", () => {
  const noTesseract = { ...OWN, PATH: join(tempDir(), "empty-bin") };
  it("ocr: auto builds, warning that image pages get no text layer", async () => {
    const r = await runBuild({ caseDir, out: join(tempDir(), "out"), env: noTesseract, cache: false });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning \(ocr\): tesseract is not installed: image pages get no OCR text layer \(install it with/);
  }, 240_000);

  it("check warns (auto) that image pages would get no text layer, and says OCR is ready where tesseract is", async () => {
    const without = await check({ cwd: caseDir, caseDir: ".", env: noTesseract });
    expect(without.report.general).toContainEqual(expect.objectContaining({ check: "ocr", level: "warning" }));
    const ready = await check({ cwd: caseDir, caseDir: "." });
    expect(ready.report.general).toContainEqual({ check: "ocr", level: "ok", message: expect.stringMatching(/^OCR ready: tesseract 5/) });
  });

  it("ocr: required stops the build with exit 5, naming what to install", async () => {
    const yaml = readFileSync(join(caseDir, "case.yaml"), "utf8");
    writeFileSync(join(caseDir, "case.yaml"), `${yaml}ocr: required\n`);
    try {
      const r = await runBuild({ caseDir, out: join(tempDir(), "out"), env: noTesseract, cache: false });
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/ocr: required.*tesseract is not installed.*apt-get install tesseract-ocr/s);
    } finally {
      writeFileSync(join(caseDir, "case.yaml"), yaml);
    }
  }, 240_000);
});
