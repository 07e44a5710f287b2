/**
 * Evidence image file → PreparedImage for the PDF, losslessly and as cheaply as possible:
 *  - PNG grey/RGB/palette, not interlaced: the IDAT bytes go in as they are (FlateDecode + PNG predictor);
 *    a tRNS colour key becomes a PDF colour-key /Mask.
 *  - PNG with alpha, palette transparency or interlacing: decoded here at its own bit depth, alpha split
 *    into a soft mask, re-deflated without changing a sample.
 *  - JPEG: the file's bytes go in as DCTDecode (no re-compression); EXIF orientation is applied when drawing.
 *  - WebP: decoded by sharp (lossless for lossless WebP; lossy WebP keeps its decoded pixels exactly).
 */
import { readFile } from "../util/fs.js";
import { deflateSync } from "node:zlib";
import { loadSharp } from "./sharp.js";
import type { PreparedImage, ImageStream } from "../model/image.js";
import { canPassThrough, readPng, rowBytes, type PngInfo } from "./png.js";
import { decodePngRows, sampleAt } from "./png-decode.js";
import { jpegFacts } from "./jpeg.js";
import { MAX_PIXELS } from "./limits.js";

const DEFLATE = { level: 6 } as const;

export async function prepareImage(path: string, media: "png" | "jpeg" | "webp", orientation: number): Promise<PreparedImage> {
  const data = await readFile(path);
  if (media === "png") return preparePng(data, orientation);
  if (media === "jpeg") return prepareJpeg(data, orientation);
  return prepareDecoded(data, orientation);
}

function colorSpaceOf(info: PngInfo): PreparedImage["colorSpace"] {
  if (info.colorType === 3) {
    const entries = (info.palette as Buffer).length / 3;
    return { type: "Indexed", hival: entries - 1, lookup: new Uint8Array(info.palette as Buffer) };
  }
  return { type: info.colorType === 0 || info.colorType === 4 ? "DeviceGray" : "DeviceRGB" };
}

export function preparePng(data: Buffer, orientation = 1): PreparedImage {
  const info = readPng(data);
  const channels = info.colorType === 2 ? 3 : 1;
  if (canPassThrough(info)) {
    return {
      width: info.width,
      height: info.height,
      bitsPerComponent: info.bitDepth,
      filter: "FlateDecode",
      predictor: { colors: channels, bitsPerComponent: info.bitDepth, columns: info.width },
      get data() {
        return info.idat;
      },
      chunks: info.idatChunks,
      colorSpace: colorSpaceOf(info),
      orientation,
      method: "png-passthrough",
    };
  }
  const tRNS = readChunk(data, "tRNS");
  if (!info.interlaced && tRNS && (info.colorType === 0 || info.colorType === 2)) {
    return { ...preparePng(withoutChunk(data, "tRNS"), orientation), colorKeyMask: colorKey(info, tRNS) };
  }
  const rows = decodePngRows(info);
  const base = { width: info.width, height: info.height, orientation, method: "png-decoded" as const };
  if (info.colorType === 4 || info.colorType === 6) {
    const { color, alpha } = splitAlpha(rows, info);
    return {
      ...base,
      bitsPerComponent: info.bitDepth,
      filter: "FlateDecode",
      data: deflateSync(color, DEFLATE),
      colorSpace: { type: info.colorType === 4 ? "DeviceGray" : "DeviceRGB" },
      softMask: flateGray(alpha, info.width, info.height, info.bitDepth),
    };
  }
  const image: PreparedImage = {
    ...base,
    bitsPerComponent: info.bitDepth,
    filter: "FlateDecode",
    data: deflateSync(rows, DEFLATE),
    colorSpace: colorSpaceOf(info),
  };
  if (tRNS && info.colorType === 3) image.softMask = paletteAlpha(rows, info, tRNS);
  else if (tRNS) image.colorKeyMask = colorKey(info, tRNS);
  return image;
}

function flateGray(samples: Buffer, width: number, height: number, bits: number): ImageStream {
  return { width, height, bitsPerComponent: bits, filter: "FlateDecode", data: deflateSync(samples, DEFLATE) };
}

