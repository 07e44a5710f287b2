/**
 * Links from one PDF into another: Chromium writes <a href> as URI actions, so appendix templates link to
 * a placeholder URL ("https://exhibits.invalid/bundle.pdf#page=12") that is rewritten here into a GoToR
 * action opening the sibling file at that page — what PDF readers follow between files in one folder.
 */
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, PDFString } from "pdf-lib";

export const LINK_BASE = "https://exhibits.invalid/";

/** Rewrite the placeholder links of every page of `doc` in place; returns how many were rewritten. */
export function rewriteRemoteLinks(doc: PDFDocument, relativeTo: string): number {
  let links = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookup(i, PDFDict);
      const action = annot.lookupMaybe(PDFName.of("A"), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of("URI"), PDFString)?.decodeText();
      const m = uri ? /^https:\/\/exhibits\.invalid\/([^#]+)#page=(\d+)$/.exec(uri) : null;
      if (!action || !m) continue;
      const file = relativeTo + m[1];
      const goTo = doc.context.obj({
        S: "GoToR",
        F: doc.context.obj({ Type: "Filespec", F: PDFString.of(file), UF: PDFString.of(file) }),
        D: doc.context.obj([PDFNumber.of(Number(m[2]) - 1), PDFName.of("Fit")]),
        NewWindow: false,
      });
      annot.set(PDFName.of("A"), goTo);
      links++;
    }
  }
  return links;
}
