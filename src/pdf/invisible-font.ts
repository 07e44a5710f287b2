/**
 * The font of the invisible text layer over captured screenshots: a TrueType font with no outlines
 * (every glyph empty, every advance half an em), embedded as a CID-keyed Type 0 font. Each character of
 * the BMP is written as its own code (Identity-H), each beyond it (emoji, CJK Extension B) as a code the
 * document assigns it; a ToUnicode map sends each code back to its character, so search, copy and pdftotext
 * return the page's words in any script, all of Unicode. Nothing is ever painted: the text is drawn in
 * render mode 3 (invisible) over the pixels it describes.
 *
 * The font program is built here, byte for byte, rather than taken from a system font: it is tiny, the
 * same on every machine (deterministic builds), and carries no licence terms.
 */
import { deflateSync } from "node:zlib";
import { PDFString, type PDFContext, type PDFRef } from "pdf-lib";

export const INVISIBLE_FONT_NAME = "ExhText";
/** Advance of every glyph, in 1/1000 em. */
export const GLYPH_ADVANCE = 500;
const ASCENT = 800;
const DESCENT = -200;

function table(size: number): DataView {
  return new DataView(new ArrayBuffer(size));
}

function bytesOf(v: DataView): Uint8Array {
  return new Uint8Array(v.buffer);
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
  padded.set(data);
  const v = new DataView(padded.buffer);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

function nameTable(): Uint8Array {
  const names: [number, string][] = [
    [1, "Exhibits Invisible Text"],
    [2, "Regular"],
    [4, "Exhibits Invisible Text"],
    [6, "ExhibitsInvisibleText"],
  ];
  const strings = names.map(([, s]) => {
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      b[i * 2] = s.charCodeAt(i) >> 8;
      b[i * 2 + 1] = s.charCodeAt(i) & 0xff;
    }
    return b;
  });
  const headerSize = 6 + 12 * names.length;
  const total = headerSize + strings.reduce((n, s) => n + s.length, 0);
  const v = table(total);
  v.setUint16(0, 0);
  v.setUint16(2, names.length);
  v.setUint16(4, headerSize);
  let off = 0;
  names.forEach(([id], i) => {
    const r = 6 + 12 * i;
    v.setUint16(r, 3); // Windows
    v.setUint16(r + 2, 1); // Unicode BMP
    v.setUint16(r + 4, 0x409); // en-US
    v.setUint16(r + 6, id);
    v.setUint16(r + 8, strings[i]!.length);
    v.setUint16(r + 10, off);
    new Uint8Array(v.buffer).set(strings[i]!, headerSize + off);
    off += strings[i]!.length;
  });
  return bytesOf(v);
}

