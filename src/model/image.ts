/** An image ready to become a PDF image XObject: its encoded samples plus the dictionary facts. */

export type ImageColorSpace = { type: "DeviceGray" | "DeviceRGB" | "DeviceCMYK" } | { type: "Indexed"; hival: number; lookup: Uint8Array };

export interface ImageStream {
  width: number;
  height: number;
  bitsPerComponent: number;
  filter: "FlateDecode" | "DCTDecode";
  /** PNG predictor parameters when the data is a PNG IDAT stream passed through. */
  predictor?: { colors: number; bitsPerComponent: number; columns: number };
  /** The encoded samples (for a passed-through PNG, joined from its IDAT chunks only when read). */
  data: Uint8Array;
  /** The same bytes in pieces (a PNG's IDAT chunks), when they come that way: written without joining them. */
  chunks?: readonly Uint8Array[];
}

export interface PreparedImage extends ImageStream {
  colorSpace: ImageColorSpace;
  /** /Decode array (inverted Adobe CMYK JPEGs). */
  decode?: number[];
  /** Colour-key mask ranges (PNG tRNS on grey or RGB images). */
  colorKeyMask?: number[];
  /** Soft mask (alpha), a greyscale image of the same size. */
  softMask?: ImageStream;
  /** EXIF orientation 1–8 to apply when drawing. */
  orientation: number;
  /** How the samples were carried, for the cover sheet's transformation line. */
  method: "png-passthrough" | "png-decoded" | "jpeg-passthrough" | "decoded";
}

/** Grey pixels, one byte each, row after row (what OCR reads). */
export interface GreyRaster {
  width: number;
  height: number;
  data: Uint8Array;
}
