/**
 * Did Chromium draw every character it was given? Run on every new print before it is kept (the build's
 * printer, cache/cached-printer.ts): each character of the HTML's visible text must be in the print's text
 * layer, and no glyph may be .notdef (the empty box a font draws for a character it lacks). A miss is an
 * UndrawnCharactersError; the stage that made the HTML names the document and field it came from.
 *
 * What is compared is the set of characters, not their order or count, so shaped scripts (Arabic joining,
 * Indic conjuncts, Thai), right-to-left runs and ligatures compare as written. Both sides are folded the
 * same way, so what the layout changes on purpose is no miss: compatibility forms and ligatures (NFKD), case
 * (CSS text-transform: "ß" printed as "SS"), precomposed or decomposed accents. Not compared: spaces (and
 * HTML's white-space controls), format characters and default-ignorable code points (ZWJ, variation
 * selectors, bidi marks, soft hyphens), which draw nothing; a box drawn for any of them is still caught by
 * the .notdef check. Other control characters are compared: Chromium draws them as boxes.
 */
import type { PrintedText } from "../pdf/printed-text.js";
import { EnvironmentError } from "../util/errors.js";
import { visibleText } from "./html-text.js";
import { describeCharacter } from "./font-coverage.js";

/** What a print failed to draw. */
export interface UndrawnCharacters {
  /** Each character (one code point) that is missing from the text layer or was drawn as .notdef, in code point order. */
  characters: string[];
  /** .notdef glyphs no character could be named for (none when `characters` explains them): page (0-based) and font. */
  boxes: { page: number; font: string }[];
}

/** Drawn as nothing (or as a space), so never expected in a text layer. */
const UNDRAWN = /[\t\n\f\r\p{Z}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const MARK = /\p{M}/u;

const folded = new Map<string, string[]>();
/** One character as the comparison sees it: compatibility-decomposed and case-folded, drawn characters only. */
function fold(ch: string): string[] {
  let f = folded.get(ch);
  if (!f) {
    f = [...ch.normalize("NFKD").toUpperCase().toLowerCase().normalize("NFKD")].filter((c) => !UNDRAWN.test(c));
    if (folded.size < 100_000) folded.set(ch, f);
  }
  return f;
}

const byCodePoint = (a: string, b: string) => a.codePointAt(0)! - b.codePointAt(0)!;

/** The characters of `html` that `printed` does not show, or undefined when every one was drawn. */
export function undrawnCharacters(html: string, printed: PrintedText): UndrawnCharacters | undefined {
  const layer = new Set<string>();
  for (const page of printed.pages) for (const ch of new Set(page)) for (const c of fold(ch)) layer.add(c);
  const missing = new Set<string>();
  for (const ch of new Set(visibleText(html))) {
    if (UNDRAWN.test(ch)) continue;
    if (fold(ch).some((c) => !layer.has(c))) missing.add(ch);
  }
  const boxes: UndrawnCharacters["boxes"] = [];
  for (const glyph of printed.notdef) {
    // A box in a span Chromium labelled with the text it stands for: the span's characters that none of its
    // other glyphs stands for ("ậ" drawn as a and two boxes: the two marks); of those, the base characters
    // when there are any (a mark on a missing base is drawn as a box along with it).
    const said = [...(glyph.actualText ?? "")].filter((c) => !UNDRAWN.test(c));
    const drawn = new Set([...(glyph.drawnInSpan ?? "")].flatMap(fold));
    const undrawn = said.filter((c) => fold(c).some((f) => !drawn.has(f)));
    const candidates = undrawn.length > 0 ? undrawn : said;
    const bases = candidates.filter((c) => !MARK.test(c));
    const named = bases.length > 0 ? bases : candidates;
    if (named.length > 0) for (const c of named) missing.add(c);
    else boxes.push({ page: glyph.page, font: glyph.font });
  }
  if (missing.size === 0 && boxes.length === 0) return undefined;
  // A box outside any labelled span is the glyph of a character missing from the layer, when there is one.
  return { characters: [...missing].sort(byCodePoint), boxes: missing.size > 0 ? [] : boxes };
}

/**
 * A print that did not draw every character. Where it is raised the document is not known: the stage that
 * made the HTML catches it and says which document and field (browser/font-coverage.ts: undrawnError()).
 */
export class UndrawnCharactersError extends EnvironmentError {
  constructor(readonly undrawn: UndrawnCharacters) {
    super(
      undrawn.characters.length > 0
        ? `Chromium drew no glyph for ${undrawn.characters.map(describeCharacter).join(", ")}: it would print as an empty box or not at all`
        : `Chromium drew ${undrawn.boxes.length} glyph(s) as empty boxes (.notdef) in ` +
            [...new Set(undrawn.boxes.map((b) => `${b.font} on page ${b.page + 1}`))].join(", "),
    );
  }
}
