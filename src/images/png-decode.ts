/**
 * Minimal lossless PNG decoder for the cases that cannot pass through (interlaced, alpha channel,
 * palette transparency): inflates, unfilters and de-interlaces to packed rows at the PNG's own bit depth.
 * No sample is rounded or converted, so what reaches the PDF is exactly what the PNG holds.
 */
import { inflateSync } from "node:zlib";
import { PngFormatError, rowBytes, type PngInfo } from "./png.js";
import { paeth } from "../util/paeth.js";

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
// Adam7 passes: x start, y start, x step, y step.
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * Unfilter `height` rows of `stride` bytes starting at `offset` in `raw`; returns packed rows. One loop per
 * filter type (the type is per row): a 1280 × 12,000 RGBA screenshot unfilters in a fraction of a second.
 */
function unfilter(raw: Buffer, offset: number, stride: number, height: number, bpp: number): Buffer {
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[offset + y * (stride + 1)];
    const src = offset + y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    const first = y === 0;
    switch (f) {
      case 0:
        raw.copy(out, row, src, src + stride);
        break;
      case 1:
        for (let x = 0; x < stride; x++) out[row + x] = raw[src + x] + (x >= bpp ? out[row + x - bpp] : 0);
        break;
      case 2:
        if (first) raw.copy(out, row, src, src + stride);
        else for (let x = 0; x < stride; x++) out[row + x] = raw[src + x] + out[prev + x];
        break;
      case 3:
        for (let x = 0; x < stride; x++)
          out[row + x] = raw[src + x] + (((x >= bpp ? out[row + x - bpp] : 0) + (first ? 0 : out[prev + x])) >> 1);
        break;
      case 4:
        for (let x = 0; x < stride; x++) {
          const a = x >= bpp ? out[row + x - bpp] : 0;
          const b = first ? 0 : out[prev + x];
          const c = x >= bpp && !first ? out[prev + x - bpp] : 0;
          out[row + x] = raw[src + x] + paeth(a, b, c);
        }
        break;
      default:
        throw new PngFormatError(`row ${y} has an invalid filter type ${f}`);
    }
  }
  return out;
}

/** Decode to packed, non-interlaced rows of rowBytes(info) bytes each. */
export function decodePngRows(info: PngInfo): Buffer {
  let raw: Buffer;
  try {
    raw = inflateSync(info.idat);
  } catch (e) {
    throw new PngFormatError(`image data is not a valid zlib stream (${(e as Error).message})`);
  }
  const bitsPerPixel = CHANNELS[info.colorType] * info.bitDepth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const stride = rowBytes(info);
  if (!info.interlaced) {
    if (raw.length < (stride + 1) * info.height) throw new PngFormatError("image data is shorter than the header promises");
    return unfilter(raw, 0, stride, info.height, bpp);
  }
  const out = Buffer.alloc(stride * info.height);
  let offset = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const pw = Math.ceil((info.width - x0) / dx);
    const ph = Math.ceil((info.height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const pstride = Math.ceil((pw * bitsPerPixel) / 8);
    if (offset + (pstride + 1) * ph > raw.length) throw new PngFormatError("interlaced image data is shorter than the header promises");
    const pass = unfilter(raw, offset, pstride, ph, bpp);
    offset += (pstride + 1) * ph;
    for (let py = 0; py < ph; py++) {
      const y = y0 + py * dy;
      for (let px = 0; px < pw; px++) {
        const x = x0 + px * dx;
        copyPixel(pass, py * pstride, px, out, y * stride, x, bitsPerPixel);
      }
    }
  }
  return out;
}

function copyPixel(src: Buffer, srcRow: number, sx: number, dst: Buffer, dstRow: number, dx: number, bits: number): void {
  if (bits >= 8) {
    const n = bits >> 3;
    const s = srcRow + sx * n;
    const d = dstRow + dx * n;
    for (let k = 0; k < n; k++) dst[d + k] = src[s + k];
    return;
  }
  const sBit = sx * bits;
  const v = (src[srcRow + (sBit >> 3)] >> (8 - bits - (sBit & 7))) & ((1 << bits) - 1);
  const dBit = dx * bits;
  const shift = 8 - bits - (dBit & 7);
  const i = dstRow + (dBit >> 3);
  dst[i] = (dst[i] & ~(((1 << bits) - 1) << shift)) | (v << shift);
}

/** Read sample `i` (0-based, across the packed row) of `bits` bits. */
export function sampleAt(row: Buffer, rowOffset: number, i: number, bits: number): number {
  if (bits === 8) return row[rowOffset + i];
  if (bits === 16) return row.readUInt16BE(rowOffset + i * 2);
  const bit = i * bits;
  return (row[rowOffset + (bit >> 3)] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
}
