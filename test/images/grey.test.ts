/**
 * Grey rasters for OCR are turned as the page shows the image: for every EXIF orientation 1–8, the raster equals
 * what sharp's own EXIF auto-orientation gives, so OCR boxes lie over the pixels the exhibit page draws.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { greyBand, greyRaster } from "../../src/images/grey.js";

const W = 40;
const H = 30;
/** Blocks of distinct greys, so any turn or mirror shows. */
const raw = Buffer.alloc(W * H);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) raw[y * W + x] = Math.floor(x / 10) * 60 + Math.floor(y / 10) * 20;

describe("grey rasters", () => {
  for (let o = 1; o <= 8; o++) {
    it(`EXIF orientation ${o} is applied as sharp applies it`, async () => {
      const jpeg = await sharp(raw, { raw: { width: W, height: H, channels: 1 } })
        .jpeg({ quality: 100 })
        .withMetadata({ orientation: o })
        .toBuffer();
      const mine = await greyRaster(jpeg, o);
      const { data, info } = await sharp(jpeg).rotate().toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
      expect([mine.width, mine.height]).toEqual([info.width, info.height]);
      expect(Buffer.from(mine.data).equals(data)).toBe(true);
    });
  }

  it("a band is cut and scaled: rows [from, to) at twice the size", async () => {
    const r = await greyRaster(
      await sharp(raw, { raw: { width: W, height: H, channels: 1 } })
        .png()
        .toBuffer(),
      1,
    );
    const band = await greyBand(r, 10, 20, 2);
    expect([band.width, band.height]).toEqual([80, 20]);
    expect(band.data.length).toBe(80 * 20);
    expect(await greyBand(r, 10, 20, 1)).toEqual({ width: W, height: 10, data: r.data.subarray(10 * W, 20 * W) });
  });
});
