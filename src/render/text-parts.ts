/**
 * Redacted segments → what one twin shows: public gets replacements, sealed the originals highlighted; each
 * redacted span keeps its mark as an anchor, so the build can tell on which page of the print it landed.
 * Control characters a record holds (other than tab and line breaks) are shown as their Unicode pictures
 * (␇ for BEL, ␌ for a form feed) or, for C1 controls that have none, as <U+0085>: Chromium would draw an
 * empty box for them, which the glyph check refuses (browser/glyph-check.ts).
 */
import type { TextSegment } from "../model/redaction.js";
import type { Twin } from "../model/twin.js";

export interface TextPart {
  text: string;
  cls: string;
  rule?: string;
  /** The redacted span's anchor in this twin's print ("public-r…-3"): where the build finds the page it landed on. */
  anchor?: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** `text` with its control characters shown (see above). */
export function showControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const cp = c.charCodeAt(0);
    if (cp < 0x20) return String.fromCharCode(0x2400 + cp);
    return cp === 0x7f ? "\u2421" : `<U+${cp.toString(16).toUpperCase().padStart(4, "0")}>`;
  });
}

export function partsFor(segments: readonly TextSegment[], twin: Twin): TextPart[] {
  return segments.map((s) => {
    if ("text" in s) return { text: showControls(s.text), cls: "" };
    const anchor = s.mark ? { anchor: `${twin}-${s.mark}` } : {};
    return twin === "public"
      ? { text: showControls(s.replacement), cls: "redacted", rule: s.rule, ...anchor }
      : { text: showControls(s.original), cls: "highlight", rule: s.rule, ...anchor };
  });
}

export function hasRedaction(segments: readonly TextSegment[]): boolean {
  return segments.some((s) => !("text" in s));
}
