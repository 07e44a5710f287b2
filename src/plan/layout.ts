/**
 * Page geometry, in PDF points (1/72 in). US Letter; the top inch stays empty for the court's CM/ECF header
 * stamp, the bottom band carries the exhibit label, provenance footer and Bates number.
 */
import type { Box, Size } from "../model/exhibit.js";

export const LETTER: Size = [612, 792];
export const LETTER_LANDSCAPE: Size = [792, 612];

export const MARGIN = { top: 72, bottom: 54, side: 36 } as const;

/** Largest scale for images: 0.75 pt per pixel, i.e. one CSS pixel at 96 dpi. Images are never blown up past it. */
export const MAX_IMAGE_SCALE = 0.75;

export function contentBox(size: Size): Box {
  return {
    x: MARGIN.side,
    y: MARGIN.bottom,
    width: size[0] - 2 * MARGIN.side,
    height: size[1] - MARGIN.top - MARGIN.bottom,
  };
}
