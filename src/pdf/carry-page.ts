/**
 * One page of a carried-in PDF, embedded in an exhibit as a form XObject. A page with no /Contents is a valid blank
 * page (qpdf --empty with a blank page makes one); pdf-lib refuses to embed it, so it is given an empty content
 * stream first, in the loaded copy only (the original file is never written to).
 */
import { PDFName, type PDFDocument, type PDFEmbeddedPage, type PDFPage } from "pdf-lib";

export async function embedCarriedPage(doc: PDFDocument, page: PDFPage): Promise<PDFEmbeddedPage> {
  if (page.node.get(PDFName.of("Contents")) === undefined) {
    const ctx = page.doc.context;
    page.node.set(PDFName.of("Contents"), ctx.register(ctx.stream(new Uint8Array(0))));
  }
  const box = page.getCropBox();
  return doc.embedPage(page, { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height });
}
