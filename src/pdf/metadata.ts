/** Fixed document metadata: everything set by us, dates from the build time, nothing from the wall clock. */
import type { PDFDocument } from "pdf-lib";

export interface DocMetadata {
  title: string;
  subject: string;
  keywords: string[];
  producer: string;
  builtAt: string;
}

export function applyMetadata(doc: PDFDocument, m: DocMetadata): void {
  const at = new Date(Date.parse(m.builtAt));
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  doc.setSubject(m.subject);
  doc.setKeywords(m.keywords);
  doc.setProducer(m.producer);
  doc.setCreator(m.producer);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
}