function splitAlpha(rows: Buffer, info: PngInfo): { color: Buffer; alpha: Buffer } {
  const bytes = info.bitDepth / 8;
  const channels = info.colorType === 6 ? 4 : 2;
  const pixels = info.width * info.height;
  const color = Buffer.alloc(pixels * (channels - 1) * bytes);
  const alpha = Buffer.alloc(pixels * bytes);
  const cpx = (channels - 1) * bytes;
  // Byte by byte (a Buffer.copy per pixel took seconds on a long screenshot).
  for (let i = 0, s = 0, c = 0, a = 0; i < pixels; i++) {
    for (let k = 0; k < cpx; k++) color[c++] = rows[s++];
    for (let k = 0; k < bytes; k++) alpha[a++] = rows[s++];
  }
  return { color, alpha };
}

function paletteAlpha(rows: Buffer, info: PngInfo, tRNS: Buffer): ImageStream {
  const alpha = Buffer.alloc(info.width * info.height);
  const stride = rowBytes(info);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const index = sampleAt(rows, y * stride, x, info.bitDepth);
      alpha[y * info.width + x] = index < tRNS.length ? tRNS[index] : 255;
    }
  }
  return flateGray(alpha, info.width, info.height, 8);
}

/** PNG tRNS for grey/RGB names one colour as fully transparent: a PDF colour-key mask [min max …]. */
function colorKey(info: PngInfo, tRNS: Buffer): number[] {
  const values = info.colorType === 0 ? [tRNS.readUInt16BE(0)] : [tRNS.readUInt16BE(0), tRNS.readUInt16BE(2), tRNS.readUInt16BE(4)];
  const max = (1 << info.bitDepth) - 1;
  return values.flatMap((v) => [Math.min(v, max), Math.min(v, max)]);
}

function readChunk(data: Buffer, type: string): Buffer | undefined {
  let pos = 8;
  while (pos + 8 <= data.length) {
    const length = data.readUInt32BE(pos);
    if (data.toString("latin1", pos + 4, pos + 8) === type) return data.subarray(pos + 8, pos + 8 + length);
    pos += 12 + length;
  }
  return undefined;
}

function withoutChunk(data: Buffer, type: string): Buffer {
  const parts: Buffer[] = [data.subarray(0, 8)];
  let pos = 8;
  while (pos + 8 <= data.length) {
    const length = data.readUInt32BE(pos);
    if (data.toString("latin1", pos + 4, pos + 8) !== type) parts.push(data.subarray(pos, pos + 12 + length));
    pos += 12 + length;
  }
  return Buffer.concat(parts);
}

function prepareJpeg(data: Buffer, orientation: number): PreparedImage {
  const facts = jpegFacts(data);
  const colorSpace = facts.components === 1 ? "DeviceGray" : facts.components === 4 ? "DeviceCMYK" : "DeviceRGB";
  return {
    width: facts.width,
    height: facts.height,
    bitsPerComponent: 8,
    filter: "DCTDecode",
    data,
    colorSpace: { type: colorSpace },
    decode: facts.components === 4 && facts.adobeInverted ? [1, 0, 1, 0, 1, 0, 1, 0] : undefined,
    orientation,
    method: "jpeg-passthrough",
  };
}

async function prepareDecoded(data: Buffer, orientation: number): Promise<PreparedImage> {
  const sharp = await loadSharp();
  const { data: raw, info } = await sharp(data, { limitInputPixels: MAX_PIXELS, failOn: "error" })
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const hasAlpha = info.channels === 4;
  const color = hasAlpha ? Buffer.alloc(info.width * info.height * 3) : raw;
  const alpha = hasAlpha ? Buffer.alloc(info.width * info.height) : undefined;
  if (hasAlpha && alpha) {
    for (let i = 0, s = 0, c = 0; i < info.width * info.height; i++, s += 4, c += 3) {
      color[c] = raw[s]!;
      color[c + 1] = raw[s + 1]!;
      color[c + 2] = raw[s + 2]!;
      alpha[i] = raw[s + 3]!;
    }
  }
  return {
    width: info.width,
    height: info.height,
    bitsPerComponent: 8,
    filter: "FlateDecode",
    data: deflateSync(color, DEFLATE),
    colorSpace: { type: "DeviceRGB" },
    softMask: alpha ? flateGray(alpha, info.width, info.height, 8) : undefined,
    orientation,
    method: "decoded",
  };
}
