/**
 * The OCR room's pure parts: tesseract's TSV read into words placed back on the page (scale and band offset undone),
 * bands cut on blank rows (or overlapping where there is none), and each word kept once when bands overlap.
 */
import { describe, expect, it } from "vitest";
import { mergeBands, planBands } from "../../src/ocr/bands.js";
import { toPgm } from "../../src/ocr/recognise.js";
import { parseTsv } from "../../src/ocr/tsv.js";
import { parsePgm } from "../../src/pdf/raster.js";
import type { GreyRaster } from "../../src/model/image.js";
import type { OcrWord } from "../../src/model/ocr.js";

const TSV = [
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
  "1\t1\t0\t0\t0\t0\t0\t0\t2560\t3000\t-1\t",
  "4\t1\t1\t1\t1\t0\t100\t200\t500\t40\t-1\t",
  "5\t1\t1\t1\t1\t1\t100\t200\t220\t40\t96.5\tQuilted",
  "5\t1\t1\t1\t1\t2\t340\t201\t260\t39\t12.25\tChainlink",
  "5\t1\t1\t1\t1\t3\t620\t200\t10\t40\t90\t ",
  "5\t1\t1\t1\t1\t4\t700\t200\t0\t40\t90\tzero-width",
].join("\n");

describe("TSV words", () => {
  it("reads level-5 rows only, undoes the upscaling and the band's offset, keeps confidence, drops empty words", () => {
    expect(parseTsv(TSV, { scale: 2, top: 1500 })).toEqual([
      { text: "Quilted", x: 50, y: 1600, width: 110, height: 20, confidence: 96.5 },
      { text: "Chainlink", x: 170, y: 1600.5, width: 130, height: 19.5, confidence: 12.25 },
    ]);
  });
});

/** A raster `height` rows tall, blank (white) but for dark rows at `inked`. */
function raster(height: number, inked: number[], width = 50): GreyRaster {
  const data = new Uint8Array(width * height).fill(255);
  for (const y of inked) data.fill(0, y * width, y * width + 10);
  return { width, height, data };
}

describe("bands", () => {
  it("cut on a blank row near each nominal boundary, with no overlap, and skip bands with no ink", () => {
    // Ink everywhere but rows 980–1010 (a gap between lines) and 2200–3000 (empty bottom).
    const inked = [...Array(2200).keys()].filter((y) => y < 980 || y > 1010);
    const bands = planBands(raster(3000, inked), 1000, 100, 50);
    expect(bands[0]).toEqual({ from: 0, to: 1000, ownFrom: 0, ownTo: 1000 });
    expect(bands[1]!.from).toBe(1000);
    // The last band would be blank (rows past 2200): left out.
    expect(bands.every((b) => b.from < 2200)).toBe(true);
  });

  it("overlap where no blank row is near, each keeping the words centred on its side", () => {
    const all = [...Array(2400).keys()];
    const [a, b] = planBands(raster(2400, all), 1000, 20, 60);
    expect(a).toEqual({ from: 0, to: 1060, ownFrom: 0, ownTo: 1000 });
    expect(b).toMatchObject({ from: 940, ownFrom: 1000 });
    const word = (y: number, text: string): OcrWord => ({ text, x: 0, y, width: 30, height: 20, confidence: 90 });
    // "edge" lies across the boundary (centre 1005): read by both bands, kept by the second only.
    const merged = mergeBands([
      { band: a!, words: [word(500, "top"), word(995, "edge")] },
      { band: b!, words: [word(995, "edge"), word(1500, "bottom")] },
    ]);
    expect(merged.map((w) => w.text)).toEqual(["top", "edge", "bottom"]);
  });
});

describe("PGM", () => {
  it("round-trips a grey raster (what tesseract reads, and what pdftoppm writes)", () => {
    const data = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
    expect(parsePgm(toPgm(4, 3, data))).toEqual({ width: 4, height: 3, data });
    expect(() => parsePgm(toPgm(4, 3, data).subarray(0, 20))).toThrow(/truncated/);
  });
});
