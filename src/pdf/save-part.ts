/**
 * A composed part serialized: what pdf-lib's save() does for a document without object streams, but the
 * result is a list of pieces to write one after another, with every stream's contents (screenshot data
 * passed through) as pieces of their own: nothing is copied. pdf-lib's save() copies each stream byte by
 * byte in JavaScript, which cost more than everything else in writing a part.
 */
import { PDFName, PDFNumber, PDFStream, type PDFDocument } from "pdf-lib";
import { streamPieces } from "./chunked-stream.js";
import { objectBytes, xrefTable } from "./serialize.js";

const LENGTH = PDFName.of("Length");

export async function savePart(doc: PDFDocument): Promise<Buffer[]> {
  await doc.flush(); // embed what was registered for embedding (pages of carried-in PDFs)
  const ctx = doc.context;
  const chunks: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0]!.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    offset += b.length;
  };
  const objects = ctx.enumerateIndirectObjects().sort((a, b) => a[0].objectNumber - b[0].objectNumber);
  const offsets = new Map<number, number>();
  for (const [ref, o] of objects) {
    offsets.set(ref.objectNumber, offset);
    push(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, "latin1"));
    if (o instanceof PDFStream) {
      const contents = streamPieces(o);
      o.dict.set(LENGTH, PDFNumber.of(contents.reduce((n, c) => n + c.length, 0)));
      push(objectBytes(o.dict));
      push(Buffer.from("\nstream\n", "latin1"));
      for (const c of contents) push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    } else {
      push(objectBytes(o));
      push(Buffer.from("\nendobj\n", "latin1"));
    }
  }
  const size = ctx.largestObjectNumber + 1;
  const xrefAt = offset;
  const root = ctx.trailerInfo.Root ? ` /Root ${ctx.trailerInfo.Root.toString()}` : "";
  const info = ctx.trailerInfo.Info ? ` /Info ${ctx.trailerInfo.Info.toString()}` : "";
  push(Buffer.from(`${xrefTable(size, offsets)}trailer\n<< /Size ${size}${root}${info} >>\nstartxref\n${xrefAt}\n%%EOF\n`, "latin1"));
  return chunks;
}
