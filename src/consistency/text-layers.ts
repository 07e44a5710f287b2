/**
 * Stage 5, consistency (pure): the words OCR read on each item, as lines of text (words sharing a baseline, left to
 * right), for the identifiers links.ts and identity.ts look for. Words under OCR_FACT_CONFIDENCE are never facts.
 */
import { OCR_FACT_CONFIDENCE, type OcrLayer, type OcrWord } from "../model/ocr.js";

/** One page's words as lines: a word joins the line whose middle its own middle is within half a word's height of. */
export function linesOf(words: readonly OcrWord[]): string {
  const kept = words.filter((w) => w.confidence >= OCR_FACT_CONFIDENCE && w.text.trim());
  const sorted = [...kept].sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2) || a.x - b.x);
  const lines: { mid: number; words: OcrWord[] }[] = [];
  for (const w of sorted) {
    const mid = w.y + w.height / 2;
    const line = lines.find((l) => Math.abs(l.mid - mid) <= w.height / 2);
    if (line) line.words.push(w);
    else lines.push({ mid, words: [w] });
  }
  return lines
    .map((l) =>
      [...l.words]
        .sort((a, b) => a.x - b.x)
        .map((w) => w.text)
        .join(" "),
    )
    .join("\n");
}

/** Item id → the text OCR read on its pages (pages in order, a blank line between). */
export function ocrTexts(layer: OcrLayer): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, result] of layer.items) {
    const pages = Object.keys(result.pages)
      .map(Number)
      .sort((a, b) => a - b)
      .map((p) => linesOf(result.pages[p]!.words));
    const text = pages.filter(Boolean).join("\n\n");
    if (text) out.set(id, text);
  }
  return out;
}
