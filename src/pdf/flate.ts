/**
 * A deflated content stream made with Node's zlib: pdf-lib's flateStream runs pako in JavaScript, and sets
 * up a fresh 256 KB deflate state for every stream (seconds of a 500-defendant build; docs/performance.md).
 */
import { deflateSync } from "node:zlib";
import type { PDFContext, PDFRawStream } from "pdf-lib";

export function flateStream(ctx: PDFContext, content: string): PDFRawStream {
  return ctx.stream(deflateSync(Buffer.from(content, "latin1")), { Filter: "FlateDecode" });
}
