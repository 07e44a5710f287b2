/**
 * Perceptual hashes of evidence images, for consistency (stage 5): a difference hash (dHash) finds the same scene in
 * two files after re-encoding, scaling, a mild crop or a colour shift, which a SHA-256 cannot.
 *
 * 64 bits (a 9 × 8 grey grid, one bit per horizontal neighbour pair), not 256 (17 × 16): measured on the fixture's
 * images, a 5 % crop moves a 64-bit hash of a photo by at most 8 bits (12 %) but a 256-bit one by up to 54 (21 %),
 * because a finer grid's cells shift further under a crop; the planted pair lies 2 of 64 bits apart, the nearest two
 * different fixture photos 21. The coarse grid keeps the layout of a scene, which is what a recycled photo keeps.
 * What it cannot do is tell apart two pages drawn from one template (two marketplace listings), whose layouts agree
 * at this size: consistency compares photos only (see consistency/duplicates.ts).
 *
 * The image is hashed as it is displayed (EXIF orientation applied), transparency flattened onto white.
 */
import { MAX_PIXELS } from "./limits.js";
import { loadSharp } from "./sharp.js";

/** Bits in a hash: 8 rows × 8 neighbour pairs. */
export const DHASH_BITS = 64;
const COLS = 9;
const ROWS = 8;

/** What a hash depends on besides the image's bytes, for a cache key: change it when the recipe changes. */
export const DHASH_RECIPE = "dhash-64 v1: auto-orient, flatten white, grey, cubic 9x8 fill, bit = left < right";

/**
 * The dHash of an image file (path) or its bytes, as 16 lower-case hex digits (bit 63 first: row 0, pair 0).
 * Throws when sharp cannot decode the image; the caller names the file.
 */
export async function dHash(input: string | Uint8Array): Promise<string> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
    .rotate() // EXIF orientation, as the exhibit page shows the image
    .flatten({ background: "#ffffff" })
    .greyscale()
    .resize(COLS, ROWS, { fit: "fill", kernel: "cubic" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== COLS || info.height !== ROWS || info.channels !== 1)
    throw new Error(`expected a ${COLS} × ${ROWS} grey grid, got ${info.width} × ${info.height} × ${info.channels}`);
  return hashOfGrid(data);
}

/** The hash of a 9 × 8 grey grid (row-major): bit set where a pixel is darker than its right neighbour. */
export function hashOfGrid(grid: Uint8Array): string {
  if (grid.length !== COLS * ROWS) throw new Error(`a dHash grid has ${COLS * ROWS} pixels, not ${grid.length}`);
  let hex = "";
  for (let y = 0; y < ROWS; y++) {
    let byte = 0;
    for (let x = 0; x < COLS - 1; x++) byte = (byte << 1) | (grid[y * COLS + x]! < grid[y * COLS + x + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, "0");
  }
  return hex;
}

const HEX = /^[0-9a-f]+$/;

/** A hash as 32-bit words, for many comparisons (hex of any length divisible by 8: a 64- or a 256-bit hash). */
export function hashWords(hash: string): Uint32Array {
  if (hash.length === 0 || hash.length % 8 !== 0 || !HEX.test(hash)) throw new Error(`not a perceptual hash: '${hash}'`);
  const words = new Uint32Array(hash.length / 8);
  for (let i = 0; i < words.length; i++) words[i] = Number.parseInt(hash.slice(i * 8, i * 8 + 8), 16);
  return words;
}

/** Bits set in a 32-bit word. */
function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Hamming distance of two hashes as words (same length). */
export function wordsDistance(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error(`hashes of ${a.length * 32} and ${b.length * 32} bits cannot be compared`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d += popcount((a[i]! ^ b[i]!) >>> 0);
  return d;
}

/** Hamming distance of two hex hashes: the number of bits in which they differ. */
export function hammingDistance(a: string, b: string): number {
  return wordsDistance(hashWords(a), hashWords(b));
}
