/**
 * Screenshots and photos go into the exhibit PDFs losslessly: the images extracted from the PDF with
 * pdfimages (poppler-utils) are pixel-identical to the source files (a tall screenshot split over pages is
 * one image shown in bands, so it comes out whole), and JPEG photos come out byte-identical.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { runBuild } from "../helpers/commands.js";

let caseDir: string;
let exhibitsDir: string;
const sources: Record<string, Buffer> = {};

/** A page-like image with noise, so that a lossy path could not reproduce it by chance. */
function noisy(width: number, height: number, channels: 3 | 4, seed: number): Buffer {
  const raw = Buffer.alloc(width * height * channels);
  let s = seed;
  for (let i = 0; i < raw.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const y = Math.floor(i / channels / width);
    raw[i] = (y % 40 < 20 ? 230 : 40) ^ (s >>> 27);
  }
  return raw;
}

beforeAll(async () => {
  caseDir = join(tempDir(), "case");
  mkdirSync(join(caseDir, "evidence", "s1"), { recursive: true });
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: lossless\ncaption: {court: Test Court, caseNumber: "1:26-cv-9", plaintiffs: [P], defendants: D, shortTitle: P v. ` +
      `D}\ntimeZone: UTC\nbates: {prefix: L}\ndefendants:\n  - {id: s1, name: Seller One}\n`,
  );
  sources["01-tall.png"] = await sharp(noisy(1280, 9000, 3, 7), { raw: { width: 1280, height: 9000, channels: 3 } })
    .png()
    .toBuffer();
  sources["02-alpha.png"] = await sharp(noisy(800, 600, 4, 11), { raw: { width: 800, height: 600, channels: 4 } })
    .png()
    .toBuffer();
  sources["03-photo.jpg"] = await sharp(noisy(1200, 900, 3, 13), { raw: { width: 1200, height: 900, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
  for (const [name, data] of Object.entries(sources)) writeFileSync(join(caseDir, "evidence", "s1", name), data);
  const out = join(tempDir(), "out");
  const r = await runBuild({ caseDir, out, quiet: true });
  expect(r.code, r.stderr).toBe(0);
  exhibitsDir = join(out, "lossless", "exhibits");
}, 240_000);

const pdfOf = (n: number) => join(exhibitsDir, readdirSync(exhibitsDir).sort()[n - 1]!);

/** Extract with pdfimages; the first image drawn on page 2 (page 1 is the cover sheet). */
function extract(pdf: string, args: string[]): string[] {
  const dir = tempDir();
  execFileSync("pdfimages", [...args, "-f", "2", pdf, join(dir, "img")]);
  return readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
}

const rawPixels = async (img: Buffer | string) => sharp(img).raw().toBuffer({ resolveWithObject: true });

describe("lossless embedding (pdfimages)", () => {
  it("a 9,000 px screenshot split over pages comes out whole and pixel-identical", async () => {
    const listed = execFileSync("pdfimages", ["-list", pdfOf(1)], { encoding: "utf8" });
    const pages = listed
      .trim()
      .split("\n")
      .slice(2)
      .filter((l) => /\bimage\b/.test(l));
    expect(pages.length).toBeGreaterThan(2); // drawn on every band page…
    // …always the whole image
    expect(new Set(pages.map((l) => l.trim().split(/\s+/).slice(3, 5).join("x")))).toEqual(new Set(["1280x9000"]));
    const [first] = extract(pdfOf(1), ["-png", "-l", "2"]);
    const a = await rawPixels(first!);
    const b = await rawPixels(sources["01-tall.png"]!);
    expect([a.info.width, a.info.height, a.info.channels]).toEqual([b.info.width, b.info.height, b.info.channels]);
    expect(a.data.equals(b.data)).toBe(true);
  });

  it("an RGBA screenshot keeps its colour and its alpha (as a soft mask), pixel for pixel", async () => {
    const files = extract(pdfOf(2), ["-png", "-l", "2"]);
    expect(files.length).toBe(2); // the colour image and its soft mask
    const src = await sharp(sources["02-alpha.png"]!).raw().toBuffer();
    const rgb = await sharp(files[0]!).removeAlpha().raw().toBuffer();
    const alpha = await sharp(files[1]!).extractChannel(0).raw().toBuffer();
    for (let i = 0, p = 0; p < 800 * 600; p++, i += 4) {
      if (rgb[p * 3] !== src[i] || rgb[p * 3 + 1] !== src[i + 1] || rgb[p * 3 + 2] !== src[i + 2] || alpha[p] !== src[i + 3])
        throw new Error(`pixel ${p} differs`);
    }
  });

  it("a JPEG photo comes out byte-identical (no re-compression)", () => {
    const [jpeg] = extract(pdfOf(3), ["-j", "-l", "2"]);
    expect(jpeg!.endsWith(".jpg")).toBe(true);
    expect(readFileSync(jpeg!).equals(sources["03-photo.jpg"]!)).toBe(true);
  });
});
