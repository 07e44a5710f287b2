/** Redacted segments → what one twin shows: public gets replacements, sealed the originals highlighted. */
import type { TextSegment } from "../model/redaction.js";
import type { Twin } from "../model/twin.js";

export interface TextPart {
  text: string;
  cls: string;
  rule?: string;
}

export function partsFor(segments: readonly TextSegment[], twin: Twin): TextPart[] {
  return segments.map((s) => {
    if ("text" in s) return { text: s.text, cls: "" };
    return twin === "public"
      ? { text: s.replacement, cls: "redacted", rule: s.rule }
      : { text: s.original, cls: "highlight", rule: s.rule };
  });
}

export function hasRedaction(segments: readonly TextSegment[]): boolean {
  return segments.some((s) => !("text" in s));
}
