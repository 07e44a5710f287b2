/**
 * The bounds an evidence image is held to (README "Bounds"), checked from its header before any pixel is decoded:
 * decoding is where a hostile image costs (a decompression bomb claims gigapixels in a few kilobytes).
 */

/** An image over one of the bounds: not damaged, but more than the tool agrees to decode or carry. */
export class ImageBoundError extends Error {}

/** Decompression-bomb guard: the largest image (in pixels) we agree to decode. 1280 × 100,000 px fits. */
export const MAX_PIXELS = 200_000_000;
/** The longest side, in pixels (a full-page capture is cut at 60,000 px by default). */
export const MAX_SIDE = 150_000;
/** The most one side may be longer than the other: a 1 × 2,000,000 px strip shows nothing a court can read. */
export const MAX_ASPECT = 1000;
/** Bytes of text chunks (tEXt, zTXt, iTXt) in one PNG, as stored and as decompressed. */
export const MAX_PNG_TEXT_BYTES = 1024 * 1024;
/** Bytes of a PNG's ancillary chunks together (text, ICC profile, EXIF, private chunks): metadata, not picture. */
export const MAX_PNG_ANCILLARY_BYTES = 8 * 1024 * 1024;
/** Bytes of a JPEG's metadata segments together (APPn, COM). */
export const MAX_JPEG_METADATA_BYTES = 8 * 1024 * 1024;

/** Why an image of these dimensions is refused before it is decoded, or undefined when it is within the bounds. */
export function dimensionProblem(width: number, height: number): string | undefined {
  const size = `${width.toLocaleString("en-US")} × ${height.toLocaleString("en-US")} px`;
  if (width * height > MAX_PIXELS) return `image is ${size}, over the ${MAX_PIXELS.toLocaleString("en-US")} pixel bound`;
  if (Math.max(width, height) > MAX_SIDE) return `image is ${size}, a side over the ${MAX_SIDE.toLocaleString("en-US")} px bound`;
  if (Math.max(width, height) > MAX_ASPECT * Math.min(width, height))
    return `image is ${size}: one side is over ${MAX_ASPECT} times the other (the bound for an image a page can show)`;
  return undefined;
}
