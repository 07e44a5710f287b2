/**
 * A user's regular expression (case.yaml `redaction.patterns[].regex`) checked for catastrophic backtracking before
 * it is ever run over evidence text: JavaScript's engine backtracks, so `(a+)+`, `(a|a)*` or `(.*a){20}` can take
 * minutes on one line of a chat. The check is static and errs on the side of refusing; what it refuses:
 *  - a repeated group whose body can match the empty string (`(a*)*`);
 *  - a repeated group around a repeated part, when the group's body could be made entirely of what the inner part
 *    matches (`(a+)+`, `(\w+\s?)+`, `(.*a){20}`) — so the text can be split between the repetitions in many ways.
 *    `(\.\w+)+` passes: every repetition must start with a dot, which `\w` cannot take;
 *  - a repeated alternation whose branches can match the same text (`(a|a)*`, `(a|aa)+`, `(\w|\d)+`);
 *  - three or more unbounded repetitions in a row that can take the same characters (`.*,.*,.*x`: cubic time).
 * The regex is parsed with the `u` flag's syntax; it is known to compile.
 */

type Ranges = readonly (readonly [number, number])[];
type Node =
  | { t: "set"; set: Ranges }
  | { t: "seq"; items: Node[] }
  | { t: "alt"; alts: Node[] }
  | { t: "rep"; min: number; max: number; body: Node }
  | { t: "zero" };

const MAX_CP = 0x10ffff;
const ANY: Ranges = [[0, MAX_CP]];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

function normalize(r: Ranges): Ranges {
  const sorted = [...r].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(r: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of normalize(r)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function intersect(a: Ranges, b: Ranges): Ranges {
  const out: [number, number][] = [];
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) if (alo <= bhi && blo <= ahi) out.push([Math.max(alo, blo), Math.min(ahi, bhi)]);
  return normalize(out);
}

const overlaps = (a: Ranges, b: Ranges) => intersect(a, b).length > 0;

/** A small recursive-descent parser of the regex syntax, enough to see its structure. */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alt();
    return this.i < this.src.length ? { t: "rep", min: 0, max: Infinity, body: { t: "set", set: ANY } } : n;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alt(): Node {
    const alts = [this.seq()];
    while (this.peek() === "|") {
      this.i++;
      alts.push(this.seq());
    }
    return alts.length === 1 ? alts[0]! : { t: "alt", alts };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.quantified(this.atom()));
    return { t: "seq", items };
  }

  private quantified(atom: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === "?") this.i++; // lazy: backtracks all the same
    return this.quantified({ t: "rep", min, max, body: atom });
  }

  private atom(): Node {
    const c = this.src[this.i++]!;
    if (c === "(") {
      let look = false;
      if (this.src.startsWith("?:", this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i))) {
        look = true;
        this.i += this.src[this.i + 1] === "<" ? 3 : 2;
      } else if (this.src.startsWith("?<", this.i)) this.i = this.src.indexOf(">", this.i) + 1;
      const body = this.alt();
      this.i++; // ")"
      return look ? { t: "zero" } : body;
    }
    if (c === "[") return { t: "set", set: this.cls() };
    if (c === ".") return { t: "set", set: ANY };
    if (c === "^" || c === "$") return { t: "zero" };
    if (c === "\\") return this.escape(false);
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return { t: "set", set: [[cp, cp]] };
  }

  /** After a backslash: a set, an assertion, a back-reference (any text) or one character. */
  private escape(inClass: boolean): Node {
    const c = this.src[this.i++]!;
    const sets: Record<string, Ranges> = { d: DIGIT, w: WORD, s: SPACE };
    if (sets[c]) return { t: "set", set: sets[c]! };
    if (sets[c.toLowerCase()]) return { t: "set", set: complement(sets[c.toLowerCase()]!) };
    if (c === "p" || c === "P") {
      this.i = this.src.indexOf("}", this.i) + 1;
      return { t: "set", set: ANY };
    }
    if (!inClass && (c === "b" || c === "B")) return { t: "zero" };
    if (!inClass && (/[1-9]/.test(c) || c === "k")) {
      if (c === "k") this.i = this.src.indexOf(">", this.i) + 1;
      else while (/\d/.test(this.peek() ?? "")) this.i++;
      return { t: "rep", min: 0, max: Infinity, body: { t: "set", set: ANY } };
    }
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, 0: 0 };
    if (simple[c] !== undefined) return { t: "set", set: [[simple[c]!, simple[c]!]] };
    const hex = /^(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|c([A-Za-z]))/.exec(this.src.slice(this.i - 1));
    if (hex) {
      this.i += hex[0].length - 1;
      const cp = hex[4] ? hex[4].charCodeAt(0) % 32 : Number.parseInt(hex[1] ?? hex[2] ?? hex[3]!, 16);
      return { t: "set", set: [[cp, cp]] };
    }
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return { t: "set", set: [[cp, cp]] };
  }

  private cls(): Ranges {
    const negated = this.peek() === "^";
    if (negated) this.i++;
    const out: (readonly [number, number])[] = [];
    while (this.i < this.src.length && this.peek() !== "]") {
      const a = this.classAtom();
      if (this.peek() === "-" && this.src[this.i + 1] !== "]" && a.length === 1 && a[0]![0] === a[0]![1]) {
        this.i++;
        const b = this.classAtom();
        out.push([a[0]![0], b[b.length - 1]![1]]);
      } else out.push(...a);
    }
    this.i++; // "]"
    const set = normalize(out);
    return negated ? complement(set) : set;
  }

  private classAtom(): Ranges {
    if (this.peek() === "\\") {
      this.i++;
      const n = this.escape(true);
      return n.t === "set" ? n.set : ANY;
    }
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return [[cp, cp]];
  }
}

