/** JPEG header facts read from the markers (no decode): size, components, Adobe CMYK inversion. */
import { ImageBoundError, MAX_JPEG_METADATA_BYTES } from "./limits.js";

export class JpegFormatError extends Error {}

export interface JpegFacts {
  width: number;
  height: number;
  components: number;
  adobeInverted: boolean;
}

export function jpegFacts(data: Buffer): JpegFacts {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) throw new JpegFormatError("not a JPEG (no SOI marker)");
  let pos = 2;
  let adobe = false;
  let metadata = 0;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) throw new JpegFormatError(`bad marker at byte ${pos}`);
    const marker = data[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break;
    const length = data.readUInt16BE(pos + 2);
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) metadata += length;
    if (metadata > MAX_JPEG_METADATA_BYTES)
      throw new ImageBoundError(
        `its metadata segments (EXIF, XMP, comments) hold over ${MAX_JPEG_METADATA_BYTES / 2 ** 20} MB (the bound)`,
      );
    if (marker === 0xee && data.toString("latin1", pos + 4, pos + 9) === "Adobe") adobe = true;
    const isSOF = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSOF) {
      if (data[pos + 4] !== 8) throw new JpegFormatError(`${data[pos + 4]}-bit JPEG samples are not supported in PDF`);
      return {
        height: data.readUInt16BE(pos + 5),
        width: data.readUInt16BE(pos + 7),
        components: data[pos + 9],
        adobeInverted: adobe,
      };
    }
    pos += 2 + length;
  }
  throw new JpegFormatError("no frame header (SOF) found; the file is damaged or truncated");
}
