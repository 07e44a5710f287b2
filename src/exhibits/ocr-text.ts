/**
 * The OCR words of an image page, as its invisible text layer. In the public twin, words under a redacted region
 * are left out (a word that touches one is dropped whole): hidden pixels must not stay searchable.
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import type { PixelRegion } from "../model/redaction.js";
import type { Twin } from "../model/twin.js";
import type { ImageText } from "../pdf/text-layer.js";
import { sha256Bytes } from "../util/hash.js";

export function ocrText(ocr: OcrLayer, it: EvidenceItem, twin: Twin, page = 0): { text: ImageText; width: number } | undefined {
  const words = ocr.items.get(it.id)?.pages[page];
  if (!words || words.words.length === 0) return undefined;
  const regions: readonly PixelRegion[] = twin === "public" && page === 0 && it.payload.type === "image" ? (it.redact ?? []) : [];
  const boxes = words.words
    .filter((w) => !regions.some((r) => w.x < r.x + r.width && w.x + w.width > r.x && w.y < r.y + r.height && w.y + w.height > r.y))
    .map((w) => ({ x: w.x, y: w.y, width: w.width, height: w.height, text: w.text }));
  return { text: { boxes, offsetY: 0 }, width: words.width };
}

/** What an exhibit's composed pages depend on of an item's OCR: the engine and every word (null: none). */
export function ocrDigest(ocr: OcrLayer, id: string): string | null {
  const r = ocr.items.get(id);
  return r ? sha256Bytes(JSON.stringify([ocr.engine, r.pages])) : null;
}
