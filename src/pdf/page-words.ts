/**
 * The words of a carried-in PDF's text layer with their boxes, page by page (poppler: `pdftotext -bbox-layout`
 * for the words and lines, `pdfinfo -box` for each page's boxes and /Rotate). Boxes are in PDF points from the
 * top-left corner of the page as the exhibit shows it: its crop box, /Rotate applied (the same page pdftoppm
 * -cropbox draws). Words are read over the whole media box, so text drawn outside the crop box (hidden on the
 * page, but still in its content stream) is found too; its boxes then lie outside the page.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { PageWord } from "../leaks/word-hits.js";
import { EnvironmentError } from "../util/errors.js";
import { decodeEntities } from "../util/html-entities.js";

const run = promisify(execFile);
/** Bounds of one poppler run: the text of a 5,000-page PDF fits, and a hostile file cannot hold the build. */
const MAX_OUTPUT = 256 * 1024 * 1024;
export const POPPLER_SECONDS = 120;
const OPTIONS = { maxBuffer: MAX_OUTPUT, timeout: POPPLER_SECONDS * 1000, killSignal: "SIGKILL" as const, encoding: "utf8" as const };

export interface PdfPageWords {
  /** The page as shown, in points (crop box, /Rotate applied). */
  width: number;
  height: number;
  rotate: 0 | 90 | 180 | 270;
  /** In reading order; `line` numbers the lines of the page. */
  words: PageWord[];
}

type Rect = [x0: number, y0: number, x1: number, y1: number];
export interface PageBoxes {
  media: Rect;
  crop: Rect;
  rotate: 0 | 90 | 180 | 270;
}

/** A poppler run that failed or ran out of time, named for the file's owner. */
export class PopplerError extends Error {}

/** Poppler is not installed: the machine's problem, not the file's. */
export function popplerMissing(tool: string): EnvironmentError {
  return new EnvironmentError(`${tool} is not installed: redacting a carried-in PDF's pages needs poppler (apt install poppler-utils)`);
}

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    return (await run(tool, args, OPTIONS)).stdout;
  } catch (e) {
    const err = e as Error & { killed?: boolean; code?: unknown };
    if (err.code === "ENOENT") throw popplerMissing(tool);
    if (err.killed) throw new PopplerError(`${tool} did not finish within ${POPPLER_SECONDS} s`);
    if (err.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") throw new PopplerError(`${tool} wrote over ${MAX_OUTPUT / 2 ** 20} MB`);
    throw new PopplerError(`${tool} failed: ${err.message.split("\n")[0]}`);
  }
}

/** Each page's media box, crop box and rotation (pdfinfo -box). */
export async function pageBoxes(path: string): Promise<PageBoxes[]> {
  const out = await poppler("pdfinfo", ["-f", "1", "-l", "1000000", "-box", path]);
  const pages: Partial<PageBoxes>[] = [];
  for (const m of out.matchAll(/^Page\s+(\d+)\s+(rot|MediaBox|CropBox):\s+(.*)$/gm)) {
    const page = (pages[Number(m[1]) - 1] ??= {});
    const values = m[3]!.trim().split(/\s+/).map(Number);
    if (m[2] === "rot") {
      const rot = (((values[0] ?? 0) % 360) + 360) % 360;
      if (rot % 90 !== 0) throw new PopplerError(`page ${m[1]} has a /Rotate of ${values[0]}, not a multiple of 90`);
      page.rotate = rot as PageBoxes["rotate"];
    } else if (values.length === 4 && values.every(Number.isFinite)) page[m[2] === "MediaBox" ? "media" : "crop"] = values as Rect;
  }
  return Array.from(pages, (p, i) => {
    if (!p?.media || !p.crop || p.rotate === undefined) throw new PopplerError(`pdfinfo gave no boxes for page ${i + 1}`);
    return p as PageBoxes;
  });
}

/** A point of the page's user space, seen on rectangle `r` rotated by `rot`: points from its displayed top-left. */
function shown(r: Rect, rot: number, x: number, y: number): [number, number] {
  if (rot === 90) return [y - r[1], x - r[0]];
  if (rot === 180) return [r[2] - x, y - r[1]];
  if (rot === 270) return [r[3] - y, r[2] - x];
  return [x - r[0], r[3] - y];
}

/** The inverse of shown(). */
function unshown(r: Rect, rot: number, X: number, Y: number): [number, number] {
  if (rot === 90) return [Y + r[0], X + r[1]];
  if (rot === 180) return [r[2] - X, Y + r[1]];
  if (rot === 270) return [r[2] - Y, r[3] - X];
  return [X + r[0], r[3] - Y];
}

/** A box pdftotext gave on the displayed media box → the same box on the displayed crop box. */
export function toCropBox(b: PageBoxes, x0: number, y0: number, x1: number, y1: number) {
  const corners = [
    [x0, y0],
    [x1, y1],
  ].map(([X, Y]) => shown(b.crop, b.rotate, ...unshown(b.media, b.rotate, X!, Y!)));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** A box on the page as shown → the same box on the page before /Rotate (points from the crop box's top-left). */
export function unrotatedBox<B extends { x: number; y: number; width: number; height: number }>(b: B, page: PdfPageWords): B {
  const { x, y, width: w, height: h } = b;
  if (page.rotate === 90) return { ...b, x: y, y: page.width - (x + w), width: h, height: w };
  if (page.rotate === 180) return { ...b, x: page.width - (x + w), y: page.height - (y + h) };
  if (page.rotate === 270) return { ...b, x: page.height - (y + h), y: x, width: h, height: w };
  return { ...b };
}

const ATTR = (name: string) => new RegExp(`${name}="(-?[\\d.]+)"`);
const num = (tag: string, name: string) => Number(ATTR(name).exec(tag)?.[1] ?? Number.NaN);

/** Every page's words: pdftotext over the media box, the boxes moved onto the crop box as shown. */
export async function pdfPageWords(path: string): Promise<PdfPageWords[]> {
  const [boxes, xhtml] = await Promise.all([pageBoxes(path), poppler("pdftotext", ["-q", "-enc", "UTF-8", "-bbox-layout", path, "-"])]);
  const pages = xhtml.split(/<page\b/).slice(1);
  if (pages.length !== boxes.length) throw new PopplerError(`pdftotext read ${pages.length} pages, pdfinfo ${boxes.length}`);
  return pages.map((page, i): PdfPageWords => {
    const b = boxes[i]!;
    const words: PageWord[] = [];
    let line = -1;
    for (const m of page.matchAll(/<line\b[^>]*>|<word\b([^>]*)>([^<]*)<\/word>/g)) {
      if (m[0].startsWith("<line")) {
        line += 1;
        continue;
      }
      const tag = m[1]!;
      const [x0, y0, x1, y1] = ["xMin", "yMin", "xMax", "yMax"].map((n) => num(tag, n));
      const text = decodeEntities(m[2]!);
      if (![x0, y0, x1, y1].every(Number.isFinite) || text.trim() === "") continue;
      words.push({ text, ...toCropBox(b, x0!, y0!, x1!, y1!), line });
    }
    const w = b.crop[2] - b.crop[0];
    const h = b.crop[3] - b.crop[1];
    return { width: b.rotate % 180 === 0 ? w : h, height: b.rotate % 180 === 0 ? h : w, rotate: b.rotate, words };
  });
}
