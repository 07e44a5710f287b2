/**
 * Text rules, each with its basis. The four Fed. R. Civ. P. 5.2(a) categories show what 5.2(a) lets a filing
 * keep: financial-account and SSN/TIN numbers their last 4 digits (5.2(a)(4), (a)(1)), birth dates their year
 * ((a)(2)), minors' names their initials ((a)(3)). Everything else — case patterns, and (with `streetAddresses`)
 * street lines — rests on the basis the filer names in case.yaml, and shows "[REDACTED]": the public face never
 * names a rule. Replacements keep the original's length where they can (digits become X), so the public and
 * sealed twins usually paginate alike.
 * Order IDs, ASINs, PayPal transaction IDs and tracking numbers are evidence and are never touched: a number is a card
 * or an IBAN only by its check digits and shape (identifiers.ts), and an unchecked number only when it is labelled as
 * an account and no evidence label (tracking, order, transaction…) stands nearer to it.
 */
import { BASIS_FOR_COUNSEL, REDACTED_MARKER, RULE_BASES, type RedactionRule, type RedactionSettings } from "../model/redaction.js";
import { foldedText } from "../leaks/literals.js";
import { cardIssuer, findIbans, maskIban } from "./identifiers.js";
import { findStreetLines } from "./streets.js";

/** What a street line becomes in the public twin. */
export const STREET_REPLACEMENT = REDACTED_MARKER;

export interface Match {
  start: number;
  end: number;
  replacement: string;
  rule: RedactionRule;
  /** The case pattern's name (rule "case-pattern"). */
  name?: string;
  /** What allows it; absent when the filer has not named it (never invented). */
  basis?: string;
}

/** The basis of a street-address redaction: the one case.yaml names, or none (`streetAddresses: true`). */
export function streetBasis(settings: Pick<RedactionSettings, "streetAddresses">): string | undefined {
  return typeof settings.streetAddresses === "object" ? settings.streetAddresses.basis : undefined;
}

/** A match of a 5.2(a) category, with the paragraph it rests on. */
function category(start: number, end: number, replacement: string, rule: RedactionRule): Match {
  return { start, end, replacement, rule, basis: RULE_BASES[rule] };
}

/** Replace every digit except the last four with X; separators stay. */
export function keepLast4(s: string): string {
  const total = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => (++seen > total - 4 ? d : "X"));
}

// 12–19 digits, optionally grouped by single spaces or dashes, not part of a longer number.
const DIGIT_RUN = /(?<!\d[ -]?|[A-Za-z])\d(?:[ -]?\d){11,18}(?![ -]?\d|[A-Za-z])/g;
// Amazon order id shape (3-7-7): evidence, never redacted.
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
/**
 * Labels before a number: an account label makes an unchecked number an account number, unless an evidence label
 * stands between them ("paid by card; USPS tracking 9205…" is a tracking number).
 */
const ACCOUNT_LABEL = /^(?:account|acct|a\/c|iban|routing|bank|card|konto|kontonummer)$/i;
const LABELS = new RegExp(
  String.raw`(?<![\p{L}])(?:account|acct|a/c|iban|routing|bank|card|konto|kontonummer|tracking|track|order|transaction|txn|` +
    String.raw`shipment|parcel|package|invoice|receipt|reference|ref|awb|waybill|asin|item|sku|isbn|ean|upc|sendung|bestellung)`,
  "giu",
);

/** Whether the nearest label in the (at most 40) characters before a number is an account label, at most 24 before it. */
function labelledAccount(before: string): boolean {
  const labels = [...before.matchAll(LABELS)];
  const last = labels[labels.length - 1];
  if (!last || !ACCOUNT_LABEL.test(last[0])) return false;
  const gap = before.slice(last.index + last[0].length);
  return gap.length <= 24 && !gap.includes("\n");
}
const SSN = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g;
const SSN_BARE = new RegExp(
  String.raw`((?:ssn|social security(?: number| no\.?)?|tin|taxpayer id(?:entification)?(?: number)?)` +
    String.raw`[\s:#-]*(?:(?:is|was|no\.?)\s*)?)(\d{9})(?!\d)`,
  "gi",
);
const EIN = /((?:ein|tin|tax id|employer identification number)\W{0,6})(\d{2}-\d{7})(?!\d)/gi;
const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" +
  "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DATE_FORMS = [
  `\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})`,
  `\\d{4}-\\d{1,2}-\\d{1,2}`,
  `(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`,
  `\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})\\.?,? \\d{4}`,
].join("|");
const BIRTH = new RegExp(
  `((?:date of birth|birth ?date|birthday|born(?: on)?|d\\.?o\\.?b\\.?|b-day|geboren(?: am)?)[\\s:,-]{0,4}(?:is |was |on ` +
    `)?)(${DATE_FORMS})`,
  "gi",
);

