/**
 * A reader of PDF content streams and CMaps: bytes → operators with their operands. The text-layer reader
 * (printed-text.ts) walks every new Chromium print with it, thousands of pages in a large build, so it reads
 * bytes through a class table and builds no string it does not need (numbers are read as numbers, operators
 * are short). Only what a content stream or a CMap holds is read (numbers, names, strings, arrays,
 * dictionaries, operators); inline images are skipped whole.
 */

export type Operand = number | boolean | null | { name: string } | Uint8Array | Operand[] | Map<string, Operand>;

export interface Operation {
  op: string;
  args: Operand[];
}

/** Byte classes: 0 regular, 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = 1;
for (const b of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[b] = 2;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX["0123456789abcdef".charCodeAt(i)] = i;
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
}

const ESCAPES: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c };

const latin1 = (b: Uint8Array, from: number, to: number) => {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
};

/** The end of the regular characters starting at `at`. */
function wordEnd(b: Uint8Array, at: number): number {
  while (at < b.length && CLASS[b[at]!] === 0) at++;
  return at;
}

/** A number token, or NaN when the word is not one. */
function numberAt(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let sign = 1;
  if (b[i] === 0x2d || b[i] === 0x2b) sign = b[i++] === 0x2d ? -1 : 1;
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (scale) scale *= 10;
      digits++;
    } else if (c === 0x2e && !scale) scale = 1;
    else return Number.NaN;
  }
  if (!digits) return Number.NaN;
  return (sign * value) / (scale || 1);
}

function literalString(b: Uint8Array, at: number): [Uint8Array, number] {
  const out: number[] = [];
  let depth = 1;
  while (at < b.length) {
    const c = b[at++]!;
    if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) break;
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    const e = b[at++];
    if (e === undefined) break;
    if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30;
      for (let k = 0; k < 2 && b[at]! >= 0x30 && b[at]! <= 0x37; k++) v = v * 8 + b[at++]! - 0x30;
      out.push(v & 0xff);
    } else if (e === 0x0d) {
      if (b[at] === 0x0a) at++; // a line continuation
    } else if (e !== 0x0a) out.push(ESCAPES[e] ?? e);
  }
  return [Uint8Array.from(out), at];
}

function hexString(b: Uint8Array, at: number): [Uint8Array, number] {
  let end = at;
  let digits = 0;
  while (end < b.length && b[end] !== 0x3e) if (HEX[b[end++]!]! >= 0) digits++;
  const out = new Uint8Array((digits + 1) >> 1);
  let n = 0;
  for (let i = at; i < end; i++) {
    const v = HEX[b[i]!]!;
    if (v < 0) continue;
    if (n & 1) out[n >> 1]! |= v;
    else out[n >> 1] = v << 4;
    n++;
  }
  return [out, end + 1];
}

/** Operators by their (up to three) bytes: a content stream repeats a dozen of them thousands of times. */
const OPERATORS = new Map<number, string>();

/**
 * Calls `fn` for each operation of a content stream (or keyword of a CMap), in order, with its operands. The
 * operand array is reused for the next operation: `fn` keeps what it needs, not the array. `numbers: false`:
 * a caller that needs no numeric operand (the text-layer reader) gets 0 for each, and no garbage to collect.
 */
export function forEachOperation(b: Uint8Array, fn: (op: string, args: Operand[]) => void, numbers = true): void {
  const stack: (Operand[] | { dict: Operand[] })[] = [];
  const args: Operand[] = [];
  const push = (v: Operand) => {
    const top = stack.length ? stack[stack.length - 1]! : undefined;
    if (!top) args.push(v);
    else if (Array.isArray(top)) top.push(v);
    else top.dict.push(v);
  };
  let at = 0;
  while (at < b.length) {
    const c = b[at]!;
    const cls = CLASS[c]!;
    if (cls === 1) {
      at++;
      continue;
    }
    if (cls === 0) {
      const end = wordEnd(b, at);
      // No operator starts with a digit, a sign or a point: a word that does is a number (read only when wanted).
      const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e;
      const n = numeric ? (numbers ? numberAt(b, at, end) : 0) : Number.NaN;
      if (!Number.isNaN(n)) push(n);
      else {
        const w = end - at <= 3 ? operator(b, at, end) : latin1(b, at, end);
        if (w === "true" || w === "false") push(w === "true");
        else if (w === "null") push(null);
        else if (stack.length > 0)
          push({ name: w }); // a keyword inside an array or dictionary (CMaps): kept as a name
        else {
          fn(w, args);
          args.length = 0;
          if (w === "ID") {
            at = skipInlineImage(b, end);
            continue;
          }
        }
      }
      at = end;
      continue;
    }
    if (c === 0x25) {
      while (at < b.length && b[at] !== 0x0a && b[at] !== 0x0d) at++;
    } else if (c === 0x2f) {
      const end = wordEnd(b, at + 1);
      const raw = latin1(b, at + 1, end);
      push({ name: raw.includes("#") ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))) : raw });
      at = end;
    } else if (c === 0x28) {
      const [s, next] = literalString(b, at + 1);
      push(s);
      at = next;
    } else if (c === 0x3c && b[at + 1] === 0x3c) {
      stack.push({ dict: [] });
      at += 2;
    } else if (c === 0x3c) {
      const [s, next] = hexString(b, at + 1);
      push(s);
      at = next;
    } else if (c === 0x5b) {
      stack.push([]);
      at++;
    } else if ((c === 0x3e && b[at + 1] === 0x3e) || c === 0x5d) {
      at += c === 0x5d ? 1 : 2;
      const top = stack.pop();
      if (top === undefined) continue;
      if (Array.isArray(top)) push(top);
      else {
        const dict = new Map<string, Operand>();
        for (let i = 0; i + 1 < top.dict.length; i += 2) {
          const k = top.dict[i];
          if (isName(k)) dict.set(k.name, top.dict[i + 1]!);
        }
        push(dict);
      }
    } else at++; // a stray delimiter: ) { } >
  }
}

function operator(b: Uint8Array, from: number, to: number): string {
  let key = 0;
  for (let i = from; i < to; i++) key = key * 256 + b[i]!;
  key = key * 4 + (to - from);
  let op = OPERATORS.get(key);
  if (op === undefined) OPERATORS.set(key, (op = latin1(b, from, to)));
  return op;
}

/** After the ID operator: past the image data, to just after its EI. */
function skipInlineImage(b: Uint8Array, at: number): number {
  for (at++; at + 1 < b.length; at++) {
    if (b[at] === 0x45 && b[at + 1] === 0x49 && CLASS[b[at - 1]!] === 1 && (at + 2 >= b.length || CLASS[b[at + 2]!] !== 0)) return at + 2;
  }
  return b.length;
}

/** The operations of a content stream (or the keywords of a CMap), in order, each with its operands. */
export function operations(bytes: Uint8Array): Operation[] {
  const out: Operation[] = [];
  forEachOperation(bytes, (op, args) => out.push({ op, args: [...args] }));
  return out;
}

export const isName = (v: Operand | undefined): v is { name: string } =>
  typeof v === "object" && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v) && !(v instanceof Map);
