/**
 * Hostile evidence images (PNG, JPEG, WebP): dimensions, pixel count and aspect over the bounds (checked from the
 * header before decoding), metadata and text chunks over theirs, decompression bombs, damaged, truncated, empty and
 * misnamed files, and EXIF oddities that must still build.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import type { HostileCase, HostileContext } from "../case.js";
import { chunk, exifSegment, greyRows, ihdr, pngFile, segment, withSegments, zlibZeros } from "../make/image-bytes.js";
import { builtFrom } from "../make/outputs.js";

type Media = "png" | "jpeg" | "webp";
const EXT: Record<Media, string> = { png: "png", jpeg: "jpg", webp: "webp" };
const nameOf = (media: Media) => `06-image.${EXT[media]}`;
const relOf = (media: Media) => `evidence/shop/${nameOf(media)}`;
const named = (media: Media, problem: string) => new RegExp(`evidence/shop/06-image\\.${EXT[media]}: .*${problem}`);

type Maker = (ctx: HostileContext) => Buffer | Promise<Buffer>;

const refused = (id: string, media: Media, problem: string, make: Maker, probe = false): HostileCase => ({
  id,
  format: media,
  probe,
  make: async (dir, ctx) => writeFileSync(join(dir, relOf(media)), await make(ctx)),
  expect: { exit: 3, message: named(media, problem) },
});

const builds = (id: string, media: Media, make: Maker): HostileCase => ({
  id,
  format: media,
  make: async (dir, ctx) => writeFileSync(join(dir, relOf(media)), await make(ctx)),
  expect: { exit: 0, check: builtFrom(relOf(media)) },
});

const small = () => pngFile(ihdr(64, 64), greyRows(64, 64));
const goodJpeg = (ctx: HostileContext) => readFileSync(ctx.good.jpeg);
const goodPng = (ctx: HostileContext) => readFileSync(ctx.good.png);
const webp = (lossless = false) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: "#3a6ea5" } })
    .webp({ lossless })
    .toBuffer();

/** The good PNG with one byte of its first IDAT chunk's data changed (and the chunk's CRC made right again). */
function spoiledIdat(png: Buffer): Buffer {
  const out = Buffer.from(png);
  const at = out.indexOf("IDAT", 8, "latin1");
  const length = out.readUInt32BE(at - 4);
  out[at + 4 + Math.floor(length / 2)] ^= 0xff;
  out.writeUInt32BE(crc32(out.subarray(at, at + 4 + length)), at + 4 + length);
  return out;
}

/** The good JPEG with its frame header claiming `width` × `height`. */
function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  const sof = out.indexOf(Buffer.from([0xff, 0xc0]));
  out.writeUInt16BE(height, sof + 5);
  out.writeUInt16BE(width, sof + 7);
  return out;
}

/** A WebP whose VP8X header claims a canvas of `width` × `height`. */
function webpCanvas(width: number, height: number): Buffer {
  const b = Buffer.alloc(30);
  b.write("RIFF", 0, "latin1");
  b.writeUInt32LE(22, 4);
  b.write("WEBPVP8X", 8, "latin1");
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return b;
}

