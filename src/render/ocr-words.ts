/**
 * What a cover sheet says, once for the exhibit, of its OCR text layer: which of its pages carry one, made by which
 * engine and languages; or, for image pages without one, why (OCR off, or tesseract not installed). Nothing is said
 * of pages that carry their own text (captures' DOM text, PDF pages with text).
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { OcrLayer } from "../model/ocr.js";
import { ocrPages } from "../plan/index.js";

export function ocrWords(exhibit: PlannedExhibit, items: ReadonlyMap<string, EvidenceItem>, ocr?: OcrLayer): string | undefined {
  if (!ocr) return undefined;
  const imageItems = exhibit.itemIds.map((id) => items.get(id)).filter((i) => i && i.payload.type === "image" && !i.capture);
  if (ocr.skipped) return imageItems.length > 0 ? `The image pages have no OCR text layer (${ocr.skipped}).` : undefined;
  const { withText, empty } = ocrPages(exhibit, ocr);
  const engine = ocr.engine ? `${ocr.engine.name} ${ocr.engine.version}, ${ocr.engine.languages.join("+")}` : "OCR";
  const parts: string[] = [];
  if (withText.length > 0) {
    const pages = pageList(withText);
    parts.push(
      `${pages[0]!.toUpperCase()}${pages.slice(1)} carry an invisible OCR text layer (${engine}): searchable, may misread, not evidence.`,
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
