/**
 * Stage 6, redact (FRCP 5.2). One Redactor per build applies the rules to each piece of evidence text as its
 * page model is built (stage 3), returns segments both twins can render (public shows the replacement, sealed
 * the original highlighted), and records every redaction — item, place, rule — never the removed text. After
 * the plan, redactionLog() adds the pixel regions of images (images/ burns them in) and puts it in bundle order.
 */
import { LiteralSet, literalOf, type Literal } from "../leaks/literals.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { RedactionLogEntry, RedactionRule, RedactionSettings, TextRedactor, TextSegment } from "../model/redaction.js";
import {
  compileRules,
  initials,
  keepLast4,
  keepYear,
  resolveOverlaps,
  STREET_REPLACEMENT,
  type CompiledRules,
  type Match,
} from "./rules.js";
import { formulaSafe } from "../util/formula-safe.js";
import { evidenceTexts } from "./evidence-texts.js";

export { compileRules, keepLast4, keepYear, initials } from "./rules.js";
export { redactionLog } from "./log.js";
export { captureWords, huntWordLayers } from "./hunt.js";
export { huntPdfPages } from "./hunt-pdf.js";
export type { PageWord } from "../leaks/word-hits.js";

/** What a literal found again shows in the public twin: what its rule shows. */
function replacementOf(rule: RedactionRule, text: string): string {
  if (rule === "financial-account" || rule === "ssn-tin") return keepLast4(text);
  if (rule === "birth-date") return keepYear(text);
  if (rule === "minor-name") return initials(text);
  if (rule === "street-address") return STREET_REPLACEMENT;
  return "[REDACTED]";
}

export class Redactor implements TextRedactor {
  private readonly rules: CompiledRules;
  readonly log: RedactionLogEntry[] = [];
  private readonly found = new Map<string, Literal>();
  private literalSet = new LiteralSet([]);
  /** The original text of every redacted segment: in memory only, for the leak gate; never written anywhere. */
  private readonly removed = new Set<string>();

  constructor(readonly settings: RedactionSettings) {
    this.rules = compileRules(settings);
  }

  /**
   * Before any document is laid out: every value the rules find in any text of these items (every string of
   * their readings, structured street fields as street lines) becomes a literal, hunted in every text after,
   * so a value redacted once is redacted wherever it is written again, labelled or not.
   */
  learn(items: readonly EvidenceItem[]): void {
    for (const { text, street } of evidenceTexts(items)) {
      if (street && this.settings.streetAddresses) this.addLiteral(text, "street-address");
      else for (const m of this.rules.find(text)) this.addLiteral(text.slice(m.start, m.end), m.rule);
    }
  }

  /** Add a value removed elsewhere (a word layer of an image or a PDF) to the values hunted everywhere. */
  addLiteral(value: string, rule: RedactionRule): void {
    const literal = literalOf(value, rule);
    if (!literal || this.found.has(literal.folded)) return;
    this.found.set(literal.folded, literal);
    this.literalSet = new LiteralSet(this.found.values());
  }

  /** Every literal hunted: the values removed anywhere (held in memory only, never written). */
  get literals(): LiteralSet {
    return this.literalSet;
  }

  /** The rules' finds and the literals' in `text`, overlapping finds merged. */
  find(text: string): Match[] {
    const byRule = this.rules.find(text);
    const again = this.literalSet.findEach(text).map(({ start, end, literal }): Match => {
      const rule = literal.rule as RedactionRule;
      return { start, end, rule, replacement: replacementOf(rule, text.slice(start, end)) };
    });
    return again.length === 0 ? byRule : resolveOverlaps(text, [...byRule, ...again]);
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
    const matches = this.find(text);
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

  /** What the leak gate hunts: every value removed from a text, and every value found in any text or word layer. */
  huntedLiterals(): Literal[] {
    const removed = [...this.removed].map((v) => literalOf(v)).filter((l): l is Literal => l !== undefined);
    return [...this.found.values(), ...removed];
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
