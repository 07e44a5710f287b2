/**
 * Stage 6 (redact), on the word layers of images: the OCR words of screenshots and photos, and the DOM text
 * boxes of live captures, searched for every target — the rules (5.2(a) categories, case patterns, street
 * lines) and every value removed anywhere else in the case. A word a target touches is burned out of the
 * public twin's pixels (and so left out of its text layer) as a pixel region naming its rule; each value found
 * joins the values hunted everywhere. Every OCR word counts here, whatever its confidence (a misread word still
 * stands over the pixels of what it misread) — except to the street-line pattern, which ignores noise words.
 */
import { type HitBox, wordHits, type PageWord } from "../leaks/word-hits.js";
import type { TextBox } from "../model/capture.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import { REDACTION_RULES, type PixelRegion } from "../model/redaction.js";
import type { Redactor } from "./index.js";

/** A capture's text boxes (lines) as words, in screenshot pixels (the banner above the page included). */
export function captureWords(boxes: readonly TextBox[], offsetY: number): PageWord[] {
  const words: PageWord[] = [];
  for (const [line, b] of boxes.entries()) {
    const parts = b.text.split(" ");
    const edges = b.words;
    if (edges && edges.length === parts.length * 2) {
      parts.forEach((text, i) => {
        if (text !== "")
          words.push({ text, x: b.x + edges[2 * i]!, y: b.y + offsetY, width: edges[2 * i + 1]! - edges[2 * i]!, height: b.height, line });
      });
    } else words.push({ text: b.text, x: b.x, y: b.y + offsetY, width: b.width, height: b.height, line });
  }
  return words;
}

/**
 * OCR words read below this confidence are noise to the street-line *pattern* (a navigation bar misread as "1 OK ST"
 * would be blacked out as an address); addresses read off real pages and labels score well above it. A value removed
 * elsewhere is still found in them whatever their confidence, and every other rule reads every word.
 */
export const STREET_PATTERN_MIN_CONFIDENCE = 40;

type Word = PageWord & { confidence?: number };

const inside = (a: HitBox, b: HitBox) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** The boxes none of the others holds (the same words found twice are one region). */
function outermost(boxes: readonly HitBox[]): HitBox[] {
  return boxes.filter((b, i) => !boxes.some((o, j) => j !== i && inside(b, o) && (!inside(o, b) || j < i)));
}

/** The regions of one page of words that a target touches, each naming its rule; found values join the hunt. */
export function regionsOfWords(words: readonly Word[], redactor: Redactor, layer: "ocr" | "dom-text"): PixelRegion[] {
  const regions: PixelRegion[] = [];
  // The words as the street pattern reads them: a low-confidence OCR word is a blank (its place kept).
  const legible = words.map((w) => ((w.confidence ?? 100) < STREET_PATTERN_MIN_CONFIDENCE ? { ...w, text: "\u00b7" } : w));
  for (const rule of REDACTION_RULES) {
    let basis: string | undefined;
    const finder = (find: (text: string) => ReturnType<Redactor["find"]>) => (text: string) => {
      const found = find(text).filter((m) => m.rule === rule);
      for (const m of found) redactor.addLiteral(text.slice(m.start, m.end), m);
      basis ??= found.find((m) => m.basis)?.basis;
      return found;
    };
    const boxes =
      rule === "street-address" && layer === "ocr"
        ? outermost([
            ...wordHits(
              words,
              finder((t) => redactor.findLiterals(t)),
              2,
            ).boxes,
            ...wordHits(
              legible,
              finder((t) => redactor.findByRules(t)),
              2,
            ).boxes,
          ])
        : wordHits(
            words,
            finder((t) => redactor.find(t)),
            2,
          ).boxes;
    for (const b of boxes) {
      const x = Math.max(0, Math.floor(b.x));
      const y = Math.max(0, Math.floor(b.y));
      const region = { x, y, width: Math.ceil(b.x + b.width) - x, height: Math.ceil(b.y + b.height) - y, rule, layer };
      regions.push(basis ? { ...region, basis } : region);
    }
  }
  return regions;
}

/**
 * The items with the regions their word layers call for added to their own (`redact`): images by their OCR
 * words, captures by their DOM text. Items without a hit are returned as they were.
 */
export async function huntWordLayers(
  items: readonly EvidenceItem[],
  ocr: OcrLayer,
  redactor: Redactor,
  domWords: (it: EvidenceItem) => Promise<PageWord[] | undefined>,
): Promise<EvidenceItem[]> {
  const out: EvidenceItem[] = [];
  for (const it of items) {
    const found: PixelRegion[] = [];
    if (it.capture) {
      const words = await domWords(it);
      if (words) found.push(...regionsOfWords(words, redactor, "dom-text"));
    } else if (it.payload.type === "image") {
      const page = ocr.items.get(it.id)?.pages[0];
      if (page) found.push(...regionsOfWords(page.words, redactor, "ocr"));
    }
    out.push(found.length > 0 ? { ...it, redact: [...(it.redact ?? []), ...found] } : it);
  }
  return out;
}
