/**
 * A reader of PDF content streams and CMaps: bytes → operators with their operands. The text-layer reader
 * (printed-text.ts) walks Chromium's prints with it to find what each glyph shown stands for. Only what a
 * content stream or a CMap holds is read (numbers, names, strings, arrays, dictionaries, operators); inline
 * images are skipped whole.
 */

export type Operand = number | boolean | null | { name: string } | Uint8Array | Operand[] | Map<string, Operand>;

export interface Operation {
  op: string;
  args: Operand[];
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const isRegular = (b: number) => !WHITE.has(b) && !DELIMITERS.has(b);

type Token = { kind: "value"; value: Operand } | { kind: "op"; op: string } | { kind: "open" | "close" | "dictOpen" | "dictClose" };

const hexValue = (b: number) =>
  b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1;

const ESCAPES: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c };

class Lexer {
  at = 0;
  constructor(private readonly b: Uint8Array) {}

  private skipSpace(): void {
    const b = this.b;
    while (this.at < b.length) {
      if (WHITE.has(b[this.at]!)) this.at++;
      else if (b[this.at] === 0x25) while (this.at < b.length && b[this.at] !== 0x0a && b[this.at] !== 0x0d) this.at++;
      else return;
    }
  }

  private literal(): Uint8Array {
    const b = this.b;
    const out: number[] = [];
    let depth = 1;
    this.at++;
    while (this.at < b.length) {
      const c = b[this.at++]!;
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      const e = b[this.at++];
      if (e === undefined) break;
      if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && b[this.at]! >= 0x30 && b[this.at]! <= 0x37; k++) v = v * 8 + b[this.at++]! - 0x30;
        out.push(v & 0xff);
      } else if (e === 0x0d) {
        if (b[this.at] === 0x0a) this.at++; // a line continuation
      } else if (e !== 0x0a) out.push(ESCAPES[e] ?? e);
    }
    return Uint8Array.from(out);
  }

  private hex(): Uint8Array {
    const b = this.b;
    const nibbles: number[] = [];
    this.at++;
    while (this.at < b.length && b[this.at] !== 0x3e) {
      const v = hexValue(b[this.at++]!);
      if (v >= 0) nibbles.push(v);
    }
    this.at++;
    if (nibbles.length % 2) nibbles.push(0);
    const out = new Uint8Array(nibbles.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = nibbles[2 * i]! * 16 + nibbles[2 * i + 1]!;
    return out;
  }

  private word(): string {
    const start = this.at;
    while (this.at < this.b.length && isRegular(this.b[this.at]!)) this.at++;
    return Buffer.from(this.b.subarray(start, this.at)).toString("latin1");
  }

  next(): Token | undefined {
    this.skipSpace();
    const b = this.b;
    if (this.at >= b.length) return undefined;
    const c = b[this.at]!;
    if (c === 0x28) return { kind: "value", value: this.literal() };
    if (c === 0x3c && b[this.at + 1] === 0x3c) return ((this.at += 2), { kind: "dictOpen" });
    if (c === 0x3e && b[this.at + 1] === 0x3e) return ((this.at += 2), { kind: "dictClose" });
    if (c === 0x3c) return { kind: "value", value: this.hex() };
    if (c === 0x5b) return (this.at++, { kind: "open" });
    if (c === 0x5d) return (this.at++, { kind: "close" });
    if (c === 0x2f) {
      this.at++;
      return { kind: "value", value: { name: this.word().replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))) } };
    }
    if (!isRegular(c)) return (this.at++, this.next()); // a stray delimiter ( ) { } >
    const w = this.word();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) return { kind: "value", value: Number(w) };
    if (w === "true" || w === "false") return { kind: "value", value: w === "true" };
    if (w === "null") return { kind: "value", value: null };
    return { kind: "op", op: w };
  }

  /** After the ID operator: past the image data, to just after its EI. */
  skipInlineImage(): void {
    const b = this.b;
    this.at++; // the single white-space byte after ID
    for (; this.at + 1 < b.length; this.at++) {
      if (
        b[this.at] === 0x45 &&
        b[this.at + 1] === 0x49 &&
        WHITE.has(b[this.at - 1]!) &&
        (this.at + 2 >= b.length || !isRegular(b[this.at + 2]!))
      ) {
        this.at += 2;
        return;
      }
    }
    this.at = b.length;
  }
}

/** The operations of a content stream (or the keywords of a CMap), in order, each with its operands. */
export function* operations(bytes: Uint8Array): Generator<Operation> {
  const lexer = new Lexer(bytes);
  const stack: (Operand[] | { dict: Operand[] })[] = [];
  let args: Operand[] = [];
  const push = (v: Operand) => {
    const top = stack.at(-1);
    if (!top) args.push(v);
    else if (Array.isArray(top)) top.push(v);
    else top.dict.push(v);
  };
  for (let t = lexer.next(); t; t = lexer.next()) {
    if (t.kind === "value") push(t.value);
    else if (t.kind === "open") stack.push([]);
    else if (t.kind === "dictOpen") stack.push({ dict: [] });
    else if (t.kind !== "op") {
      const top = stack.pop();
      if (top === undefined) continue;
      if (Array.isArray(top)) push(top);
      else {
        const dict = new Map<string, Operand>();
        for (let i = 0; i + 1 < top.dict.length; i += 2) {
          const k = top.dict[i];
          if (k && typeof k === "object" && "name" in k) dict.set(k.name, top.dict[i + 1]!);
        }
        push(dict);
      }
    } else if (stack.length > 0) {
      push({ name: t.op }); // a keyword inside an array or dictionary (CMaps): kept as a name
    } else {
      yield { op: t.op, args };
      args = [];
      if (t.op === "ID") lexer.skipInlineImage();
    }
  }
}

export const isName = (v: Operand | undefined): v is { name: string } =>
  typeof v === "object" && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v) && !(v instanceof Map);
