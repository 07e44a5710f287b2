/**
 * PNG structure without decoding pixels: chunk walk with CRC checks, header fields, and the
 * compressed image data (IDAT) ready to pass straight into a PDF image XObject with the PNG predictor.
 * This is the fast lossless path: the pixels are never re-deflated.
 */
import { constants, crc32, inflateSync } from "node:zlib";
import { ImageBoundError, MAX_PNG_ANCILLARY_BYTES, MAX_PNG_TEXT_BYTES } from "./limits.js";
import { pngCheckPool } from "./png-check-pool.js";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  palette?: Buffer;
  hasTransparency: boolean;
  /** The concatenated IDAT payloads (one zlib stream), joined when first read. */
  readonly idat: Buffer;
  /** The IDAT payloads as they are in the file. */
  idatChunks: Buffer[];
}

export class PngFormatError extends Error {}

const CRITICAL = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);

const VALID_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Parse and check a PNG's structure. Throws PngFormatError with a plain-words reason when it is damaged. */
export function readPng(data: Buffer): PngInfo {
  if (data.length < 8 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new PngFormatError("not a PNG (bad signature)");
  let pos = 8;
  let ihdr: Buffer | undefined;
  let palette: Buffer | undefined;
  let hasTransparency = false;
  const idat: Buffer[] = [];
  const metadata = new PngMetadata();
  let ended = false;
  while (pos < data.length) {
    if (pos + 12 > data.length) throw new PngFormatError("file ends inside a chunk (truncated)");
    const length = data.readUInt32BE(pos);
    const type = data.toString("latin1", pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngFormatError(`invalid chunk type at byte ${pos + 4}`);
    if (pos + 12 + length > data.length) throw new PngFormatError(`chunk ${type} runs past the end of the file (truncated)`);
    const body = data.subarray(pos + 8, pos + 8 + length);
    const crc = data.readUInt32BE(pos + 8 + length);
    if (crc32(data.subarray(pos + 4, pos + 8 + length)) !== crc) throw new PngFormatError(`chunk ${type} has a bad CRC (damaged file)`);
    if (pos === 8 && type !== "IHDR") throw new PngFormatError("first chunk is not IHDR");
    if (!CRITICAL.has(type)) metadata.add(type, body);
    if (type === "IHDR") ihdr = body;
    else if (type === "PLTE") palette = body;
    else if (type === "tRNS") hasTransparency = true;
    else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") {
      ended = true;
      break;
    } else if ((type.charCodeAt(0) & 0x20) === 0 && !CRITICAL.has(type)) {
      throw new PngFormatError(`unknown critical chunk ${type}`);
    }
    pos += 12 + length;
  }
  if (!ihdr || ihdr.length !== 13) throw new PngFormatError("missing or malformed IHDR chunk");
  if (!ended) throw new PngFormatError("no IEND chunk (truncated)");
  if (idat.length === 0) throw new PngFormatError("no image data (IDAT chunk missing)");
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  if (width === 0 || height === 0) throw new PngFormatError("zero width or height");
  if (!(colorType in VALID_DEPTHS)) throw new PngFormatError(`invalid colour type ${colorType}`);
  if (!VALID_DEPTHS[colorType].includes(bitDepth)) throw new PngFormatError(`invalid bit depth ${bitDepth} for colour type ${colorType}`);
  if (ihdr[10] !== 0 || ihdr[11] !== 0) throw new PngFormatError("unknown compression or filter method");
  if (ihdr[12] > 1) throw new PngFormatError(`unknown interlace method ${ihdr[12]}`);
  if (colorType === 3 && (!palette || palette.length % 3 !== 0 || palette.length === 0))
    throw new PngFormatError("palette image without a valid PLTE chunk");
  let joined: Buffer | undefined;
  return {
    width,
    height,
    bitDepth,
    colorType,
    interlaced: ihdr[12] === 1,
    palette,
    hasTransparency,
    get idat() {
      return (joined ??= idat.length === 1 ? idat[0]! : Buffer.concat(idat));
    },
    idatChunks: idat,
  };
}

/** The bounds of a PNG's metadata chunks, counted as they are met (limits.ts). */
class PngMetadata {
  #text = 0;
  #all = 0;

  add(type: string, body: Buffer): void {
    this.#all += body.length;
    if (this.#all > MAX_PNG_ANCILLARY_BYTES)
      throw new ImageBoundError(`its metadata chunks hold over ${MAX_PNG_ANCILLARY_BYTES / 2 ** 20} MB (the bound), at chunk ${type}`);
    if (type !== "tEXt" && type !== "zTXt" && type !== "iTXt") return;
    this.#text += body.length + compressedTextSize(type, body, MAX_PNG_TEXT_BYTES - this.#text);
    if (this.#text > MAX_PNG_TEXT_BYTES)
      throw new ImageBoundError(`its text chunks hold over ${MAX_PNG_TEXT_BYTES / 2 ** 20} MB of text (the bound), at chunk ${type}`);
  }
}

/** How many bytes a zTXt, or a compressed iTXt, decompresses to (at most `limit` + 1: enough to say it is over). */
function compressedTextSize(type: string, body: Buffer, limit: number): number {
  const key = body.indexOf(0);
  if (key < 0) return 0;
  let at: number;
  if (type === "zTXt") at = key + 2;
  else if (type === "iTXt" && body[key + 1] === 1) {
    const language = body.indexOf(0, key + 3);
    const translated = language < 0 ? -1 : body.indexOf(0, language + 1);
    if (translated < 0) return 0;
    at = translated + 1;
  } else return 0;
  try {
    return inflateSync(body.subarray(at), { maxOutputLength: Math.max(1, limit + 1), finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return limit + 1;
    throw new PngFormatError(`its ${type} chunk holds damaged compressed text (${(e as Error).message})`);
  }
}

/** Bytes per row of unfiltered, non-interlaced pixel data (without the filter byte). */
export function rowBytes(info: Pick<PngInfo, "width" | "bitDepth" | "colorType">): number {
  return Math.ceil((info.width * CHANNELS[info.colorType] * info.bitDepth) / 8);
}

/**
 * Check the compressed data inflates to exactly the rows the header promises, with valid filter bytes.
 * Needed because pass-through means no decoder ever looks at these bytes. The inflate runs in a worker
 * thread, streamed in 1 MiB pieces that are checked and dropped (png-data-check.mjs).
 */
export async function checkPngData(info: PngInfo): Promise<void> {
  if (info.interlaced) return; // interlaced images are decoded (and so checked) by the normalising path
  const reason = await pngCheckPool.check(info.idat, { width: info.width, height: info.height, stride: rowBytes(info) + 1 });
  if (reason !== undefined) throw new PngFormatError(reason);
}

/** Whether the IDAT stream can go into a PDF as is: no alpha channel, no transparency chunk, not interlaced. */
export function canPassThrough(info: PngInfo): boolean {
  return !info.interlaced && !info.hasTransparency && (info.colorType === 0 || info.colorType === 2 || info.colorType === 3);
}
