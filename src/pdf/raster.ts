/**
 * Poppler for OCR of carried-in PDFs: which pages carry text of their own (pdftotext), and one page as a grey
 * raster (pdftoppm, the page's crop box, its /Rotate applied: the page as the exhibit shows it).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { GreyRaster } from "../model/image.js";

const run = promisify(execFile);
const MAX_OUTPUT = 512 * 1024 * 1024;

/** Whether pdftotext and pdftoppm are installed. */
export async function hasPoppler(): Promise<boolean> {
  try {
    await Promise.all([run("pdftotext", ["-v"]), run("pdftoppm", ["-v"])]);
    return true;
  } catch {
    return false;
  }
}

/** For each page, whether it has any text of its own (a scanned page has none). */
export async function pagesWithText(path: string, pages: number): Promise<boolean[]> {
  const { stdout } = await run("pdftotext", ["-q", "-enc", "UTF-8", path, "-"], { maxBuffer: MAX_OUTPUT, encoding: "utf8" });
  const texts = stdout.split("\f");
  return Array.from({ length: pages }, (_, i) => /\S/.test(texts[i] ?? ""));
}

/** Page `index` (0-based) at `dpi`, grey. */
export async function rasterPdfPage(path: string, index: number, dpi: number): Promise<GreyRaster> {
  const n = String(index + 1);
  const { stdout } = await run("pdftoppm", ["-q", "-gray", "-r", String(dpi), "-cropbox", "-f", n, "-l", n, path], {
    maxBuffer: MAX_OUTPUT,
    encoding: "buffer",
  });
  return parsePgm(stdout);
}

/** A binary PGM (P5, 8-bit) → raster. */
export function parsePgm(b: Buffer): GreyRaster {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.subarray(0, 64).toString("latin1"));
  if (!header || header[3] !== "255") throw new Error("pdftoppm did not write an 8-bit grey PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = b.subarray(header[0].length, header[0].length + width * height);
  if (data.length !== width * height) throw new Error("pdftoppm's PGM is truncated");
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Page `index` (0-based) at `dpi`, in colour, as PNG bytes (the review page shows exhibits' pages with it). */
export async function pngOfPdfPage(path: string, index: number, dpi: number): Promise<Buffer> {
  const n = String(index + 1);
  const { stdout } = await run("pdftoppm", ["-q", "-png", "-r", String(dpi), "-cropbox", "-f", n, "-l", n, path], {
    maxBuffer: MAX_OUTPUT,
    encoding: "buffer",
  });
  return stdout;
}
