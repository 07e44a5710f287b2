/**
 * Words of a built PDF with their boxes (pdftotext -bbox), pages drawn as PNG (pdftoppm), and patch correlation:
 * how tests check that an invisible text layer lies over the pixels that show its words.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import sharp from "sharp";
import { tempDir } from "./cli.js";

export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}
const wordsOf = new Map<string, Word[]>();
/** Every word of a PDF with its box (pdftotext -bbox), read once per file. */
export function words(pdf: string): Word[] {
  if (!wordsOf.has(pdf)) wordsOf.set(pdf, readWords(pdf));
  return wordsOf.get(pdf)!;
}
function readWords(pdf: string): Word[] {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const result: Word[] = [];
  xml
    .split("<page ")
    .slice(1)
    .forEach((page, i) => {
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        result.push({
          page: i + 1,
          xMin: +m[1]!,
          yMin: +m[2]!,
          xMax: +m[3]!,
          yMax: +m[4]!,
          text: m[5]!.replace(/&apos;/g, "'").replace(/&amp;/g, "&"),
        });
      }
    });
  return result;
}

/** Greyscale thumbnail of a region, for comparing what two images show there. */
export async function patch(png: Buffer | string, box: { left: number; top: number; width: number; height: number }): Promise<Buffer> {
  const r = (n: number) => Math.max(0, Math.round(n));
  const cut = await sharp(png)
    .extract({ left: r(box.left), top: r(box.top), width: r(box.width), height: r(box.height) })
    .removeAlpha()
    .greyscale()
    .png()
    .toBuffer();
  return sharp(cut).resize(96, 12, { fit: "fill" }).blur(1).raw().toBuffer();
}
/** Pearson correlation of two equally sized greyscale patches: 1 = the same picture, about 0 = unrelated. */
export function correlation(a: Buffer, b: Buffer): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}

const pageImages = new Map<string, string>();
/** A page of a PDF as a PNG file at `dpi` (each page drawn once: several lines are looked for on the same page). */
export function pageImage(pdf: string, page: number, dpi: number): string {
  const key = `${pdf}\0${page}\0${dpi}`;
  if (!pageImages.has(key)) {
    const prefix = join(tempDir(), "page");
    execFileSync("pdftoppm", ["-r", String(dpi), "-f", String(page), "-l", String(page), "-png", "-singlefile", pdf, prefix]);
    pageImages.set(key, `${prefix}.png`);
  }
  return pageImages.get(key)!;
}
