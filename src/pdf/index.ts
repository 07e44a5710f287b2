/** The pdf-lib room: compose and stamp exhibit PDFs, write the streamed bundle, read PDFs back. */
import { PDFDocument } from "pdf-lib";

export { composeExhibitParts, PART_PAGES } from "./compose-exhibit.js";
export type { ExhibitSources, ExhibitPart } from "./compose-exhibit.js";
export { joinPdfParts } from "./join-parts.js";
export type { JoinPart, JoinedPdf, MergedInfo, PdfAttachment, PartLayout, PreviousFile } from "./join-parts.js";
export { checkCarriedPdf, PdfDamagedError } from "./check/index.js";
export type { CheckedPdf } from "./check/index.js";

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** Page count of a PDF, or an Error with pdf-lib's reason when it cannot be read. */
export async function countPages(bytes: Uint8Array): Promise<number> {
  return (await loadPdf(bytes)).getPageCount();
}
export { LINK_BASE } from "./remote-links.js";
export { finishAppendixPiece } from "./finish-appendix.js";

export type { PDFDocument as PdfDocument } from "pdf-lib";
export { readPdfExtras, readSignatures } from "./read-attachments.js";
export type { PdfExtras, PdfExtrasOptions } from "./read-attachments.js";
export { pageContentDigests } from "./page-content-digest.js";
export { labelAsWrittenBefore, labelObject, pageLabels } from "./page-labels.js";
export type { ReadAttachment, PdfSignatureField } from "./read-attachments.js";
export { signWrittenPdf } from "./sign-pdf.js";
export type { SignaturePlaceholder, SignatureSlot } from "./join-parts.js";
export { pageDigest } from "./page-digest.js";
export { renderedBatchFacts } from "./rendered-batch.js";
export type { RenderedBatchFacts } from "./rendered-batch.js";
export { readPrintedText } from "./printed-text.js";
export type { PrintedText, NotdefGlyph } from "./printed-text.js";
export { pdfPageWords, PopplerError } from "./page-words.js";
export type { PdfPageWords } from "./page-words.js";
export { HIT_PAD_POINTS, pageHits, pdfPageHits } from "./page-hits.js";
export { redactPdfPage, REDACT_DPI } from "./redact-page.js";
export type { RedactedPdfPage } from "./redact-page.js";
