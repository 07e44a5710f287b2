/**
 * What a cover sheet says of an item's OCR text layer: which of the exhibit's pages carry one, made by which engine
 * and languages; or, for image pages without one, why (OCR off, or tesseract not installed). Nothing is said of
 * pages that carry their own text (captures' DOM text, PDF pages with text).
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { OcrLayer } from "../model/ocr.js";
import { ocrPages } from "../plan/index.js";

export function ocrWords(item: EvidenceItem, exhibit: PlannedExhibit, ocr?: OcrLayer): string | undefined {
  if (!ocr || item.capture) return undefined;
  if (!ocr.items.has(item.id)) {
    return item.payload.type === "image" && ocr.skipped ? `These pages have no OCR text layer (${ocr.skipped}).` : undefined;
  }
  const { withText, empty } = ocrPages(exhibit, ocr, item.id);
  const engine = ocr.engine ? `${ocr.engine.name} ${ocr.engine.version}, ${ocr.engine.languages.join("+")}` : "OCR";
  const parts: string[] = [];
  if (withText.length > 0) {
    parts.push(
      `An invisible OCR text layer (${engine}) lies over the words recognised on ${pageList(withText)} of this exhibit, so ` +
        "they can be searched; recognised text may contain errors and is not part of the evidence.",
    );
  }
  if (empty.length > 0) parts.push(`OCR (${engine}) recognised no text on ${pageList(empty)}.`);
  return parts.join(" ") || undefined;
}

/** "page 3", "pages 2–4", "pages 2, 5–6". */
export function pageList(pages: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    runs.push(i === j ? `${pages[i]}` : `${pages[i]}–${pages[j]}`);
    i = j + 1;
  }
  return `${pages.length === 1 ? "page" : "pages"} ${runs.join(", ")}`;
}
