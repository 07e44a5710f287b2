/**
 * Hand-made images for the hostile suite (test/hostile/cases/images.ts): PNG files chunk by chunk (with right CRCs
 * unless a case spoils them), zlib data that inflates to many zeros without being held, and JPEG metadata segments
 * (EXIF with chosen tags) inserted into a good JPEG.
 */
import { constants, crc32, deflateRawSync, deflateSync } from "node:zlib";

/** One PNG chunk with its length and CRC. */
export function chunk(type: string, body: Buffer | string): Buffer {
  const data = typeof body === "string" ? Buffer.from(body, "latin1") : body;
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** An IHDR body: 8-bit RGB unless told. */
export function ihdr(width: number, height: number, colorType = 2, bitDepth = 8, interlace = 0): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = bitDepth;
  b[9] = colorType;
  b[12] = interlace;
  return b;
}

/** Zlib data that inflates to `mib` MiB of zeros: one deflated MiB, repeated (full flushes), closed with its Adler-32. */
export function zlibZeros(mib: number): Buffer {
  const one = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(Number((((BigInt(mib) << 20n) % 65521n) << 16n) | 1n));
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: mib }, () => one), Buffer.from([0x03, 0x00]), adler]);
}

/** A whole PNG: signature, IHDR, `middle` chunks, IDAT of `pixels` (filtered rows, deflated here), IEND. */
export function pngFile(header: Buffer, pixels: Buffer, middle: Buffer[] = []): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...middle,
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The raw rows of a grey RGB image (filter byte 0 on each row). */
export function greyRows(width: number, height: number): Buffer {
  const row = Buffer.alloc(width * 3 + 1, 0x80);
  row[0] = 0;
  return Buffer.concat(Array.from({ length: height }, () => row));
}

/** A good JPEG with `segments` (whole marker segments) inserted after its SOI marker. */
export function withSegments(jpeg: Buffer, segments: Buffer[]): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** One JPEG marker segment (APPn, COM): marker, length, body. */
export function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** An EXIF APP1 segment with an Orientation and a DateTimeOriginal (little-endian TIFF). */
export function exifSegment(opts: { orientation?: number; dateTimeOriginal?: string; offset?: string }): Buffer {
  const ascii = (s: string) => Buffer.from(`${s}\0`, "latin1");
  const ifd0Count = 1 + (opts.orientation === undefined ? 0 : 1);
  const ifd0Size = 2 + ifd0Count * 12 + 4;
  const exifAt = 8 + ifd0Size;
  const exifTags = [opts.dateTimeOriginal, opts.offset].filter((v) => v !== undefined).length;
  const exifSize = 2 + exifTags * 12 + 4;
  let dataAt = exifAt + exifSize;
  const extra: Buffer[] = [];
  const entry = (tag: number, type: number, count: number, value: Buffer | number) => {
    const e = Buffer.alloc(12);
    e.writeUInt16LE(tag, 0);
    e.writeUInt16LE(type, 2);
    e.writeUInt32LE(count, 4);
    if (typeof value === "number") e.writeUInt32LE(value, 8);
    else if (value.length <= 4) value.copy(e, 8);
    else {
      e.writeUInt32LE(dataAt, 8);
      extra.push(value);
      dataAt += value.length;
    }
    return e;
  };
  const ifd0: Buffer[] = [];
  if (opts.orientation !== undefined) ifd0.push(entry(0x0112, 3, 1, opts.orientation));
  ifd0.push(entry(0x8769, 4, 1, exifAt));
  const exif: Buffer[] = [];
  if (opts.dateTimeOriginal !== undefined) exif.push(entry(0x9003, 2, opts.dateTimeOriginal.length + 1, ascii(opts.dateTimeOriginal)));
  if (opts.offset !== undefined) exif.push(entry(0x9011, 2, opts.offset.length + 1, ascii(opts.offset)));
  const count = (n: number) => Buffer.from([n & 0xff, n >> 8]);
  const tiff = Buffer.concat([
    Buffer.from("II*\0\x08\0\0\0", "latin1"),
    count(ifd0.length),
    ...ifd0,
    Buffer.alloc(4),
    count(exif.length),
    ...exif,
    Buffer.alloc(4),
    ...extra,
  ]);
  return segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]));
}