/** The TrueType program: 2 glyphs (.notdef and one blank), both empty, both GLYPH_ADVANCE wide. */
export function buildGlyphlessTrueType(): Uint8Array {
  const numGlyphs = 2;

  const head = table(54);
  head.setUint32(0, 0x00010000);
  head.setUint32(4, 0x00010000);
  head.setUint32(8, 0); // checkSumAdjustment, set below
  head.setUint32(12, 0x5f0f3cf5);
  head.setUint16(16, 0x000b);
  head.setUint16(18, 1000);
  // created, modified: fixed (2026-01-01, seconds since 1904), for byte-identical output
  const stamp = BigInt(Date.UTC(2026, 0, 1) / 1000 + 2_082_844_800);
  head.setBigUint64(20, stamp);
  head.setBigUint64(28, stamp);
  head.setInt16(36, 0);
  head.setInt16(38, DESCENT);
  head.setInt16(40, GLYPH_ADVANCE);
  head.setInt16(42, ASCENT);
  head.setUint16(44, 0); // macStyle
  head.setUint16(46, 3); // lowestRecPPEM
  head.setInt16(48, 2); // fontDirectionHint
  head.setInt16(50, 0); // indexToLocFormat: short
  head.setInt16(52, 0);

  const hhea = table(36);
  hhea.setUint32(0, 0x00010000);
  hhea.setInt16(4, ASCENT);
  hhea.setInt16(6, DESCENT);
  hhea.setInt16(8, 0);
  hhea.setUint16(10, GLYPH_ADVANCE);
  hhea.setInt16(12, 0);
  hhea.setInt16(14, 0);
  hhea.setInt16(16, 0);
  hhea.setInt16(18, 1); // caretSlopeRise
  hhea.setInt16(20, 0);
  hhea.setInt16(22, 0);
  hhea.setInt16(32, 0); // metricDataFormat
  hhea.setUint16(34, numGlyphs);

  const maxp = table(32);
  maxp.setUint32(0, 0x00010000);
  maxp.setUint16(4, numGlyphs);
  maxp.setUint16(14, 2); // maxZones

  const hmtx = table(4 * numGlyphs);
  for (let g = 0; g < numGlyphs; g++) hmtx.setUint16(g * 4, GLYPH_ADVANCE);

  const loca = table(2 * (numGlyphs + 1)); // all zero: every glyph is empty
  const glyf = new Uint8Array(0);

  const cmap = table(4 + 8 + 24);
  cmap.setUint16(0, 0);
  cmap.setUint16(2, 1);
  cmap.setUint16(4, 3);
  cmap.setUint16(6, 1);
  cmap.setUint32(8, 12);
  const c = 12;
  cmap.setUint16(c, 4);
  cmap.setUint16(c + 2, 24);
  cmap.setUint16(c + 4, 0);
  cmap.setUint16(c + 6, 2); // segCountX2
  cmap.setUint16(c + 8, 2); // searchRange
  cmap.setUint16(c + 10, 0); // entrySelector
  cmap.setUint16(c + 12, 0); // rangeShift
  cmap.setUint16(c + 14, 0xffff); // endCode
  cmap.setUint16(c + 16, 0); // reservedPad
  cmap.setUint16(c + 18, 0xffff); // startCode
  cmap.setInt16(c + 20, 1); // idDelta
  cmap.setUint16(c + 22, 0); // idRangeOffset

  const os2 = table(96);
  os2.setUint16(0, 4);
  os2.setInt16(2, GLYPH_ADVANCE);
  os2.setUint16(4, 400);
  os2.setUint16(6, 5);
  os2.setUint16(8, 0); // fsType: installable embedding
  os2.setInt16(10, 650);
  os2.setInt16(12, 600);
  os2.setInt16(14, 0);
  os2.setInt16(16, 75);
  os2.setInt16(18, 650);
  os2.setInt16(20, 600);
  os2.setInt16(22, 0);
  os2.setInt16(24, 350);
  os2.setInt16(26, 50);
  os2.setInt16(28, 250);
  new Uint8Array(os2.buffer).set([0x4e, 0x4f, 0x4e, 0x45], 58); // achVendID "NONE"
  os2.setUint16(62, 0x40); // fsSelection: REGULAR
  os2.setUint16(64, 0x20);
  os2.setUint16(66, 0xffff);
  os2.setInt16(68, ASCENT);
  os2.setInt16(70, DESCENT);
  os2.setInt16(72, 0);
  os2.setUint16(74, ASCENT);
  os2.setUint16(76, -DESCENT);
  os2.setInt16(86, 500); // sxHeight
  os2.setInt16(88, 700); // sCapHeight
  os2.setUint16(90, 0);
  os2.setUint16(92, 0x20);
  os2.setUint16(94, 0);

  const post = table(32);
  post.setUint32(0, 0x00030000);
  post.setInt16(8, -100);
  post.setInt16(10, 50);
  post.setUint32(12, 0);

  const tables: [string, Uint8Array][] = [
    ["OS/2", bytesOf(os2)],
    ["cmap", bytesOf(cmap)],
    ["glyf", glyf],
    ["head", bytesOf(head)],
    ["hhea", bytesOf(hhea)],
    ["hmtx", bytesOf(hmtx)],
    ["loca", bytesOf(loca)],
    ["maxp", bytesOf(maxp)],
    ["name", nameTable()],
    ["post", bytesOf(post)],
  ];
  const n = tables.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const dirSize = 12 + 16 * n;
  let size = dirSize;
  const offsets = tables.map(([, data]) => {
    const at = size;
    size += Math.ceil(data.length / 4) * 4;
    return at;
  });
  const font = new Uint8Array(size);
  const v = new DataView(font.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  tables.forEach(([tag, data], i) => {
    const r = 12 + 16 * i;
    for (let k = 0; k < 4; k++) font[r + k] = tag.charCodeAt(k);
    v.setUint32(r + 4, checksum(data));
    v.setUint32(r + 8, offsets[i]!);
    v.setUint32(r + 12, data.length);
    font.set(data, offsets[i]!);
  });
  const headAt = offsets[tables.findIndex(([t]) => t === "head")]!;
  v.setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

const FONT_PROGRAM = buildGlyphlessTrueType();
const CID_TO_GID = (() => {
  const map = new Uint8Array(2 * 65536);
  for (let i = 1; i < map.length; i += 2) map[i] = 1; // every CID → glyph 1 (blank)
  return deflateSync(map, { level: 9 });
})();
/** A ToUnicode CMap: the whole BMP as identity ranges, then `extra` (bfchar lines for the codes of astral characters). */
function toUnicodeCMap(extra: readonly string[]): string {
  // Identity: code <XXYY> → U+XXYY, for the whole BMP (ranges may not cross a first-byte boundary).
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    if (hi >= 0xd8 && hi <= 0xdf) continue; // surrogates are never written as themselves
    const h = hi.toString(16).padStart(2, "0").toUpperCase();
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join("\n")}\nendbfrange`);
  }
  for (let i = 0; i < extra.length; i += 100) {
    const chunk = extra.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join("\n")}\nendbfchar`);
  }
  return (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
    blocks.join("\n") +
    "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
  );
}
const TO_UNICODE = deflateSync(Buffer.from(toUnicodeCMap([]), "latin1"), { level: 9 });

