/** The pieces every PDF this tool writes shares: one object's bytes, and the cross-reference table. */
import type { PDFObject } from "pdf-lib";

/** A pdf-lib object (not a stream's contents) as bytes. */
export function objectBytes(o: PDFObject): Buffer {
  const buf = Buffer.alloc(o.sizeInBytes());
  o.copyBytesInto(buf, 0);
  return buf;
}

/** The classic cross-reference table for objects 0…size−1, from each written object's offset. */
export function xrefTable(size: number, offsets: ReadonlyMap<number, number>): string {
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    xref += at === undefined ? "0000000000 65535 f \n" : `${String(at).padStart(10, "0")} 00000 n \n`;
  }
  return xref;
}
