/**
 * An appendix as filed, from Chromium's render of it: the rendered pieces (one, or the chunks of a long
 * table rendered apart so that a rebuild re-renders only the chunk that changed) joined in order, the
 * placeholder links turned into links to sibling files, and fixed metadata (title, dates, producer; nothing
 * from Chromium). One pdf-lib pass: each piece is parsed once and the result saved once.
 */
import { PDFDocument } from "pdf-lib";
import { rewriteRemoteLinks } from "./remote-links.js";

export interface AppendixMetadata {
  title: string;
  subject?: string;
  producer: string;
  builtAt: string;
}

export async function finishAppendix(renders: readonly Uint8Array[], linksRelativeTo: string, m: AppendixMetadata): Promise<Uint8Array> {
  if (renders.length === 0) throw new Error("an appendix needs at least one rendered piece");
  const pieces = await Promise.all(renders.map((r) => PDFDocument.load(r, { updateMetadata: false })));
  let doc = pieces[0]!;
  if (pieces.length > 1) {
    doc = await PDFDocument.create({ updateMetadata: false });
    for (const piece of pieces) for (const page of await doc.copyPages(piece, piece.getPageIndices())) doc.addPage(page);
  }
  rewriteRemoteLinks(doc, linksRelativeTo);
  const at = new Date(Date.parse(m.builtAt));
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  if (m.subject) doc.setSubject(m.subject);
  doc.setProducer(m.producer);
  doc.setCreator(m.producer);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
