/**
 * A digest of everything a copied page brings along: its dictionary (without /Parent), the attributes it
 * inherits from the page tree, and every object reachable from them, with references numbered in the order
 * they are first met (so the digest does not depend on where the objects sat in the source file). Two pages
 * with equal digests copy into identical objects: the build cache keys an exhibit by its cover page's
 * digest, not by the whole batch of covers it was rendered in.
 */
import { createHash, type Hash } from "node:crypto";
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";

const INHERITED = ["Resources", "MediaBox", "CropBox", "Rotate"];

export function pageDigest(doc: PDFDocument, pageIndex: number): string {
  const node = doc.getPage(pageIndex).node;
  const h = createHash("sha256");
  const order = new Map<string, number>();
  const queue: PDFRef[] = [];
  const write = (o: PDFObject | undefined, out: Hash): void => {
    if (o === undefined) return void out.update("~");
    if (o instanceof PDFRef) {
      let n = order.get(o.tag);
      if (n === undefined) {
        n = order.size;
        order.set(o.tag, n);
        queue.push(o);
      }
      return void out.update(`@${n} `);
    }
    if (o instanceof PDFDict) {
      out.update("<<");
      for (const [k, v] of o.entries()) {
        if (o === node && k === PDFName.of("Parent")) continue;
        out.update(k.asString());
        write(v, out);
      }
      return void out.update(">>");
    }
    if (o instanceof PDFArray) {
      out.update("[");
      for (const v of o.asArray()) write(v, out);
      return void out.update("]");
    }
    if (o instanceof PDFStream) {
      write(o.dict, out);
      const bytes = o instanceof PDFRawStream ? o.contents : o.getContents();
      return void out.update(`stream${bytes.length}:`).update(bytes);
    }
    out.update(`${o.toString()} `);
  };
  write(node, h);
  for (const name of INHERITED) {
    h.update(`/${name}=`);
    write(node.get(PDFName.of(name)) ? undefined : node.getInheritableAttribute(PDFName.of(name)), h);
  }
  for (let i = 0; i < queue.length; i++) {
    h.update(`obj${i}:`);
    write(doc.context.lookup(queue[i]), h);
  }
  return h.digest("hex");
}
