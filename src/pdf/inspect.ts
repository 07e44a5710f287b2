/** Intake's look at a PDF document: page sizes and rotation, refusing damaged or encrypted files. */
import { PDFDocument, EncryptedPDFError } from "pdf-lib";
import type { PdfPagePayload } from "../model/evidence.js";

export class PdfDamagedError extends Error {}

export async function inspectPdf(data: Uint8Array): Promise<PdfPagePayload[]> {
  const tail = Buffer.from(data.subarray(Math.max(0, data.length - 1024))).toString("latin1");
  if (!tail.includes("%%EOF")) throw new PdfDamagedError("no %%EOF marker at the end: the PDF is truncated or damaged");
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    if (e instanceof EncryptedPDFError)
      throw new PdfDamagedError("the PDF is encrypted; save an unencrypted copy (courts refuse encrypted filings)");
    throw new PdfDamagedError(`cannot read the PDF (${(e as Error).message.split("\n")[0]})`);
  }
  const pages = doc.getPages();
  if (pages.length === 0) throw new PdfDamagedError("the PDF has no pages");
  return pages.map((p) => {
    const { width, height } = p.getCropBox();
    if (!(width > 0 && height > 0)) throw new PdfDamagedError("a page has no usable size (MediaBox)");
    const rotate = (((p.getRotation().angle % 360) + 360) % 360) as number;
    return { width, height, rotate: [0, 90, 180, 270].includes(rotate) ? rotate : 0 };
  });
}
