/// <reference lib="dom" />
/**
 * Suggested boxes (browser code): the regions the last build burnt out of the image because its OCR words (or a
 * capture's page text) matched a redaction rule, drawn dashed and numbered, with a legend of their rules above the
 * image. A click on a box or on its line of the legend accepts it: it is written to the sidecar's `redact` as a box of
 * the item's own (reason: the rule, basis: the rule's basis), so the redaction no longer depends on OCR reading the
 * same words the same way next time. (Rules as labels on the image itself covered the very words they mark.)
 */
import type { ReviewItem, SuggestedBox } from "../types.js";
import { placeBox } from "./draw.js";

/** Draw `item`'s suggestions on `layer` and list them in `legend`; `accept` gets the one clicked. */
export function drawSuggestions(
  layer: HTMLElement,
  legend: HTMLElement,
  img: HTMLImageElement,
  item: ReviewItem,
  accept: (s: SuggestedBox) => void,
): void {
  for (const b of layer.querySelectorAll(".box.suggested")) b.remove();
  const lines: HTMLElement[] = [];
  for (const [i, s] of (item.suggested ?? []).entries()) {
    const by = s.layer === "ocr" ? "OCR" : "the page text";
    const b = document.createElement("button");
    b.type = "button";
    b.className = "box suggested";
    b.dataset.suggested = String(i);
    b.title = `${i + 1}. Found by ${by} in the last build: ${s.rule}. Click to keep it as a box of this item.`;
    const tag = document.createElement("span");
    tag.textContent = String(i + 1);
    b.append(tag);
    placeBox(b, img, s);
    // A click here accepts; it must not start a new box on the image beneath.
    b.addEventListener("mousedown", (e) => e.stopPropagation());
    b.addEventListener("click", (e) => {
      e.stopPropagation();
      accept(s);
    });
    layer.append(b);
    const line = document.createElement("button");
    line.type = "button";
    line.className = "suggestion";
    line.dataset.suggested = String(i);
    line.textContent = `${i + 1}. ${s.rule}${s.basis ? ` (${s.basis})` : ""} — keep`;
    line.addEventListener("click", () => accept(s));
    line.addEventListener("mouseenter", () => b.classList.add("hot"));
    line.addEventListener("mouseleave", () => b.classList.remove("hot"));
    lines.push(line);
  }
  legend.replaceChildren(...lines);
  legend.hidden = lines.length === 0;
}

/** The text above the legend: how many suggestions there are and where they come from. */
export function suggestionsNote(item: ReviewItem): string {
  const n = item.suggested?.length ?? 0;
  if (!item.image || n === 0) return "";
  return (
    `${n} region${n === 1 ? "" : "s"} (dashed, numbered) the last build blacked out because their words match a redaction ` +
    "rule. Click one, on the image or below, to keep it as a box of this item, whatever OCR reads next time."
  );
}
