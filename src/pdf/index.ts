/** The pdf-lib room: compose and stamp exhibit PDFs, write the streamed bundle, read PDFs back. */
import { PDFDocument } from "pdf-lib";

export { composeExhibitParts, PART_PAGES } from "./compose-exhibit.js";
export type { ExhibitSources, ExhibitPart } from "./compose-exhibit.js";
export { writeBundle } from "./bundle-writer.js";
export type { BundlePart, BundleResult, MergedInfo, PdfAttachment } from "./bundle-writer.js";
export { inspectPdf, PdfDamagedError } from "./inspect.js";

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** Page count of a PDF, or an Error with pdf-lib's reason when it cannot be read. */
export async function countPages(bytes: Uint8Array): Promise<number> {
  return (await loadPdf(bytes)).getPageCount();
}
export { rewriteRemoteLinks, LINK_BASE } from "./remote-links.js";

/** Rewrite a rendered appendix's document metadata: fixed title and dates, nothing from Chromium. */
export async function withFixedMetadata(pdf: Uint8Array, m: { title: string; subject?: string; producer: string; builtAt: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const at = new Date(Date.parse(m.builtAt));
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  if (m.subject) doc.setSubject(m.subject);
  doc.setProducer(m.producer);
  doc.setCreator(m.producer);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
export type { PDFDocument as PdfDocument } from "pdf-lib";
export { readPdfExtras, readSignatures } from "./read-attachments.js";
export type { ReadAttachment, PdfSignatureField } from "./read-attachments.js";
export { signWrittenPdf } from "./sign-pdf.js";
export type { SignaturePlaceholder, SignatureSlot } from "./bundle-writer.js";
export { pageDigest } from "./page-digest.js";
