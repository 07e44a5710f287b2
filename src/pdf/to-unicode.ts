/**
 * A font's ToUnicode CMap: which characters each code it shows stands for (what search, copy and pdftotext
 * give). Read by the text-layer reader (printed-text.ts). bfchar and bfrange entries; a destination is
 * UTF-16BE and may hold several characters (a ligature, an emoji sequence) or a surrogate pair.
 */
import { forEachOperation, type Operand } from "./content-tokens.js";

export interface ToUnicode {
  /** The characters code `code` stands for, or undefined when the map says nothing of it. */
  lookup(code: number): string | undefined;
}

const codeOf = (b: Uint8Array) => b.reduce((n, x) => n * 256 + x, 0);

/** UTF-16BE code units as a string (pairs of surrogates become one character, as in any JS string). */
export function utf16be(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i]! * 256 + b[i + 1]!);
  return s;
}

interface Range {
  lo: number;
  hi: number;
  /** The destination of `lo`; each next code adds one to its last code unit. */
  first?: Uint8Array;
  /** Or one destination per code. */
  each?: Uint8Array[];
}

export function parseToUnicode(cmap: Uint8Array): ToUnicode {
  const single = new Map<number, string>();
  const ranges: Range[] = [];
  forEachOperation(cmap, (op, args) => {
    if (op === "endbfchar") {
      for (let i = 0; i + 1 < args.length; i += 2) {
        const [src, dst] = [args[i], args[i + 1]];
        if (src instanceof Uint8Array && dst instanceof Uint8Array) single.set(codeOf(src), utf16be(dst));
      }
    } else if (op === "endbfrange") {
      for (let i = 0; i + 2 < args.length; i += 3) {
        const [lo, hi, dst] = [args[i], args[i + 1], args[i + 2]] as Operand[];
        if (!(lo instanceof Uint8Array && hi instanceof Uint8Array)) continue;
        if (dst instanceof Uint8Array) ranges.push({ lo: codeOf(lo), hi: codeOf(hi), first: dst });
        else if (Array.isArray(dst))
          ranges.push({ lo: codeOf(lo), hi: codeOf(hi), each: dst.filter((d): d is Uint8Array => d instanceof Uint8Array) });
      }
    }
  });
  const known = new Map<number, string | undefined>();
  const find = (code: number): string | undefined => {
    const s = single.get(code);
    if (s !== undefined) return s;
    for (const r of ranges) {
      if (code < r.lo || code > r.hi) continue;
      if (r.each) {
        const d = r.each[code - r.lo];
        return d && utf16be(d);
      }
      const d = Uint8Array.from(r.first!);
      const last = d.length - 2;
      if (last < 0) return undefined;
      const unit = d[last]! * 256 + d[last + 1]! + (code - r.lo);
      d[last] = (unit >> 8) & 0xff;
      d[last + 1] = unit & 0xff;
      return utf16be(d);
    }
    return undefined;
  };
  return {
    lookup(code) {
      if (known.has(code)) return known.get(code);
      const found = find(code);
      known.set(code, found);
      return found;
    },
  };
}
