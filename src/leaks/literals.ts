/**
 * Literal targets: a value redacted once is hunted everywhere (the redact stage removes it from every layer,
 * the leak gate proves it is gone). A literal is matched by its letters and digits alone, case-folded, at
 * word boundaries, across any short run of spaces, dashes, dots, slashes, parentheses or line breaks: the
 * phone number "(312) 555-0142" is found as "312.555.0142", "312 555 0142" and "3125550142", and a street
 * line broken over two lines of a label is still one address. It must begin and end at a word boundary of
 * the text, so a literal is never found inside a longer number or word.
 */

/** A literal value to hunt; `folded` is its letters and digits, case-folded. Never written to any output. */
export interface Literal {
  folded: string;
  /** The rule that removed the value where it was first found (said in logs, never the value). */
  rule?: string;
}

/** Shorter literals are too common to hunt without eating evidence (a year, a ZIP code, a first name). */
export const MIN_LITERAL_CHARS = 6;
/** At most this many non-alphanumeric characters may separate two pieces of one literal ("), " or " - "). */
const MAX_GAP = 4;
const KEY = 4;

const ALNUM = /[\p{L}\p{N}]/u;

function fold(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

/** A text's letters and digits only, case-folded: how literals compare ("77 MINGZHI ROAD," is "77mingzhiroad"). */
export function foldedText(text: string): string {
  let folded = "";
  for (const ch of text) if (ALNUM.test(ch)) folded += fold(ch);
  return folded;
}

/** A literal from a removed text, or undefined when it has too few letters and digits to hunt safely. */
export function literalOf(text: string, rule?: string): Literal | undefined {
  const folded = foldedText(text);
  if (folded.length < MIN_LITERAL_CHARS) return undefined;
  return rule === undefined ? { folded } : { folded, rule };
}

/** A text as its letters and digits, with where each came from and where its words start and end. */
interface Stream {
  chars: string[];
  from: number[];
  to: number[];
  /** At a stream index: a word starts here, and the gap before it is short enough to join a literal. */
  wordStart: boolean[];
  joinable: boolean[];
  wordEnd: boolean[];
}

function streamOf(text: string): Stream {
  const s: Stream = { chars: [], from: [], to: [], wordStart: [], joinable: [], wordEnd: [] };
  let gap = Number.POSITIVE_INFINITY;
  let i = 0;
  for (const ch of text) {
    if (ALNUM.test(ch)) {
      const k = s.chars.length;
      s.chars.push(fold(ch));
      s.from.push(i);
      s.to.push(i + ch.length);
      s.wordStart.push(gap > 0);
      s.joinable.push(gap > 0 && gap <= MAX_GAP);
      s.wordEnd.push(false);
      if (k > 0 && gap > 0) s.wordEnd[k - 1] = true;
      gap = 0;
    } else gap += 1;
    i += ch.length;
  }
  if (s.chars.length > 0) s.wordEnd[s.chars.length - 1] = true;
  return s;
}

/** Literals indexed by their first letters, so a text is searched once whatever their number. */
export class LiteralSet {
  private readonly byKey = new Map<string, Literal[]>();
  readonly size: number;

  constructor(literals: Iterable<Literal>) {
    const seen = new Set<string>();
    for (const l of literals) {
      if (l.folded.length < MIN_LITERAL_CHARS || seen.has(l.folded)) continue;
      seen.add(l.folded);
      const key = l.folded.slice(0, KEY);
      const list = this.byKey.get(key) ?? [];
      list.push(l);
      this.byKey.set(key, list);
    }
    this.size = seen.size;
  }

  /** Where any literal occurs in `text` (UTF-16 offsets), overlapping finds merged, in text order. */
  find(text: string): { start: number; end: number }[] {
    const found = this.findEach(text);
    const merged: { start: number; end: number }[] = [];
    for (const f of found) {
      const last = merged[merged.length - 1];
      if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
      else merged.push({ start: f.start, end: f.end });
    }
    return merged;
  }

  /** Every occurrence of every literal in `text`, with the literal found, in text order (overlaps kept). */
  findEach(text: string): { start: number; end: number; literal: Literal }[] {
    if (this.size === 0) return [];
    const s = streamOf(text);
    const found: { start: number; end: number; literal: Literal }[] = [];
    for (let p = 0; p < s.chars.length; p++) {
      if (!s.wordStart[p]) continue;
      const key = s.chars.slice(p, p + KEY).join("");
      for (const l of this.byKey.get(key) ?? []) {
        const end = p + l.folded.length;
        if (end > s.chars.length || !s.wordEnd[end - 1]) continue;
        let ok = true;
        for (let q = p; q < end && ok; q++) ok = s.chars[q] === l.folded[q - p] && (q === p || !s.wordStart[q] || s.joinable[q]);
        if (ok) found.push({ start: s.from[p], end: s.to[end - 1], literal: l });
      }
    }
    return found.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
