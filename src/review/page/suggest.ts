/// <reference lib="dom" />
/**
 * Suggested boxes (browser code): the regions the last build burnt out of the image because its OCR words (or a
 * capture's page text) matched a redaction rule, drawn dashed with their rule. A click accepts one: it is written to
 * the sidecar's `redact` as a box of the item's own (reason: the rule, basis: the rule's basis), so the redaction no
 * longer depends on OCR reading the same words the same way next time.
 */
import type { ReviewItem, SuggestedBox } from "../types.js";
import { placeBox } from "./draw.js";

/** Draw `item`'s suggestions on `layer`; `accept` gets the one clicked. */
export function drawSuggestions(layer: HTMLElement, img: HTMLImageElement, item: ReviewItem, accept: (s: SuggestedBox) => void): void {
  for (const b of layer.querySelectorAll(".box.suggested")) b.remove();
  for (const [i, s] of (item.suggested ?? []).entries()) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "box suggested";
    b.dataset.suggested = String(i);
    const by = s.layer === "ocr" ? "OCR" : "the page text";
    b.title = `Found by ${by} in the last build: ${s.rule}. Click to keep it as a box of this item.`;
    const label = document.createElement("span");
    label.textContent = `${s.rule} — accept`;
    b.append(label);
    placeBox(b, img, s);
    // A click here accepts; it must not start a new box on the image beneath.
    b.addEventListener("mousedown", (e) => e.stopPropagation());
    b.addEventListener("click", (e) => {
      e.stopPropagation();
      accept(s);
    });
    layer.append(b);
  }
}

/** The text under the image: how many suggestions there are and where they come from. */
export function suggestionsNote(item: ReviewItem): string {
  const n = item.suggested?.length ?? 0;
  if (!item.image) return "";
  if (n === 0) return "";
  return (
    `${n} region${n === 1 ? "" : "s"} (dashed) the last build blacked out because their words match a redaction rule. ` +
    "Click one to keep it as a box of this item, whatever OCR reads next time."
  );
}
