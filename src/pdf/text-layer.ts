/**
 * Invisible text over a screenshot band: each word the page showed is written, in render mode 3, exactly
 * over the pixels where it appears (same left edge, same height, stretched to the same width), so a search
 * hit or a selection lands on the words a reader sees, with no OCR. Spaces are not drawn: readers and
 * pdftotext infer them from the gaps, as with OCR layers.
 */
import type { TextBox } from "../model/capture.js";
import type { Box } from "../model/exhibit.js";
import { GLYPH_ADVANCE, INVISIBLE_FONT_NAME, encodeInvisible } from "./invisible-font.js";
import { num } from "./operators.js";

const ASCENT = 0.8;

export interface ImageText {
  /** Boxes in the page's pixels; add offsetY for the exhibit image's pixels (a banner above the page). */
  boxes: readonly TextBox[];
  offsetY: number;
}

/**
 * Content-stream operators for the boxes whose vertical centre lies in the image rows shown on this page.
 * `placement` is where the whole image is drawn (PDF points), `displayWidth` its width in pixels; `encode` is
 * the document's invisible font's (invisibleFont().encode: characters beyond the BMP get codes of their own).
 */
export function invisibleTextOps(
  text: ImageText,
  placement: Box,
  displayWidth: number,
  rows?: { from: number; to: number },
  encode: (text: string) => { hex: string; count: number } = encodeInvisible,
): string {
  const s = placement.width / displayWidth;
  const top = placement.y + placement.height;
  const ops: string[] = [];
  for (const b of text.boxes) {
    const y = b.y + text.offsetY;
    const centre = y + b.height / 2;
    if (rows && (centre < rows.from || centre >= rows.to)) continue;
    const size = b.height * s;
    const baseline = top - y * s - ASCENT * size;
    const words = b.text.split(" ");
    // Each word over its own pixels when the capture kept word edges; otherwise the line stretched over its box.
    const pieces: [string, number, number][] =
      b.words && b.words.length === words.length * 2
        ? words.map((w, i) => [w, b.x + b.words![2 * i]!, b.words![2 * i + 1]! - b.words![2 * i]!])
        : [[b.text, b.x, b.width]];
    for (const [piece, x, width] of pieces) {
      const { hex, count } = encode(piece);
      if (count === 0 || width <= 0) continue;
      const natural = (count * GLYPH_ADVANCE * size) / 1000;
      const scale = (100 * width * s) / natural;
      ops.push(`${num(scale)} Tz ${num(size)} 0 0 ${num(size)} ${num(placement.x + x * s)} ${num(baseline)} Tm <${hex}> Tj`);
    }
  }
  if (ops.length === 0) return "";
  return ` BT 3 Tr /${INVISIBLE_FONT_NAME} 1 Tf ${ops.join(" ")} ET`;
}
