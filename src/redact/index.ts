/**
 * Stage 6, redact. One Redactor per build applies the rules to each piece of evidence text as its page model is
 * built (stage 3), returns segments both twins can render (public shows the replacement, sealed the original
 * highlighted), and records every redaction — item, place, layer, rule and basis — never the removed text. Each
 * redacted segment carries a mark (an anchor in the printed page) by which the build later finds its page. After
 * the plan, redactionLog() adds the pixel regions of images (images/ burns them in), gives every entry its Bates
 * page, and puts it in bundle order.
 */
import { LiteralSet, literalOf, type Literal } from "../leaks/literals.js";
import type { EvidenceItem } from "../model/evidence.js";
import {
  RULE_BASES,
  type RedactionLayer,
  type RedactionLogEntry,
  type RedactionRule,
  type RedactionSettings,
  type TextRedactor,
  type TextSegment,
} from "../model/redaction.js";
import { sha256Bytes } from "../util/hash.js";
import { evidenceTexts } from "./evidence-texts.js";
import {
  compileRules,
  initials,
  keepLast4,
  keepYear,
  resolveOverlaps,
  STREET_REPLACEMENT,
  streetBasis,
  type CompiledRules,
  type Match,
} from "./rules.js";

export { compileRules, keepLast4, keepYear, initials } from "./rules.js";
export { exhibitRedactions, redactionLog, redactionLogCsv, REDACTION_LOG_HEADER } from "./log.js";
export { missingBases } from "./bases.js";
export { captureWords, huntWordLayers, regionsOfWords } from "./hunt.js";
export { huntPdfPages } from "./hunt-pdf.js";
export type { PageWord } from "../leaks/word-hits.js";

/** What a literal found again shows in the public twin: what its rule shows. */
function replacementOf(rule: RedactionRule, text: string): string {
  if (rule === "financial-account" || rule === "ssn-tin") return keepLast4(text);
  if (rule === "birth-date") return keepYear(text);
  if (rule === "minor-name") return initials(text);
  return STREET_REPLACEMENT;
}

/** A value hunted everywhere, with the rule and basis of the redaction that first removed it. */
type HuntedLiteral = Literal & { basis?: string; name?: string };

export class Redactor implements TextRedactor {
  private readonly rules: CompiledRules;
  private readonly perItem = new Map<string, number>();
  readonly log: RedactionLogEntry[] = [];
  private readonly found = new Map<string, HuntedLiteral>();
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
      if (street && this.settings.streetAddresses) this.addLiteral(text, { rule: "street-address", basis: streetBasis(this.settings) });
      else for (const m of this.rules.find(text)) this.addLiteral(text.slice(m.start, m.end), m);
    }
  }

  /** Add a value removed elsewhere (a word layer of an image or a PDF) to the values hunted everywhere. */
  addLiteral(value: string, by: { rule: RedactionRule; basis?: string; name?: string }): void {
    const literal = literalOf(value, by.rule);
    if (!literal || this.found.has(literal.folded)) return;
    const hunted: HuntedLiteral = { ...literal, ...(by.basis ? { basis: by.basis } : {}), ...(by.name ? { name: by.name } : {}) };
    this.found.set(literal.folded, hunted);
    this.literalSet = new LiteralSet(this.found.values());
  }

  /** Every literal hunted: the values removed anywhere (held in memory only, never written). */
  get literals(): LiteralSet {
    return this.literalSet;
  }

  /** The rules' finds and the literals' in `text`, overlapping finds merged. */
  find(text: string): Match[] {
    const byRule = this.rules.find(text);
    const again = this.findLiterals(text);
    return again.length === 0 ? byRule : resolveOverlaps(text, [...byRule, ...again]);
  }

  /** What the rules alone find (no value removed elsewhere). */
  findByRules(text: string): Match[] {
    return this.rules.find(text);
  }

  /** Where a value removed elsewhere is written again in `text`, each under the rule that removed it. */
  findLiterals(text: string): Match[] {
    return this.literalSet.findEach(text).map(({ start, end, literal }): Match => {
      const { rule, basis, name } = literal as HuntedLiteral & { rule: RedactionRule };
      const b = basis ?? RULE_BASES[rule];
      return {
        start,
        end,
        rule,
        replacement: replacementOf(rule, text.slice(start, end)),
        ...(b ? { basis: b } : {}),
        ...(name ? { name } : {}),
      };
    });
  }

  removedValues(): string[] {
    return [...this.removed];
  }

  /** What the leak gate hunts: every value removed from a text, and every value found in any text or word layer. */
  huntedLiterals(): Literal[] {
    const removed = [...this.removed].map((v) => literalOf(v)).filter((l): l is Literal => l !== undefined);
    return [...this.found.values(), ...removed];
  }

  /**
   * Split `text` into plain and redacted segments; every redaction is logged against item and place. This is the one
   * place every rule applies, street lines included, so no kind of document can miss one.
   */
  apply(text: string, item: string, place: string, field?: "street-address", layer: RedactionLayer = "text"): TextSegment[] {
    if (field === "street-address" && this.settings.streetAddresses && text.trim() !== "") {
      const mark = this.push({ item, place, layer, rule: "street-address", basis: streetBasis(this.settings) });
      this.removed.add(text);
      return [{ original: text, replacement: STREET_REPLACEMENT, rule: "street-address", mark }];
    }
    const matches = this.find(text);
    if (matches.length === 0) return [{ text }];
    const out: TextSegment[] = [];
    let at = 0;
    for (const m of matches) {
      if (m.start > at) out.push({ text: text.slice(at, m.start) });
      const mark = this.push({ item, place, layer, rule: m.rule, name: m.name, basis: m.basis });
      this.removed.add(text.slice(m.start, m.end));
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
