/**
 * FRCP 5.2 text rules. Each finds spans in a text and says what the public filing may show instead:
 * financial-account and SSN/TIN numbers keep their last 4 digits, birth dates keep the year, minors' names
 * become initials, case patterns become [REDACTED]. Replacements keep the original's length where they can
 * (digits become X), so the public and sealed twins usually paginate alike.
 * Order IDs, PayPal transaction IDs and tracking numbers are evidence and are never touched.
 */
import type { RedactionRule, RedactionSettings } from "../model/redaction.js";

export interface Match {
  start: number;
  end: number;
  replacement: string;
  rule: RedactionRule;
}

/** Replace every digit except the last four with X; separators stay. */
export function keepLast4(s: string): string {
  const total = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => (++seen > total - 4 ? d : "X"));
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// 12–19 digits, optionally grouped by single spaces or dashes, not part of a longer number.
const DIGIT_RUN = /(?<!\d[ -]?|[A-Za-z])\d(?:[ -]?\d){11,18}(?![ -]?\d|[A-Za-z])/g;
// Amazon order id shape (3-7-7): evidence, never redacted.
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
const ACCOUNT_WORDS = /(account|acct|a\/c|iban|routing|bank|card|konto|kontonummer)[^\n]{0,24}$/i;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
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
  const patterns = settings.patterns.map((p) => ({ re: new RegExp(p.regex, "gu"), replacement: p.replacement ?? "[REDACTED]" }));

  return {
    find(text: string): Match[] {
      const found: Match[] = [];
      for (const m of text.matchAll(DIGIT_RUN)) {
        const digits = m[0].replace(/\D/g, "");
        if (ORDER_ID.test(m[0])) continue;
        const before = text.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
        if (luhn(digits) || ACCOUNT_WORDS.test(before))
          found.push({ start: m.index!, end: m.index! + m[0].length, replacement: keepLast4(m[0]), rule: "financial-account" });
      }
      for (const m of text.matchAll(IBAN))
        found.push({
          start: m.index!,
          end: m.index! + m[0].length,
          replacement: m[0].slice(0, 2) + keepLast4(m[0].slice(2)).replace(/[A-Z](?=.*\d{4}$)/g, "X"),
          rule: "financial-account",
        });
      for (const m of text.matchAll(SSN))
        found.push({ start: m.index!, end: m.index! + m[0].length, replacement: keepLast4(m[0]), rule: "ssn-tin" });
      for (const m of text.matchAll(SSN_BARE)) {
        const start = m.index! + m[1].length;
        found.push({ start, end: start + m[2].length, replacement: keepLast4(m[2]), rule: "ssn-tin" });
      }
      for (const m of text.matchAll(EIN)) {
        const start = m.index! + m[1].length;
        found.push({ start, end: start + m[2].length, replacement: keepLast4(m[2]), rule: "ssn-tin" });
      }
      for (const m of text.matchAll(BIRTH)) {
        const start = m.index! + m[1].length;
        found.push({ start, end: start + m[2].length, replacement: keepYear(m[2]), rule: "birth-date" });
      }
      for (const { re, replacement } of minors)
        for (const m of text.matchAll(re)) found.push({ start: m.index!, end: m.index! + m[0].length, replacement, rule: "minor-name" });
      for (const { re, replacement } of patterns)
        for (const m of text.matchAll(re))
          if (m[0].length > 0) found.push({ start: m.index!, end: m.index! + m[0].length, replacement, rule: "case-pattern" });
      return resolveOverlaps(text, found);
    },
  };
}

/**
 * Overlapping matches merge into one span. A span grown by a merge is masked whole (every letter and digit
 * becomes X), so no part of either original can leak through a replacement written for a shorter span.
 */
function resolveOverlaps(text: string, matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  for (const m of matches) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end > last.end) {
        last.end = m.end;
        last.replacement = text.slice(last.start, last.end).replace(/[\p{L}\p{N}]/gu, "X");
      }
      continue;
    }
    out.push({ ...m });
  }
  return out;
}
