/**
 * Where targets are on a carried-in PDF's pages: its text layer's words (pdfPageWords) run through the finder the
 * way every word layer is (leaks/word-hits.ts). The redact stage's hunt calls this for each carried-in PDF and puts
 * what it finds in the BuildContext's pdfRedactions; the exhibits stage then burns those regions (public twin) and
 * outlines them (sealed twin).
 */
import { type Finder, wordHits } from "../leaks/word-hits.js";
import type { PageRegion } from "../model/redaction.js";
import { pdfPageWords, type PdfPageWords } from "./page-words.js";

/** How far a burned region reaches beyond the words it covers, in points (antialiased glyph edges). */
export const HIT_PAD_POINTS = 1;

/** The regions to redact on each page with a hit (0-based page index; pages without one are absent). */
export function pageHits(pages: readonly PdfPageWords[], find: Finder): Map<number, PageRegion[]> {
  const hits = new Map<number, PageRegion[]>();
  for (const [i, page] of pages.entries()) {
    const { boxes } = wordHits(page.words, find, HIT_PAD_POINTS);
    if (boxes.length > 0) hits.set(i, boxes);
  }
  return hits;
}

/** pageHits of the PDF at `path` (its words read with poppler). */
export async function pdfPageHits(path: string, find: Finder): Promise<Map<number, PageRegion[]>> {
  return pageHits(await pdfPageWords(path), find);
}