const pngCases: HostileCase[] = [
  refused(
    "png-strip-1x2000000",
    "png",
    "1 × 2,000,000 px, a side over the 150,000 px bound",
    () => pngFile(ihdr(1, 2_000_000), greyRows(1, 2_000_000)),
    true,
  ),
  refused("png-strip-aspect", "png", "one side is over 1000 times the other", () => pngFile(ihdr(20, 40_000), greyRows(20, 40_000))),
  refused(
    "png-huge-text-chunk",
    "png",
    "text chunks hold over 1 MB",
    () => pngFile(ihdr(64, 64), greyRows(64, 64), [chunk("tEXt", Buffer.concat([Buffer.from("Comment\0"), Buffer.alloc(3 << 20, 0x41)]))]),
    true,
  ),
  refused("png-ztxt-bomb", "png", "text chunks hold over 1 MB", () =>
    pngFile(ihdr(64, 64), greyRows(64, 64), [chunk("zTXt", Buffer.concat([Buffer.from("Comment\0\0"), zlibZeros(200)]))]),
  ),
  refused("png-itxt-bomb", "png", "text chunks hold over 1 MB", () =>
    pngFile(ihdr(64, 64), greyRows(64, 64), [chunk("iTXt", Buffer.concat([Buffer.from("XML:com.adobe.xmp\0\x01\0\0\0"), zlibZeros(200)]))]),
  ),
  refused("png-many-text-chunks", "png", "text chunks hold over 1 MB", () =>
    pngFile(
      ihdr(64, 64),
      greyRows(64, 64),
      Array.from({ length: 300 }, (_, i) => chunk("tEXt", `Note${i}\0${"n".repeat(4000)}`)),
    ),
  ),
  refused("png-private-chunks", "png", "metadata chunks hold over 8 MB", () =>
    pngFile(
      ihdr(64, 64),
      greyRows(64, 64),
      Array.from({ length: 20 }, () => chunk("prVt", Buffer.alloc(512 * 1024))),
    ),
  ),
  refused("png-decompression-bomb", "png", "30,000 × 30,000 px, over the 200,000,000 pixel bound", () =>
    pngFile(ihdr(30_000, 30_000), Buffer.alloc(0)),
  ),
  refused("png-max-dimensions", "png", "over the 200,000,000 pixel bound", () => pngFile(ihdr(0x7fffffff, 0x7fffffff), Buffer.alloc(0))),
  refused("png-truncated-mid-idat", "png", "truncated", (ctx) => goodPng(ctx).subarray(0, 2000)),
  refused("png-no-iend", "png", "no IEND chunk", (ctx) => goodPng(ctx).subarray(0, goodPng(ctx).length - 12)),
  refused("png-bad-crc", "png", "bad CRC", (ctx) => {
    const b = Buffer.from(goodPng(ctx));
    b[20] ^= 0xff; // in IHDR's data, so its CRC no longer matches
    return b;
  }),
  refused("png-idat-damaged", "png", "damaged PNG image", (ctx) => spoiledIdat(goodPng(ctx))),
  refused("png-too-few-rows", "png", "damaged PNG image", () => pngFile(ihdr(64, 64), greyRows(64, 32))),
  refused("png-zero-width", "png", "zero width or height", () => pngFile(ihdr(0, 64), Buffer.alloc(0))),
  refused("png-bad-colour-type", "png", "invalid colour type 5", () => pngFile(ihdr(64, 64, 5), greyRows(64, 64))),
  refused("png-bad-bit-depth", "png", "invalid bit depth 3", () => pngFile(ihdr(64, 64, 2, 3), greyRows(64, 64))),
  refused("png-unknown-critical-chunk", "png", "unknown critical chunk ABCD", () =>
    pngFile(ihdr(64, 64), greyRows(64, 64), [chunk("ABCD", "x")]),
  ),
  refused("png-palette-without-plte", "png", "palette image without a valid PLTE", () => pngFile(ihdr(64, 64, 3), greyRows(64, 64))),
  refused("png-signature-only", "png", "PNG", () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  refused("png-empty-file", "png", "empty \\(0 bytes\\)", () => Buffer.alloc(0)),
  refused("png-whitespace-only", "png", "white space and nothing else", () => Buffer.from("  \n\t \n")),
  refused("png-text-named-png", "png", "unsupported file", () => Buffer.from("this is a screenshot, honest\n")),
  builds("png-small-text-chunk", "png", () => pngFile(ihdr(64, 64), greyRows(64, 64), [chunk("tEXt", "Comment\0captured by hand")])),
  builds("png-interlaced", "png", () => sharp(small()).png({ progressive: true }).toBuffer()),
  builds("png-sixteen-bit", "png", () => sharp(small()).toColourspace("rgb16").png().toBuffer()),
  builds("png-palette", "png", () => sharp(small()).png({ palette: true, colours: 16 }).toBuffer()),
  builds("png-alpha", "png", () => sharp(small()).ensureAlpha(0.5).png().toBuffer()),
  builds("png-tall-within-bounds", "png", () => pngFile(ihdr(1280, 12_000), greyRows(1280, 12_000))),
];

const jpegCases: HostileCase[] = [
  refused("jpeg-truncated", "jpeg", "premature end|damaged JPEG", (ctx) => goodJpeg(ctx).subarray(0, goodJpeg(ctx).length >> 1)),
  refused("jpeg-claims-65000-square", "jpeg", "65,000 × 65,000 px, over the 200,000,000 pixel bound", (ctx) =>
    jpegClaiming(goodJpeg(ctx), 65_000, 65_000),
  ),
  refused("jpeg-claims-strip", "jpeg", "1 × 60,000 px: one side is over 1000 times", (ctx) => jpegClaiming(goodJpeg(ctx), 1, 60_000)),
  refused("jpeg-huge-metadata", "jpeg", "metadata segments .* over 8 MB", (ctx) =>
    withSegments(
      goodJpeg(ctx),
      Array.from({ length: 150 }, () => segment(0xe2, Buffer.alloc(65_000))),
    ),
  ),
  refused("jpeg-no-frame-header", "jpeg", "no frame header", () => Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0])),
  refused("jpeg-soi-only", "jpeg", "damaged JPEG", () => Buffer.from([0xff, 0xd8, 0xff])),
  refused("jpeg-twelve-bit", "jpeg", "12-bit JPEG samples are not supported", (ctx) => {
    const b = Buffer.from(goodJpeg(ctx));
    b[b.indexOf(Buffer.from([0xff, 0xc0])) + 4] = 12;
    return b;
  }),
  refused("jpeg-garbage-after-header", "jpeg", "damaged JPEG", (ctx) => {
    const b = Buffer.from(goodJpeg(ctx));
    const scan = b.indexOf(Buffer.from([0xff, 0xda]));
    for (let i = scan + 20; i < b.length - 2; i++) b[i] = (i * 37) & 0xfe;
    return b;
  }),
  refused("jpeg-empty-file", "jpeg", "empty \\(0 bytes\\)", () => Buffer.alloc(0)),
  builds("jpeg-exif-valid", "jpeg", (ctx) =>
    withSegments(goodJpeg(ctx), [exifSegment({ orientation: 6, dateTimeOriginal: "2026:03:05 14:22:01", offset: "-06:00" })]),
  ),
  builds("jpeg-exif-orientation-nine", "jpeg", (ctx) => withSegments(goodJpeg(ctx), [exifSegment({ orientation: 9 })])),
  builds("jpeg-exif-zero-date", "jpeg", (ctx) => withSegments(goodJpeg(ctx), [exifSegment({ dateTimeOriginal: "0000:00:00 00:00:00" })])),
  builds("jpeg-exif-date-garbage", "jpeg", (ctx) =>
    withSegments(goodJpeg(ctx), [exifSegment({ dateTimeOriginal: "yesterday, about noon", offset: "+99:99" })]),
  ),
  builds("jpeg-exif-garbage", "jpeg", (ctx) =>
    withSegments(goodJpeg(ctx), [segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0II*\0"), Buffer.alloc(200, 0xee)]))]),
  ),
  builds("jpeg-exif-truncated", "jpeg", (ctx) => {
    const exif = exifSegment({ orientation: 3, dateTimeOriginal: "2026:03:05 14:22:01" });
    const cut = Buffer.from(exif.subarray(0, 30));
    cut.writeUInt16BE(28, 2);
    return withSegments(goodJpeg(ctx), [cut]);
  }),
  builds("jpeg-comment-segments", "jpeg", (ctx) =>
    withSegments(
      goodJpeg(ctx),
      Array.from({ length: 20 }, () => segment(0xfe, Buffer.alloc(60_000, 0x20))),
    ),
  ),
  builds("jpeg-cmyk", "jpeg", () => sharp(small()).toColourspace("cmyk").jpeg().toBuffer()),
  builds("jpeg-progressive", "jpeg", () => sharp(small()).jpeg({ progressive: true }).toBuffer()),
  {
    id: "jpeg-named-png",
    format: "jpeg",
    make: (dir, ctx) =>
      writeFileSync(join(dir, "evidence/shop/06-image.png"), withSegments(goodJpeg(ctx), [segment(0xfe, Buffer.from("other"))])),
    expect: { exit: 0, check: builtFrom("evidence/shop/06-image.png") },
  },
];

const webpCases: HostileCase[] = [
  builds("webp-lossy", "webp", () => webp()),
  builds("webp-lossless", "webp", () => webp(true)),
  refused("webp-truncated", "webp", "damaged WEBP", async () => (await webp()).subarray(0, 60)),
  refused("webp-header-only", "webp", "damaged WEBP", () => Buffer.from("RIFF\x04\0\0\0WEBP", "latin1")),
  refused("webp-garbage-body", "webp", "damaged WEBP", async () => {
    const b = Buffer.from(await webp());
    for (let i = 30; i < b.length; i++) b[i] = (i * 91) & 0xff;
    return b;
  }),
  refused("webp-huge-canvas", "webp", "16,000,000 × 16,000,000 px, over the 200,000,000 pixel bound", () =>
    webpCanvas(16_000_000, 16_000_000),
  ),
  refused("webp-canvas-strip", "webp", "one side is over 1000 times", () => webpCanvas(1, 16_000)),
  refused("webp-empty-file", "webp", "empty \\(0 bytes\\)", () => Buffer.alloc(0)),
];

export const imageCases: HostileCase[] = [...pngCases, ...jpegCases, ...webpCases];
