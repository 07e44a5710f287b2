/**
 * A stream whose contents come in pieces (a PNG's IDAT chunks, passed through): the pieces are written to
 * the file one after another, never joined in memory. pdf-lib sees an ordinary raw stream; should anything
 * of pdf-lib's read its contents, they are joined then.
 */
import { PDFRawStream, type PDFDict, type PDFStream } from "pdf-lib";

const pieces = new WeakMap<PDFStream, readonly Uint8Array[]>();

export function chunkedStream(dict: PDFDict, chunks: readonly Uint8Array[]): PDFRawStream {
  const stream = PDFRawStream.of(dict, new Uint8Array(0));
  let joined: Uint8Array | undefined;
  Object.defineProperty(stream, "contents", { get: () => (joined ??= Buffer.concat(chunks)), enumerable: true });
  pieces.set(stream, chunks);
  return stream;
}

/** A stream's contents as pieces to write in order. */
export function streamPieces(stream: PDFStream): readonly Uint8Array[] {
  return pieces.get(stream) ?? [stream instanceof PDFRawStream ? stream.contents : stream.getContents()];
}