/**
 * Characters beyond the BMP (emoji, CJK Extension B and on, historic scripts) have no code of their own in a
 * two-byte encoding. Each one a document's text layer uses gets one of the codes of the surrogate range
 * (D800–DFFF: 2,048 codes no character is ever written as), in the order they are first met, and the
 * ToUnicode map sends that code to the character (a UTF-16 pair); past 2,048 of them, U+FFFD is written.
 * The glyph is the same blank as every other (CIDToGIDMap sends every CID to it), so the map alone carries them.
 */
export const ASTRAL_CODES = { first: 0xd800, count: 0x800 } as const;

export interface InvisibleFont {
  /** The Type 0 font dictionary (registered on first use). */
  ref(): PDFRef;
  /** A string as the font's codes (hex) and how many glyphs it draws. */
  encode(text: string): { hex: string; count: number };
  /** Write the ToUnicode map (with the astral characters used). Call once, after the last encode(). */
  finish(): void;
}

/** The invisible font of one document: its objects are added on first use, its ToUnicode map when finished. */
export function invisibleFont(ctx: PDFContext): InvisibleFont {
  let font: { ref: PDFRef; toUnicode: PDFRef } | undefined;
  const astral = new Map<number, number>();
  const codeOf = (cp: number) => {
    let code = astral.get(cp);
    if (code === undefined && astral.size < ASTRAL_CODES.count) astral.set(cp, (code = ASTRAL_CODES.first + astral.size));
    return code ?? 0xfffd;
  };
  return {
    ref: () => (font ??= registerInvisibleFont(ctx)).ref,
    encode: (text) => encodeInvisible(text, codeOf),
    finish() {
      if (!font) return;
      // Without astral characters, the one map every document shares (and the bytes it always had).
      const extra = [...astral].map(([cp, code]) => {
        const pair = String.fromCodePoint(cp);
        const units = [pair.charCodeAt(0), pair.charCodeAt(1)].map((u) => u.toString(16).toUpperCase().padStart(4, "0")).join("");
        return `<${code.toString(16).toUpperCase()}> <${units}>`;
      });
      const data = extra.length === 0 ? TO_UNICODE : deflateSync(Buffer.from(toUnicodeCMap(extra), "latin1"), { level: 9 });
      ctx.assign(font.toUnicode, ctx.stream(data, { Filter: "FlateDecode" }));
    },
  };
}

/** Add the font's objects to a document; its ToUnicode map's reference is reserved, for finish() to fill. */
function registerInvisibleFont(ctx: PDFContext): { ref: PDFRef; toUnicode: PDFRef } {
  const fontFile = ctx.register(
    ctx.stream(deflateSync(FONT_PROGRAM, { level: 9 }), { Filter: "FlateDecode", Length1: FONT_PROGRAM.length }),
  );
  const descriptor = ctx.register(
    ctx.obj({
      Type: "FontDescriptor",
      FontName: "ExhibitsInvisibleText",
      Flags: 4,
      FontBBox: [0, DESCENT, GLYPH_ADVANCE, ASCENT],
      ItalicAngle: 0,
      Ascent: ASCENT,
      Descent: DESCENT,
      CapHeight: 700,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const cidToGid = ctx.register(ctx.stream(CID_TO_GID, { Filter: "FlateDecode" }));
  const cidFont = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: "ExhibitsInvisibleText",
      CIDSystemInfo: ctx.obj({ Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 }),
      FontDescriptor: descriptor,
      DW: GLYPH_ADVANCE,
      CIDToGIDMap: cidToGid,
    }),
  );
  const toUnicode = ctx.nextRef();
  const ref = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: "ExhibitsInvisibleText",
      Encoding: "Identity-H",
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
  return { ref, toUnicode };
}

/**
 * A string as the font's codes: each BMP character its own code point; a character beyond the BMP the code
 * `astral` gives it (invisibleFont(): one of the surrogate range), else U+FFFD; controls U+FFFD, a tab a space.
 */
export function encodeInvisible(text: string, astral: (codePoint: number) => number = () => 0xfffd): { hex: string; count: number } {
  let hex = "";
  let count = 0;
  for (const ch of text) {
    let code = ch.codePointAt(0)!;
    if (code > 0xffff) code = astral(code);
    else if ((code >= 0xd800 && code <= 0xdfff) || code < 0x20) code = code === 0x09 ? 0x20 : 0xfffd;
    hex += code.toString(16).padStart(4, "0").toUpperCase();
    count++;
  }
  return { hex, count };
}
