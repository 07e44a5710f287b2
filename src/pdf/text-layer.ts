/**
 * Invisible text over a screenshot band: each line of text the page showed is written, in render mode 3,
 * exactly over the pixels where it appears (same left edge, same height, stretched to the same width), so
 * a search hit or a selection lands on the words a reader sees, with no OCR.
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
 * `placement` is where the whole image is drawn (PDF points), `displayWidth` its width in pixels.
 */
export function invisibleTextOps(text: ImageText, placement: Box, displayWidth: number, rows?: { from: number; to: number }): string {
  const s = placement.width / displayWidth;
  const top = placement.y + placement.height;
  const ops: string[] = [];
  for (const b of text.boxes) {
    const y = b.y + text.offsetY;
    const centre = y + b.height / 2;
    if (rows && (centre < rows.from || centre >= rows.to)) continue;
    const { hex, count } = encodeInvisible(b.text);
    if (count === 0) continue;
    const size = b.height * s;
    const natural = (count * GLYPH_ADVANCE * size) / 1000;
    const scale = (100 * b.width * s) / natural;
    const baseline = top - y * s - ASCENT * size;
    ops.push(`${num(scale)} Tz ${num(size)} 0 0 ${num(size)} ${num(placement.x + b.x * s)} ${num(baseline)} Tm <${hex}> Tj`);
  }
  if (ops.length === 0) return "";
  return ` BT 3 Tr /${INVISIBLE_FONT_NAME} 1 Tf ${ops.join(" ")} ET`;
}
