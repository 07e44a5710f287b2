/**
 * A composed part written to bytes: what pdf-lib's save() does for a document without object streams,
 * but with stream contents handed to one final concatenation instead of copied byte by byte in JavaScript
 * (screenshots are most of a part's bytes: pdf-lib's loop cost more than everything else in writing it).
 */
import { PDFName, PDFNumber, PDFRawStream, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";

const LENGTH = PDFName.of("Length");

function bytesOf(o: PDFObject): Buffer {
  const buf = Buffer.alloc(o.sizeInBytes());
  o.copyBytesInto(buf, 0);
  return buf;
}

export async function savePart(doc: PDFDocument): Promise<Uint8Array> {
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
      const contents = o instanceof PDFRawStream ? o.contents : o.getContents();
      o.dict.set(LENGTH, PDFNumber.of(contents.length));
      push(bytesOf(o.dict));
      push(Buffer.from("\nstream\n", "latin1"));
      push(Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength));
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    } else {
      push(bytesOf(o));
      push(Buffer.from("\nendobj\n", "latin1"));
    }
  }
  const size = ctx.largestObjectNumber + 1;
  const xrefAt = offset;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    xref += at === undefined ? "0000000000 65535 f \n" : `${String(at).padStart(10, "0")} 00000 n \n`;
  }
  const root = ctx.trailerInfo.Root ? ` /Root ${ctx.trailerInfo.Root.toString()}` : "";
  const info = ctx.trailerInfo.Info ? ` /Info ${ctx.trailerInfo.Info.toString()}` : "";
  push(Buffer.from(`${xref}trailer\n<< /Size ${size}${root}${info} >>\nstartxref\n${xrefAt}\n%%EOF\n`, "latin1"));
  return Buffer.concat(chunks, offset);
}
