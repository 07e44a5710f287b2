/**
 * An appendix piece as filed, from Chromium's render of it: its placeholder links turned into links to
 * sibling files, and its pages numbered (through the whole appendix). An appendix is one piece, or the
 * chunks of a long table rendered apart (so that a rebuild re-renders only the chunk that changed); the
 * finished pieces are joined by the streamed writer (joinPdfParts), which gives the file its fixed metadata
 * (title, dates, producer; nothing from Chromium) and, when the previous build's file is at hand, copies the
 * unchanged pieces' bytes from it.
 */
import { PDFDocument } from "pdf-lib";
import { numberPages, type PageNumbering } from "./page-numbers.js";
import { rewriteRemoteLinks } from "./remote-links.js";

export async function finishAppendixPiece(render: Uint8Array, linksRelativeTo: string, numbering: PageNumbering): Promise<Uint8Array> {
  const doc = await PDFDocument.load(render, { updateMetadata: false });
  rewriteRemoteLinks(doc, linksRelativeTo);
  numberPages(doc, numbering);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
