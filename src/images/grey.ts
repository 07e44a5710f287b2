/**
 * Grey rasters for OCR: an evidence image decoded to one grey byte per pixel, turned as it is displayed (EXIF
 * orientation 1–8 applied here, exactly as the exhibit page draws it, so word boxes lie over the drawn pixels),
 * transparency flattened onto white; and a band of one, scaled for recognition.
 */
import type { GreyRaster } from "../model/image.js";
import { MAX_PIXELS } from "./limits.js";
import { loadSharp } from "./sharp.js";

export async function greyRaster(input: string | Uint8Array, orientation: number): Promise<GreyRaster> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
    .flatten({ background: "#ffffff" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return orient({ width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) }, orientation);
}

/** The stored pixels as displayed under EXIF orientation `o` (1 = as stored). */
export function orient(r: GreyRaster, o: number): GreyRaster {
  if (o <= 1 || o > 8) return r;
  const { width: w, height: h, data } = r;
  const swap = o >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // The stored pixel (sx, sy) shown at display (x, y).
      let sx: number;
      let sy: number;
      switch (o) {
        case 2:
          [sx, sy] = [w - 1 - x, y];
          break; // mirrored
        case 3:
          [sx, sy] = [w - 1 - x, h - 1 - y];
          break; // turned 180°
        case 4:
          [sx, sy] = [x, h - 1 - y];
          break; // flipped
        case 5:
          [sx, sy] = [y, x];
          break; // transposed
        case 6:
          [sx, sy] = [y, h - 1 - x];
          break; // turned 90° clockwise to display
        case 7:
          [sx, sy] = [w - 1 - y, h - 1 - x];
          break; // transversed
        default:
          [sx, sy] = [w - 1 - y, x]; // 8: turned 90° counter-clockwise to display
      }
      out[y * W + x] = data[sy * w + sx]!;
    }
  }
  return { width: W, height: H, data: out };
}

/** Rows [from, to) of `r`, scaled by `scale` (Lanczos): what one tesseract process reads. */
export async function greyBand(r: GreyRaster, from: number, to: number, scale: number): Promise<GreyRaster> {
  const rows = r.data.subarray(from * r.width, to * r.width);
  if (scale === 1) return { width: r.width, height: to - from, data: rows };
  const sharp = await loadSharp();
  const width = Math.round(r.width * scale);
  const height = Math.round((to - from) * scale);
  const { data, info } = await sharp(rows, { raw: { width: r.width, height: to - from, channels: 1 } })
    .resize({ width, height, kernel: "lanczos3", fit: "fill" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
