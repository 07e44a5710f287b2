/**
 * Tesseract's TSV output → words with boxes. Columns: level page_num block_num par_num line_num word_num left top
 * width height conf text; level 5 rows are words. Boxes are scaled back from the recognised raster to the page's
 * pixels (divided by `scale`, moved down by `top`), kept to hundredths of a pixel so the layer is the same on every
 * machine.
 */
import type { OcrWord } from "../model/ocr.js";

const round = (n: number) => Math.round(n * 100) / 100;

export function parseTsv(tsv: string, place: { scale: number; top: number; left?: number }): OcrWord[] {
  const words: OcrWord[] = [];
  const lines = tsv.split("\n");
  for (const line of lines.slice(1)) {
    const cols = line.split("\t");
    if (cols.length < 12 || cols[0] !== "5") continue;
    const text = cols.slice(11).join("\t").replace(/\r$/, "").trim();
    if (!text) continue;
    const [left, top, width, height] = cols.slice(6, 10).map(Number) as [number, number, number, number];
    const conf = Number(cols[10]);
    if (![left, top, width, height, conf].every(Number.isFinite) || width <= 0 || height <= 0) continue;
    words.push({
      text,
      x: round(left / place.scale + (place.left ?? 0)),
      y: round(top / place.scale + place.top),
      width: round(width / place.scale),
      height: round(height / place.scale),
      confidence: round(Math.max(0, Math.min(100, conf))),
    });
  }
  return words;
}
