/**
 * Stage 6, redact (FRCP 5.2). One Redactor per build applies the rules to each piece of evidence text as its
 * page model is built (stage 3), returns segments both twins can render (public shows the replacement, sealed
 * the original highlighted), and records every redaction — item, place, rule — never the removed text. After
 * the plan, redactionLog() adds the pixel regions of images (images/ burns them in) and puts it in bundle order.
 */
import type { RedactionLogEntry, RedactionSettings, TextRedactor, TextSegment } from "../model/redaction.js";
import { compileRules, STREET_REPLACEMENT, type CompiledRules } from "./rules.js";
import { formulaSafe } from "../util/formula-safe.js";

export { compileRules, keepLast4, keepYear, initials } from "./rules.js";
export { redactionLog } from "./log.js";

export class Redactor implements TextRedactor {
  private readonly rules: CompiledRules;
  readonly log: RedactionLogEntry[] = [];
  /** The original text of every redacted segment: in memory only, for the leak gate; never written anywhere. */
  private readonly removed = new Set<string>();

  constructor(readonly settings: RedactionSettings) {
    this.rules = compileRules(settings);
  }

  /**
   * Split `text` into plain and redacted segments; every redaction is logged against item and place. This is the one
   * place every rule applies, street lines included, so no kind of document can miss one.
   */
  apply(text: string, item: string, place: string, field?: "street-address"): TextSegment[] {
    if (field === "street-address" && this.settings.streetAddresses && text.trim() !== "") {
      this.log.push({ item, place, rule: "street-address" });
      this.removed.add(text);
      return [{ original: text, replacement: STREET_REPLACEMENT, rule: "street-address" }];
    }
    const matches = this.rules.find(text);
    if (matches.length === 0) return [{ text }];
    const out: TextSegment[] = [];
    let at = 0;
    for (const m of matches) {
      if (m.start > at) out.push({ text: text.slice(at, m.start) });
      out.push({ original: text.slice(m.start, m.end), replacement: m.replacement, rule: m.rule });
      this.log.push({ item, place, rule: m.rule });
      this.removed.add(text.slice(m.start, m.end));
      at = m.end;
    }
    if (at < text.length) out.push({ text: text.slice(at) });
    return out;
  }

  /** The original of every segment apply() redacted (each once): the literal targets of the leak gate. */
  removedValues(): string[] {
    return [...this.removed];
  }

  /** Record a redaction made elsewhere (pixel regions, street lines). */
  record(entry: RedactionLogEntry): void {
    this.log.push(entry);
  }

  get count(): number {
    return this.log.length;
  }
}

/** The public text of segments (what may be filed). */
export function publicText(segments: readonly TextSegment[]): string {
  return segments.map((s) => ("text" in s ? s.text : s.replacement)).join("");
}

/** The redaction log as CSV (item, place, rule; never the removed text). */
export function redactionLogCsv(entries: readonly RedactionLogEntry[]): string {
  const q = (text: string) => {
    const s = formulaSafe(text);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return ["exhibit,item,place,rule", ...entries.map((e) => [e.exhibit ?? "", e.item, e.place, e.rule].map(q).join(","))].join("\n") + "\n";
}