const nullable = (n: Node): boolean =>
  n.t === "zero" ||
  (n.t === "seq" && n.items.every(nullable)) ||
  (n.t === "alt" && n.alts.some(nullable)) ||
  (n.t === "rep" && (n.min === 0 || nullable(n.body)));

/** Every character the node can consume. */
function alphabet(n: Node): Ranges {
  if (n.t === "set") return n.set;
  if (n.t === "zero") return [];
  const parts = n.t === "seq" ? n.items : n.t === "alt" ? n.alts : [n.body];
  return normalize(parts.flatMap(alphabet));
}

/** The characters a non-empty match can start with. */
function first(n: Node): Ranges {
  if (n.t === "set") return n.set;
  if (n.t === "zero") return [];
  if (n.t === "rep") return first(n.body);
  if (n.t === "alt") return normalize(n.alts.flatMap(first));
  const out: (readonly [number, number])[] = [];
  for (const item of n.items) {
    out.push(...first(item));
    if (!nullable(item)) break;
  }
  return normalize(out);
}

/** Whether the node can match some text made only of characters in `s` (the empty text counts when nullable). */
function within(n: Node, s: Ranges): boolean {
  if (n.t === "set") return overlaps(n.set, s);
  if (n.t === "zero") return true;
  if (n.t === "seq") return n.items.every((x) => within(x, s));
  if (n.t === "alt") return n.alts.some((x) => within(x, s));
  return n.min === 0 || within(n.body, s);
}

/** A branch as fixed positions (one set each), or undefined when it repeats anything. */
function fixed(n: Node): Ranges[] | undefined {
  if (n.t === "set") return [n.set];
  if (n.t === "zero") return [];
  if (n.t === "seq") {
    const out: Ranges[] = [];
    for (const item of n.items) {
      const f = fixed(item);
      if (!f) return undefined;
      out.push(...f);
    }
    return out;
  }
  return n.t === "alt" && n.alts.length === 1 ? fixed(n.alts[0]!) : undefined;
}

/** Whether two branches of a repeated alternation can share text (so the repetitions can be split two ways). */
function ambiguous(p: Node, q: Node, loopFirst: Ranges): boolean {
  if (!overlaps(first(p), first(q))) return false;
  const fp = fixed(p);
  const fq = fixed(q);
  if (!fp || !fq) return true;
  const [short, long] = fp.length <= fq.length ? [fp, fq] : [fq, fp];
  if (!short.every((s, k) => overlaps(s, long[k]!))) return false;
  return short.length === long.length || overlaps(long[short.length]!, loopFirst);
}

/** The first reason `n` can backtrack catastrophically, or undefined. */
function risk(n: Node): string | undefined {
  if (n.t === "set" || n.t === "zero") return undefined;
  const inner = (n.t === "seq" ? n.items : n.t === "alt" ? n.alts : [n.body]).map(risk).find(Boolean);
  if (inner) return inner;
  if (n.t === "seq") return polynomial(n.items);
  if (n.t !== "rep" || n.max < 2) return undefined;
  if (n.max === Infinity && nullable(n.body) && alphabet(n.body).length)
    return "a repeated group whose body can also match nothing (like (a*)*)";
  for (const y of repeatsIn(n.body)) {
    if ((y.max === Infinity || y.max - y.min >= 10) && within(n.body, alphabet(y.body)))
      return "a repeated group around a repeated part that can take the same text (like (a+)+ or (.*a){20})";
  }
  if (n.max === Infinity || n.max >= 10) {
    for (const a of altsIn(n.body)) {
      const loopFirst = first(n.body);
      for (let i = 0; i < a.alts.length; i++)
        for (let j = i + 1; j < a.alts.length; j++)
          if (ambiguous(a.alts[i]!, a.alts[j]!, loopFirst))
            return "a repeated alternation whose branches can match the same text (like (a|a)* or (a|aa)+)";
    }
  }
  return undefined;
}

function repeatsIn(n: Node): Extract<Node, { t: "rep" }>[] {
  if (n.t === "rep") return [n, ...repeatsIn(n.body)];
  if (n.t === "seq") return n.items.flatMap(repeatsIn);
  if (n.t === "alt") return n.alts.flatMap(repeatsIn);
  return [];
}

function altsIn(n: Node): Extract<Node, { t: "alt" }>[] {
  if (n.t === "alt") return [n, ...n.alts.flatMap(altsIn)];
  if (n.t === "seq") return n.items.flatMap(altsIn);
  return [];
}

/** Three unbounded repetitions in a row that can take the same characters, nothing between them that cannot. */
function polynomial(items: readonly Node[]): string | undefined {
  let shared: Ranges | undefined;
  let run = 0;
  for (const item of items) {
    if (item.t === "rep" && item.max === Infinity) {
      const a = alphabet(item.body);
      if (shared && overlaps(shared, a)) {
        shared = intersect(shared, a);
        run++;
      } else {
        shared = a;
        run = 1;
      }
      if (run >= 3) return "three or more unbounded repetitions in a row that can take the same text (like .*,.*,.*x)";
    } else if (!nullable(item) && !(shared && within(item, shared))) {
      shared = undefined;
      run = 0;
    }
  }
  return undefined;
}

/** Why `source` (a JavaScript regex, `u` flag syntax, known to compile) could backtrack catastrophically; undefined if not. */
export function backtrackingRisk(source: string): string | undefined {
  let tree: Node;
  try {
    tree = new Parser(source).parse();
  } catch {
    return "a structure this check cannot read; simplify the pattern";
  }
  return risk(tree);
}
