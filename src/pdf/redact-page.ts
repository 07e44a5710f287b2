/**
 * A carried-in PDF page with a target on it, as the public twin shows it: a raster of the page as displayed
 * (pdftoppm at REDACT_DPI, its crop box, /Rotate applied, annotations hidden as the exhibit's embedding hides
 * them) with each region's pixels overwritten with black, deflated without loss, and the page's own words that
 * no region hides, to be laid invisibly over it. Nothing of the page's content stream, fonts or annotations is
 * carried: what the raster does not show is gone. The sealed twin keeps the original page and outlines the same
 * regions (highlightPageOps).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { deflateSync } from "node:zlib";
import { covered } from "../leaks/word-hits.js";
import type { Box } from "../model/exhibit.js";
import type { PreparedImage } from "../model/image.js";
import type { PageRegion } from "../model/redaction.js";
import { num, rectClip } from "./operators.js";
import { POPPLER_SECONDS, PopplerError, popplerMissing, unrotatedBox, type PdfPageWords } from "./page-words.js";
import type { ImageText } from "./text-layer.js";
import { paeth } from "../util/paeth.js";

const run = promisify(execFile);

/** The resolution of a redacted page's raster: small print stays legible, and a court's reader sees no blur. */
export const REDACT_DPI = 200;
/** The largest raster drawn for one page (a 36 × 36 in page at 200 dpi is 51.8 million pixels). */
export const MAX_REDACT_PIXELS = 60_000_000;

export interface RedactedPdfPage {
  /** The page as shown (crop box, /Rotate applied). */
  image: PreparedImage;
  /**
   * The page's remaining words, in points on the page before /Rotate (from its crop box's top-left): drawn like the
   * page's own content, so each word runs the way its text runs on the raster.
   */
  text: ImageText;
  /** The page before /Rotate, in points (its crop box), and its /Rotate. */
  width: number;
  height: number;
  rotate: 0 | 90 | 180 | 270;
}

/** The page as displayed, RGB, one byte a sample (pdftoppm's binary PPM). */
async function rasterRgb(path: string, index: number, page: PdfPageWords, dpi: number) {
  const pixels = Math.ceil((page.width * dpi) / 72) * Math.ceil((page.height * dpi) / 72);
  if (pixels > MAX_REDACT_PIXELS) {
    const inches = `${(page.width / 72).toFixed(1)} × ${(page.height / 72).toFixed(1)} in`;
    throw new PopplerError(
      `page ${index + 1} is ${inches}: at ${dpi} dpi its raster would be ${pixels.toLocaleString("en-US")} pixels, over the ` +
        `${MAX_REDACT_PIXELS.toLocaleString("en-US")} pixel bound for a redacted page`,
    );
  }
  const n = String(index + 1);
  const args = ["-q", "-r", String(dpi), "-cropbox", "-hide-annotations", "-f", n, "-l", n, path];
  const options = { maxBuffer: pixels * 3 * 1.1 + 4096, timeout: POPPLER_SECONDS * 1000, killSignal: "SIGKILL" as const };
  let stdout: Buffer;
  try {
    stdout = (await run("pdftoppm", args, { ...options, encoding: "buffer" })).stdout;
  } catch (e) {
    const err = e as Error & { killed?: boolean; code?: unknown };
    if (err.code === "ENOENT") throw popplerMissing("pdftoppm");
    throw new PopplerError(err.killed ? `pdftoppm did not finish page ${n} within ${POPPLER_SECONDS} s` : `pdftoppm failed on page ${n}`);
  }
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(stdout.subarray(0, 64).toString("latin1"));
  if (!header) throw new PopplerError(`pdftoppm did not write an 8-bit PPM for page ${n}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = stdout.subarray(header[0].length, header[0].length + width * height * 3);
  if (data.length !== width * height * 3) throw new PopplerError(`pdftoppm's PPM of page ${n} is truncated`);
  return { width, height, data };
}

/** Each region's pixels set to black (points → pixels, outward: a region's edge pixel is burned whole). */
function burn(data: Buffer, width: number, height: number, regions: readonly PageRegion[], kx: number, ky: number): void {
  for (const r of regions) {
    const x0 = Math.max(0, Math.min(width, Math.floor(r.x * kx)));
    const x1 = Math.max(0, Math.min(width, Math.ceil((r.x + r.width) * kx)));
    const y0 = Math.max(0, Math.min(height, Math.floor(r.y * ky)));
    const y1 = Math.max(0, Math.min(height, Math.ceil((r.y + r.height) * ky)));
    for (let y = y0; y < y1; y++) data.fill(0, (y * width + x0) * 3, (y * width + x1) * 3);
  }
}

/**
 * Samples → PNG-predicted rows (each row's filter picked by the smallest sum of absolute values, as PNG encoders
 * do), deflated: lossless, and the same bytes for the same pixels.
 */
function predicted(samples: Uint8Array, rowBytes: number, rows: number, bpp: number): Buffer {
  const out = Buffer.alloc(rows * (rowBytes + 1));
  const trial = Array.from({ length: 5 }, () => Buffer.alloc(rowBytes));
  const zero = new Uint8Array(rowBytes);
  for (let y = 0; y < rows; y++) {
    const row = samples.subarray(y * rowBytes, (y + 1) * rowBytes);
    const up = y > 0 ? samples.subarray((y - 1) * rowBytes, y * rowBytes) : zero;
    let best = 0;
    let bestSum = Number.POSITIVE_INFINITY;
    for (let f = 0; f < 5; f++) {
      const t = trial[f]!;
      let sum = 0;
      for (let i = 0; i < rowBytes; i++) {
        const a = i >= bpp ? row[i - bpp]! : 0;
        const b = up[i]!;
        const c = i >= bpp ? up[i - bpp]! : 0;
        const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[i]! - pred) & 0xff;
        t[i] = v;
        sum += v < 128 ? v : 256 - v;
        if (sum >= bestSum) break;
      }
      if (sum < bestSum) {
        bestSum = sum;
        best = f;
      }
    }
    out[y * (rowBytes + 1)] = best;
    // Only a losing filter stops early (its sum reached the best): the winner's row is complete.
    trial[best]!.copy(out, y * (rowBytes + 1) + 1);
  }
  return deflateSync(out, { level: 6 });
}

