/** PreparedImage → image XObject in a pdf-lib context, written as given (no re-encoding by pdf-lib). */
import { PDFHexString, PDFName, PDFRawStream, type PDFContext, type PDFRef, type PDFDict } from "pdf-lib";
import type { ImageStream, PreparedImage } from "../model/image.js";
import { chunkedStream } from "./chunked-stream.js";

function streamDict(context: PDFContext, s: ImageStream, extra: Record<string, unknown>): PDFDict {
  const dict: Record<string, unknown> = {
    Type: "XObject",
    Subtype: "Image",
    Width: s.width,
    Height: s.height,
    BitsPerComponent: s.bitsPerComponent,
    Filter: s.filter,
    ...extra,
  };
  if (s.predictor) {
    dict.DecodeParms = {
      Predictor: 15,
      Colors: s.predictor.colors,
      BitsPerComponent: s.predictor.bitsPerComponent,
      Columns: s.predictor.columns,
    };
  }
  return context.obj(dict as never) as unknown as PDFDict;
}

/** Length of an image's encoded samples (without joining them when they come in pieces). */
export function imageBytes(s: ImageStream): number {
  return s.chunks ? s.chunks.reduce((n, c) => n + c.length, 0) : s.data.length;
}

export function registerImage(context: PDFContext, image: PreparedImage): PDFRef {
  const extra: Record<string, unknown> = {};
  const cs = image.colorSpace;
  extra.ColorSpace =
    cs.type === "Indexed"
      ? context.obj([PDFName.of("Indexed"), PDFName.of("DeviceRGB"), cs.hival, PDFHexString.of(Buffer.from(cs.lookup).toString("hex"))])
      : PDFName.of(cs.type);
  if (image.decode) extra.Decode = image.decode;
  if (image.colorKeyMask) extra.Mask = image.colorKeyMask;
  if (image.softMask) {
    const m = image.softMask;
    extra.SMask = context.register(PDFRawStream.of(streamDict(context, m, { ColorSpace: PDFName.of("DeviceGray") }), m.data));
  }
  const dict = streamDict(context, image, extra);
  return context.register(image.chunks ? chunkedStream(dict, image.chunks) : PDFRawStream.of(dict, image.data));
}
