/**
 * The text layer of a PDF Chromium printed, read in process: for each page, the characters its glyphs stand
 * for (each code shown, through its font's ToUnicode map, or the /ActualText of the marked span it is drawn
 * in, as Chromium writes for shaped clusters: Arabic joining forms, Indic conjuncts, ligatures, emoji
 * sequences), and every glyph drawn as .notdef (the empty box a font draws for a character it lacks). The
 * build checks every new print with it (browser/glyph-check.ts) before the print is kept: what pdftotext,
 * search and copy would give, without a process per print.
 *
 * What Chromium writes: Type 0 fonts (Identity-H, CIDToGIDMap /Identity: code = CID = glyph id, .notdef is
 * glyph 0) for TrueType fonts, and Type 3 fonts (one byte codes, glyphs named g<hex glyph id> in /Differences:
 * g0 is .notdef) for CFF fonts (Noto CJK) and colour bitmaps (emoji). Other fonts are read as well as their
 * ToUnicode maps allow, and their .notdef is not judged.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  ParseSpeeds,
  decodePDFRawStream,
  hasUtf16BOM,
  pdfDocEncodingDecode,
  utf16Decode,
  type PDFObject,
} from "pdf-lib";
import { inflateSync } from "node:zlib";
import { forEachOperation, isName, type Operand } from "./content-tokens.js";
import { parseToUnicode, type ToUnicode } from "./to-unicode.js";

export interface NotdefGlyph {
  /** 0-based page index. */
  page: number;
  /** The font's /BaseFont (or its resource name). */
  font: string;
  /** The characters the glyph's marked span stands for (/ActualText), when it is drawn in one. */
  actualText?: string;
  /** And what the span's other glyphs stand for (their ToUnicode): the characters that are not the box. */
  drawnInSpan?: string;
}

export interface PrintedText {
  /** Per page, the characters of its text layer (in drawing order, not reading order). */
  pages: string[];
  notdef: NotdefGlyph[];
}

interface FontReader {
  name: string;
  /** Bytes per code. */
  width: 1 | 2;
  unicode(code: number): string | undefined;
  /** True when the code draws the font's .notdef glyph; false also when that cannot be told. */
  notdef(code: number): boolean;
}

const N = (s: string) => PDFName.of(s);

function streamBytes(o: PDFObject | undefined): Uint8Array | undefined {
  if (o instanceof PDFRawStream) {
    // Chromium's streams are plain Flate: zlib reads them several times faster than pdf-lib's inflater.
    if (o.dict.get(N("Filter")) === N("FlateDecode") && !o.dict.has(N("DecodeParms"))) {
      try {
        return inflateSync(o.contents);
      } catch {
        // damaged or unusual: pdf-lib's decoder says what it can
      }
    }
    return decodePDFRawStream(o).decode();
  }
  if (o instanceof PDFStream) return o.getContents();
  return undefined;
}

/** A PDF text string (an /ActualText): UTF-16BE with its byte-order mark, else PDFDocEncoding. */
export function textString(b: Uint8Array): string {
  return hasUtf16BOM(b) ? utf16Decode(b) : pdfDocEncodingDecode(b);
}

function fontReader(doc: PDFDocument, dict: PDFDict, resourceName: string): FontReader {
  const lookup = (d: PDFDict, key: string) => doc.context.lookup(d.get(N(key)));
  const base = lookup(dict, "BaseFont");
  const name = base instanceof PDFName ? base.decodeText() : resourceName;
  const toUnicodeStream = streamBytes(lookup(dict, "ToUnicode"));
  const map: ToUnicode | undefined = toUnicodeStream && parseToUnicode(toUnicodeStream);
  const subtype = (lookup(dict, "Subtype") as PDFName | undefined)?.decodeText();
  if (subtype === "Type0") {
    const encoding = lookup(dict, "Encoding");
    const identity = encoding instanceof PDFName && /^Identity-[HV]$/.test(encoding.decodeText());
    const descendants = lookup(dict, "DescendantFonts");
    const cidFont = descendants instanceof PDFArray ? doc.context.lookup(descendants.get(0)) : undefined;
    let gidOf: ((cid: number) => number) | undefined;
    if (identity && cidFont instanceof PDFDict) {
      const kind = (lookup(cidFont, "Subtype") as PDFName | undefined)?.decodeText();
      const map = lookup(cidFont, "CIDToGIDMap");
      const table = streamBytes(map);
      if (kind === "CIDFontType0" || !table)
        gidOf = (cid) => cid; // CID 0 is .notdef; /Identity maps CID to glyph
      else gidOf = (cid) => (2 * cid + 1 < table.length ? table[2 * cid]! * 256 + table[2 * cid + 1]! : 0);
    }
    return { name, width: 2, unicode: (c) => map?.lookup(c), notdef: (c) => gidOf?.(c) === 0 };
  }
  if (subtype === "Type3") {
    const names = new Map<number, string>();
    const encoding = lookup(dict, "Encoding");
    const differences = encoding instanceof PDFDict ? lookup(encoding, "Differences") : undefined;
    if (differences instanceof PDFArray) {
      let code = 0;
      for (const o of differences.asArray()) {
        const v = doc.context.lookup(o);
        if (v instanceof PDFName) names.set(code++, v.decodeText());
        else if (v !== undefined && "asNumber" in v) code = (v as unknown as { asNumber(): number }).asNumber();
      }
    }
    // A code with no glyph name draws nothing; Chromium names its glyphs g<hex glyph id>, so g0 is .notdef.
    const notdef = (c: number) => {
      const g = names.get(c);
      return g === undefined || g === ".notdef" || /^g0+$/.test(g);
    };
    return { name, width: 1, unicode: (c) => map?.lookup(c), notdef };
  }
  return { name, width: 1, unicode: (c) => map?.lookup(c) ?? String.fromCharCode(c), notdef: () => false };
}