/** Birth date → only the year survives ("04/12/1987" → "XX/XX/1987", "1987-04-12" → "1987-XX-XX"). */
export function keepYear(date: string): string {
  const mask = (s: string) => s.replace(/[0-9A-Za-z]/g, "X");
  const four = /\d{4}/.exec(date);
  if (four) return mask(date.slice(0, four.index)) + four[0] + mask(date.slice(four.index + 4));
  // Two-digit year (04/12/87): the last group is the year.
  const lastSep = Math.max(date.lastIndexOf("/"), date.lastIndexOf("."), date.lastIndexOf("-"));
  return mask(date.slice(0, lastSep)) + date.slice(lastSep);
}

export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((p) => `${[...p][0]?.toUpperCase() ?? ""}.`)
    .join("");
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Letters and digits only, as literals compare them: "No. 77 Mingzhi Road," and "77 MINGZHI ROAD" compare alike. */
const folded = (s: string) => foldedText(s.normalize("NFKC"));

/**
 * Whether a street line is one of the public addresses' own street lines (a defendant's), letter for letter: a
 * private line that merely sits inside one ("15 Park Pl" in "Unit 21, 5 Park Pl") is not public.
 */
function publicStreet(addresses: readonly string[]): (street: string) => boolean {
  const known = new Set(addresses.flatMap((a) => findStreetLines(a).map(({ start, end }) => folded(a.slice(start, end)))));
  return (street) => known.has(folded(street));
}

export interface CompiledRules {
  find(text: string): Match[];
}

export function compileRules(settings: RedactionSettings): CompiledRules {
  const minors = settings.minors
    .filter((n) => n.trim())
    .map((n) => ({
      re: new RegExp(`(?<![\\p{L}\\p{N}])${n.trim().split(/\s+/).map(escapeRegex).join("\\s+")}(?![\\p{L}\\p{N}])`, "giu"),
      replacement: initials(n),
    }));
  const patterns = settings.patterns.map((p) => ({ re: new RegExp(p.regex, "gu"), name: p.name, basis: p.basis }));
  const street = streetBasis(settings);
  const isPublic = publicStreet(settings.publicAddresses ?? []);

  return {
    find(text: string): Match[] {
      const found: Match[] = [];
      for (const m of text.matchAll(DIGIT_RUN)) {
        if (ORDER_ID.test(m[0])) continue;
        const card = cardIssuer(m[0].replace(/\D/g, "")) !== undefined;
        if (card || labelledAccount(text.slice(Math.max(0, m.index - 40), m.index)))
          found.push(category(m.index, m.index + m[0].length, keepLast4(m[0]), "financial-account"));
      }
      for (const { start, end } of findIbans(text)) found.push(category(start, end, maskIban(text.slice(start, end)), "financial-account"));
      for (const m of text.matchAll(SSN)) found.push(category(m.index!, m.index! + m[0].length, keepLast4(m[0]), "ssn-tin"));
      for (const m of text.matchAll(SSN_BARE)) {
        const start = m.index! + m[1].length;
        found.push(category(start, start + m[2].length, keepLast4(m[2]), "ssn-tin"));
      }
      for (const m of text.matchAll(EIN)) {
        const start = m.index! + m[1].length;
        found.push(category(start, start + m[2].length, keepLast4(m[2]), "ssn-tin"));
      }
      for (const m of text.matchAll(BIRTH)) {
        const start = m.index! + m[1].length;
        found.push(category(start, start + m[2].length, keepYear(m[2]), "birth-date"));
      }
      for (const { re, replacement } of minors)
        for (const m of text.matchAll(re)) found.push(category(m.index!, m.index! + m[0].length, replacement, "minor-name"));
      for (const { re, name, basis } of patterns)
        for (const m of text.matchAll(re))
          if (m[0].length > 0)
            found.push({ start: m.index!, end: m.index! + m[0].length, replacement: REDACTED_MARKER, rule: "case-pattern", name, basis });
      if (settings.streetAddresses)
        for (const { start, end } of findStreetLines(text))
          if (!isPublic(text.slice(start, end)))
            found.push({ start, end, replacement: STREET_REPLACEMENT, rule: "street-address", basis: street });
      return resolveOverlaps(text, found);
    },
  };
}

/**
 * Overlapping matches merge into one span. A span grown by a merge is masked whole (every letter and digit
 * becomes X), so no part of either original can leak through a replacement written for a shorter span; it rests
 * on the bases of both (a missing one shown as the blank for counsel).
 */
export function resolveOverlaps(text: string, matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  for (const m of matches) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end > last.end) {
        last.end = m.end;
        last.replacement = text.slice(last.start, last.end).replace(/[\p{L}\p{N}]/gu, "X");
        if (m.basis !== last.basis) {
          const bases = [last.basis ?? BASIS_FOR_COUNSEL, m.basis ?? BASIS_FOR_COUNSEL];
          last.basis = [...new Set(bases.flatMap((b) => b.split("; ")))].join("; ");
        }
      }
      continue;
    }
    out.push({ ...m });
  }
  return out;
}
