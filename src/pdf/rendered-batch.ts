/**
 * What the build needs to know about a PDF Chromium printed from many documents at once: how many pages it
 * has, on which page each document starts (the named destination Chromium writes for every element a link
 * points at), and a digest of each page (what an exhibit made from those pages is keyed by).
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import { pageDigest } from "./page-digest.js";

export interface RenderedBatchFacts {
  pages: number;
  /** Named destination → 0-based index of the page it points at. */
  starts: Record<string, number>;
  /** pageDigest of every page, in order. */
  pageDigests: string[];
}

export async function renderedBatchFacts(pdf: Uint8Array): Promise<RenderedBatchFacts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  const indexOf = new Map(pages.map((p, i) => [p.ref.tag, i]));
  const starts: Record<string, number> = {};
  const add = (name: string, dest: PDFObject | undefined) => {
    let d = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
    if (d instanceof PDFDict) d = d.get(PDFName.of("D")); // a destination given as << /D [...] >>
    if (d instanceof PDFRef) d = doc.context.lookup(d);
    const page = d instanceof PDFArray ? d.get(0) : undefined;
    const at = page instanceof PDFRef ? indexOf.get(page.tag) : undefined;
    if (at !== undefined) starts[name] = at;
  };
  // PDF 1.1 style (what Chromium writes): the catalog's /Dests dictionary.
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  // PDF 1.2 style: the /Dests name tree under /Names.
  const tree = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(tree, 0);
  return { pages: pages.length, starts, pageDigests: pages.map((_, i) => pageDigest(doc, i)) };
}
