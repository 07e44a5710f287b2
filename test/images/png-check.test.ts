/**
 * The pass-through check of a PNG's image data (streamed inflate, checked piece by piece): CRC-valid files
 * whose compressed data is wrong in ways only an inflate can see are refused with the reason.
 */
import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { probeImage } from "../../src/images/index.js";

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An RGB PNG of width × height whose IDAT is `raw` (filter bytes included) deflated as given. */
function png(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Rows of varied pixels, each with filter type 1 (Sub), so the data spans many 1 MiB inflate pieces. */
function rows(width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 1;
    for (let x = 1; x < stride; x++) raw[y * stride + x] = (x * 7 + y * 13) & 0xff;
  }
  return raw;
}

describe("PNG data check", () => {
  const [w, h] = [1280, 2000]; // 7.7 MB inflated: eight pieces
  const good = rows(w, h);

  it("accepts well-formed data and reports the size", async () => {
    await expect(probeImage(png(w, h, deflateSync(good)), "png")).resolves.toMatchObject({ width: w, height: h });
  });

  it("refuses an invalid filter byte deep in the image, naming the row", async () => {
    const bad = Buffer.from(good);
    bad[1733 * (w * 3 + 1)] = 9;
    await expect(probeImage(png(w, h, deflateSync(bad)), "png")).rejects.toThrow("row 1733 has an invalid filter type 9");
  });

  it("refuses data shorter than the header promises", async () => {
    await expect(probeImage(png(w, h, deflateSync(good.subarray(0, good.length - 10))), "png")).rejects.toThrow(
      `holds ${good.length - 10} bytes, expected ${good.length}`,
    );
  });

  it("refuses data longer than the header promises", async () => {
    await expect(probeImage(png(w, h, deflateSync(Buffer.concat([good, Buffer.alloc(w * 3 + 1)]))), "png")).rejects.toThrow(
      `more than the ${good.length} bytes expected`,
    );
  });

  it("refuses data that is not a zlib stream, and a stream cut short", async () => {
    await expect(probeImage(png(w, h, Buffer.from("not zlib at all")), "png")).rejects.toThrow("not a valid zlib stream");
    const z = deflateSync(good);
    await expect(probeImage(png(w, h, z.subarray(0, z.length >> 1)), "png")).rejects.toThrow(
      /holds \d+ bytes, expected|not a valid zlib stream/,
    );
  });
});