/** The text layer of every page of `pdf`. */
export async function readPrintedText(pdf: Uint8Array): Promise<PrintedText> {
  // Parsed at once (not a hundred objects per tick): the check runs between prints and is short.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const fonts = new Map<string, FontReader>();
  const notdef: NotdefGlyph[] = [];
  const fontOf = (resources: PDFDict | undefined, key: string): FontReader | undefined => {
    const ref = resources?.lookupMaybe(N("Font"), PDFDict)?.get(N(key));
    const tag = ref instanceof PDFRef ? ref.tag : undefined;
    const known = tag === undefined ? undefined : fonts.get(tag);
    if (known) return known;
    const dict = doc.context.lookup(ref);
    if (!(dict instanceof PDFDict)) return undefined;
    const reader = fontReader(doc, dict, key);
    if (tag !== undefined) fonts.set(tag, reader);
    return reader;
  };

  const pages = doc.getPages().map((page, index) => {
    let text = "";
    /** How many marked spans are open. */
    let spans = 0;
    /** The /ActualText of the outermost span that has one: the glyphs inside it say nothing of their own. */
    let actual: string | undefined;
    let actualAt = -1;
    /** The boxes of the span open, and what its other glyphs stand for. */
    let spanBoxes: NotdefGlyph[] = [];
    let spanDrawn = "";
    const walk = (content: Uint8Array, resources: PDFDict | undefined, depth: number) => {
      let font: FontReader | undefined;
      const saved: (FontReader | undefined)[] = [];
      const show = (s: Operand | undefined) => {
        if (!(s instanceof Uint8Array) || !font) return;
        const width = font.width;
        for (let i = 0; i + width <= s.length; i += width) {
          const code = width === 2 ? s[i]! * 256 + s[i + 1]! : s[i]!;
          const box = font.notdef(code);
          if (box && actual === undefined) notdef.push({ page: index, font: font.name });
          else if (box) spanBoxes.push({ page: index, font: font.name, actualText: actual });
          else if (actual !== undefined) spanDrawn += font.unicode(code) ?? "";
          if (actual === undefined) text += font.unicode(code) ?? "";
        }
      };
      forEachOperation(
        content,
        (op, args) => {
          switch (op) {
            case "q":
              saved.push(font);
              break;
            case "Q":
              if (saved.length) font = saved.pop();
              break;
            case "Tf":
              if (isName(args[0])) font = fontOf(resources, args[0].name);
              break;
            case "Tj":
            case "'":
            case '"':
              show(args[args.length - 1]);
              break;
            case "TJ":
              if (Array.isArray(args[0])) for (const s of args[0]) show(s);
              break;
            case "BMC":
              spans++;
              break;
            case "BDC": {
              let props: Operand | undefined = args[1];
              if (isName(props)) props = propertiesOf(doc, resources, props.name);
              const said = props instanceof Map ? props.get("ActualText") : undefined;
              if (said instanceof Uint8Array && actual === undefined) {
                actual = textString(said);
                actualAt = spans;
                text += actual;
              }
              spans++;
              break;
            }
            case "EMC":
              if (spans > 0 && --spans === actualAt) {
                for (const b of spanBoxes) notdef.push({ ...b, drawnInSpan: spanDrawn });
                actual = undefined;
                actualAt = -1;
                spanBoxes = [];
                spanDrawn = "";
              }
              break;
            case "Do":
              if (isName(args[0]) && depth < 8) {
                const form = resources?.lookupMaybe(N("XObject"), PDFDict)?.lookup(N(args[0].name));
                if (form instanceof PDFStream && form.dict.lookup(N("Subtype")) === N("Form")) {
                  const inner = streamBytes(form);
                  if (inner) walk(inner, form.dict.lookupMaybe(N("Resources"), PDFDict) ?? resources, depth + 1);
                }
              }
              break;
          }
        },
        false,
      );
    };
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((o) => doc.context.lookup(o)) : [contents];
    const content = streams.flatMap((s) => {
      const b = streamBytes(s);
      return b ? [b, Uint8Array.of(0x0a)] : [];
    });
    walk(Buffer.concat(content), page.node.Resources(), 0);
    for (const b of spanBoxes) notdef.push({ ...b, drawnInSpan: spanDrawn }); // a span left open at the page's end
    return text;
  });
  return { pages, notdef };
}

/** A marked-content property list named in the resources (/Properties). */
function propertiesOf(doc: PDFDocument, resources: PDFDict | undefined, name: string): Map<string, Operand> | undefined {
  const dict = resources?.lookupMaybe(N("Properties"), PDFDict)?.lookup(N(name));
  if (!(dict instanceof PDFDict)) return undefined;
  const actual = doc.context.lookup(dict.get(N("ActualText")));
  const bytes = actual && "asBytes" in actual ? (actual as unknown as { asBytes(): Uint8Array }).asBytes() : undefined;
  return new Map(bytes ? [["ActualText", bytes]] : []);
}
