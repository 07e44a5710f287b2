/**
 * Stage 6 (redact), run before stage 3 lays anything out: every text an item's reading holds, so the values the
 * rules remove anywhere are known before the first document is printed. A reading's `street` fields (ship-to
 * addresses) are street lines whatever their words.
 */
import type { EvidenceItem } from "../model/evidence.js";

export interface EvidenceText {
  text: string;
  /** A structured street field: the whole text is a street line. */
  street: boolean;
}

export function* evidenceTexts(items: readonly EvidenceItem[]): Generator<EvidenceText> {
  const stack: { value: unknown; key: string }[] = items.map((it) => ({ value: it.payload, key: "" }));
  while (stack.length > 0) {
    const { value, key } = stack.pop()!;
    if (typeof value === "string") {
      if (value.trim() !== "") yield { text: value, street: key === "street" };
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, key });
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, key: k });
    }
  }
}
