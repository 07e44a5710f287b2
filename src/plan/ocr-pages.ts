/**
 * Which of an exhibit's pages carry an OCR text layer (1-based page numbers within the exhibit), and which image pages
 * OCR found no text on: what the cover sheet and the manifest say of OCR. Pure.
 */
import type { PlannedExhibit } from "../model/exhibit.js";
import type { OcrLayer } from "../model/ocr.js";

export function ocrPages(exhibit: PlannedExhibit, ocr: OcrLayer, itemId?: string): { withText: number[]; empty: number[] } {
  const withText: number[] = [];
  const empty: number[] = [];
  exhibit.pages.forEach((p, i) => {
    if (p.kind !== "image" && p.kind !== "pdf-page") return;
    if (itemId !== undefined && p.itemId !== itemId) return;
    const page = ocr.items.get(p.itemId)?.pages[p.kind === "pdf-page" ? p.pageIndex : 0];
    if (page) (page.words.length > 0 ? withText : empty).push(i + 1);
  });
  return { withText, empty };
}
