/**
 * Stage 5, consistency (issue 20, identity): the marks an exhibit claims against the words its pages show. Only word
 * marks can be seen in text ("ROCKSTUD"); a logo, a design or trade dress cannot, so they are never judged here. An
 * item that claims a word mark its text never shows is what an opponent points at first ("Exhibit 3 is cited for
 * ROCKSTUD; the word is nowhere on it"); a seller's page that shows a word mark it does not claim is a mark left out
 * of the count (Schedule A, damages). The text is what the tool read (page text, a PDF's text layer, OCR words), so
 * a word OCR could not read is reported too, and says so: acknowledge it once the page has been looked at.
 */
import type { Mark } from "../model/case.js";
import type { ConsistencyFinding } from "../model/consistency.js";
import type { EvidenceItem } from "../model/evidence.js";
import { finding } from "./finding-id.js";

/** A mark whose name is words to be read, not a picture: no "logo", "design", "trade dress", "device", "stylized". */
export function isWordMark(m: Pick<Mark, "name">): boolean {
  return /\p{L}/u.test(m.name) && !/\b(?:logo|design|device|trade ?dress|styli[sz]ed|emblem|pattern|shape|colou?r)\b/i.test(m.name);
}

/** The mark's words as a pattern, whole, in any case and spacing ("ROCKSTUD", "Rockstud", "ROCK STUD"); undefined without letters. */
function markPattern(name: string): RegExp | undefined {
  const letters = [...name.normalize("NFKC")].filter((c) => /[\p{L}\p{N}]/u.test(c));
  if (letters.length === 0) return undefined;
  const pattern = letters.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\-.·]?");
  return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "iu");
}

/** Whether the text shows the mark's words (see markPattern). */
export function showsMark(text: string, name: string): boolean {
  return markPattern(name)?.test(text.normalize("NFKC")) ?? false;
}

/** Kinds whose pages are the seller's offering: a mark they show is a mark the case may claim. */
const SELLER_PAGES = new Set(["listing", "screenshot"]);

export function markFindings(
  marks: readonly Mark[],
  items: readonly EvidenceItem[],
  texts: ReadonlyMap<string, string>,
): ConsistencyFinding[] {
  const words = marks.flatMap((m) => {
    const pattern = isWordMark(m) ? markPattern(m.name) : undefined;
    return pattern ? [{ ...m, pattern }] : [];
  });
  const out: ConsistencyFinding[] = [];
  for (const item of items) {
    const raw = texts.get(item.id);
    if (!raw || item.publicRecord || words.length === 0) continue; // a registration certificate is not the seller's use
    const text = raw.normalize("NFKC");
    for (const m of words) {
      const claimed = item.marks.includes(m.id);
      const shown = m.pattern.test(text);
      if (claimed && !shown)
        out.push(
          finding({
            check: "mark-not-shown",
            class: "identity",
            severity: "warning",
            defendantId: item.defendantId,
            key: [item.id, m.id, "claimed"],
            items: [{ itemId: item.id, what: `claims ${m.name} (${m.id})` }],
            message:
              `the item claims the word mark ${m.name}, but the word is nowhere in its text as read (page text, PDF text ` +
              `or OCR words); if it is shown only in a picture the OCR could not read, say where`,
            opponent: `the exhibit cited for ${m.name} does not show ${m.name}`,
          }),
        );
      else if (!claimed && shown && SELLER_PAGES.has(item.kind))
        out.push(
          finding({
            check: "mark-unclaimed",
            class: "identity",
            severity: "note",
            defendantId: item.defendantId,
            key: [item.id, m.id, "shown"],
            items: [{ itemId: item.id, what: `shows the words ${m.name}` }],
            message:
              `the seller's page shows the word mark ${m.name}, which the item does not claim (its marks: ` +
              `${item.marks.length > 0 ? item.marks.join(", ") : "none"}); add ${m.id} to its marks if it is used there`,
            opponent: `the plaintiff left ${m.name} out of its own count for this page (or claims it inconsistently elsewhere)`,
          }),
        );
    }
  }
  return out;
}
