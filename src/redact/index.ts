/**
 * Stage 6, redact. One Redactor per build applies the rules to each piece of evidence text as its page model is
 * built (stage 3), returns segments both twins can render (public shows the replacement, sealed the original
 * highlighted), and records every redaction — item, place, layer, rule and basis — never the removed text. Each
 * redacted segment carries a mark (an anchor in the printed page) by which the build later finds its page. After
 * the plan, redactionLog() adds the pixel regions of images (images/ burns them in), gives every entry its Bates
 * page, and puts it in bundle order.
 */
import type { RedactionLayer, RedactionLogEntry, RedactionSettings, TextRedactor, TextSegment } from "../model/redaction.js";
import { sha256Bytes } from "../util/hash.js";
import { compileRules, STREET_REPLACEMENT, streetBasis, type CompiledRules } from "./rules.js";

export { compileRules, keepLast4, keepYear, initials } from "./rules.js";
export { exhibitRedactions, redactionLog, redactionLogCsv, REDACTION_LOG_HEADER } from "./log.js";
export { missingBases } from "./bases.js";

export class Redactor implements TextRedactor {
  private readonly rules: CompiledRules;
  private readonly perItem = new Map<string, number>();
  readonly log: RedactionLogEntry[] = [];

  constructor(readonly settings: RedactionSettings) {
    this.rules = compileRules(settings);
  }

  /**
   * Split `text` into plain and redacted segments; every redaction is logged against item and place. This is the one
   * place every rule applies, street lines included, so no kind of document can miss one.
   */
  apply(text: string, item: string, place: string, field?: "street-address", layer: RedactionLayer = "text"): TextSegment[] {
    if (field === "street-address" && this.settings.streetAddresses && text.trim() !== "") {
      const mark = this.push({ item, place, layer, rule: "street-address", basis: streetBasis(this.settings) });
      return [{ original: text, replacement: STREET_REPLACEMENT, rule: "street-address", mark }];
    }
    const matches = this.rules.find(text);
    if (matches.length === 0) return [{ text }];
    const out: TextSegment[] = [];
    let at = 0;
    for (const m of matches) {
      if (m.start > at) out.push({ text: text.slice(at, m.start) });
      const mark = this.push({ item, place, layer, rule: m.rule, name: m.name, basis: m.basis });
      out.push({ original: text.slice(m.start, m.end), replacement: m.replacement, rule: m.rule, mark });
      at = m.end;
    }
    if (at < text.length) out.push({ text: text.slice(at) });
    return out;
  }

  /** Record a redaction made elsewhere (pixel regions, street lines). */
  record(entry: RedactionLogEntry): void {
    this.log.push(entry);
  }

  get count(): number {
    return this.log.length;
  }

  /**
   * Log a text redaction and name it: a mark made of the item's id (hashed: an id is a path, and a mark must be a
   * plain anchor name) and the redaction's number within the item, so it is stable from build to build and unique
   * in any print (two items' pieces may share one).
   */
  private push(entry: Omit<RedactionLogEntry, "mark">): string {
    const n = (this.perItem.get(entry.item) ?? 0) + 1;
    this.perItem.set(entry.item, n);
    const mark = `r${sha256Bytes(entry.item).slice(7, 19)}-${n}`;
    const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as Omit<RedactionLogEntry, "mark">;
    this.log.push({ ...clean, mark });
    return mark;
  }
}

/** The public text of segments (what may be filed). */
export function publicText(segments: readonly TextSegment[]): string {
  return segments.map((s) => ("text" in s ? s.text : s.replacement)).join("");
}
