/**
 * True redaction of screenshots and photos: the pixels inside each region are overwritten with black in a
 * new lossless PNG (auto-oriented first, so regions are in displayed coordinates). Nothing of the original
 * pixels under a box survives, unlike an overlay drawn on top of the image.
 */
import { loadSharp } from "./sharp.js";
import type { PixelRegion } from "../model/redaction.js";
import { MAX_PIXELS } from "./limits.js";

export async function burnRegions(absPath: string, regions: readonly PixelRegion[]): Promise<Buffer> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(absPath, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (const r of regions) {
    const x0 = Math.max(0, Math.min(info.width, r.x));
    const y0 = Math.max(0, Math.min(info.height, r.y));
    const x1 = Math.max(0, Math.min(info.width, r.x + r.width));
    const y1 = Math.max(0, Math.min(info.height, r.y + r.height));
    for (let y = y0; y < y1; y++) data.fill(0, (y * info.width + x0) * 3, (y * info.width + x1) * 3);
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