/** The raster as an image XObject: grey when every pixel is grey (most documents), else RGB. */
function prepared(data: Buffer, width: number, height: number): PreparedImage {
  let grey = true;
  for (let i = 0; i < data.length && grey; i += 3) grey = data[i] === data[i + 1] && data[i] === data[i + 2];
  const colors = grey ? 1 : 3;
  let samples: Uint8Array = data;
  if (grey) {
    samples = new Uint8Array(width * height);
    for (let i = 0; i < samples.length; i++) samples[i] = data[i * 3]!;
  }
  return {
    width,
    height,
    bitsPerComponent: 8,
    filter: "FlateDecode",
    predictor: { colors, bitsPerComponent: 8, columns: width },
    data: predicted(samples, width * colors, height, colors),
    colorSpace: { type: grey ? "DeviceGray" : "DeviceRGB" },
    orientation: 1,
    method: "decoded",
  };
}

/**
 * Page `index` of the PDF at `path` with `regions` burned, and the words of `page` (its text layer, as read by
 * pdfPageWords) that no region hides.
 */
export async function redactPdfPage(
  path: string,
  index: number,
  page: PdfPageWords,
  regions: readonly PageRegion[],
  dpi = REDACT_DPI,
): Promise<RedactedPdfPage> {
  const { width, height, data } = await rasterRgb(path, index, page, dpi);
  const kx = width / page.width;
  const ky = height / page.height;
  burn(data, width, height, regions, kx, ky);
  const boxes = page.words.filter((w) => !covered(w, regions)).map((w) => unrotatedBox({ ...w, line: undefined }, page));
  const turned = page.rotate % 180 !== 0;
  return {
    image: prepared(data, width, height),
    text: { boxes: boxes.map(({ x, y, width, height, text }) => ({ x, y, width, height, text })), offsetY: 0 },
    width: turned ? page.height : page.width,
    height: turned ? page.width : page.height,
    rotate: page.rotate,
  };
}

/** Orange outlines over regions of a page drawn at `placement` (sealed twin), as over an image's redacted regions. */
export function highlightPageOps(regions: readonly PageRegion[], placement: Box, pageWidth: number): string {
  if (regions.length === 0) return "";
  const s = placement.width / pageWidth;
  const top = placement.y + placement.height;
  const rects = regions
    .map((r) => `${num(placement.x + r.x * s)} ${num(top - (r.y + r.height) * s)} ${num(r.width * s)} ${num(r.height * s)} re`)
    .join(" ");
  return ` q ${rectClip(placement.x, placement.y, placement.width, placement.height)} 1 0.55 0 RG 1.5 w ${rects} S Q`;
}
