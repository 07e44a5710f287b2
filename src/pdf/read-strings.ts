/**
 * Every text string a PDF holds outside its page content, read back for the leak gate (leaks/): the document
 * information and XMP metadata, the bookmarks, each page's annotations (comments, link addresses, form fields),
 * the embedded files (their names, descriptions and bytes, wherever their file specifications sit), and every
 * other string of every other object. Page text is not read here: poppler reads it (pdf/page-text.ts).
 * Nothing is followed that is not in the file; every walk is bounded in depth and guarded against cycles.
 */
import { inflateSync } from "node:zlib";
import { markupText } from "../util/markup-text.js";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from "pdf-lib";

export interface PdfEmbeddedFile {
  name: string;
  description?: string;
  data?: Uint8Array;
  problem?: string;
}

export interface PdfStrings {
  pages: number;
  /** Document information entries ("Title: …") and the text of every XMP metadata stream. */
  metadata: string[];
  /** Outline (bookmark) titles, in outline order. */
  bookmarks: string[];
  /** Strings of each page's annotations (contents, titles, link URIs, field values), by 1-based page. */
  annotations: { page: number; text: string }[];
  attachments: PdfEmbeddedFile[];
  /** Every string of every other object (names tree keys, form fields, private dictionaries…). */
  other: string[];
}

/** An embedded file larger than this once decoded is named, not read. */
export const MAX_EMBEDDED_BYTES = 256 * 1024 * 1024;
const MAX_DEPTH = 32;
const MAX_OUTLINE_ITEMS = 100_000;
const N = (s: string) => PDFName.of(s);

const textOf = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

/** The strings directly inside `o` (dictionaries, arrays, stream dictionaries), never through a reference. */
function directStrings(o: PDFObject | undefined, out: string[], depth = 0): void {
  if (!o || depth > MAX_DEPTH || o instanceof PDFNumber || o instanceof PDFName || o instanceof PDFRef) return;
  const t = textOf(o);
  if (t !== undefined) out.push(t);
  else if (o instanceof PDFStream) directStrings(o.dict, out, depth + 1);
  else if (o instanceof PDFArray) for (const v of o.asArray()) directStrings(v, out, depth + 1);
  else if (o instanceof PDFDict) for (const [, v] of o.entries()) directStrings(v, out, depth + 1);
}

/** Every dictionary directly inside `o` (itself included), never through a reference. */
function directDicts(o: PDFObject | undefined, visit: (d: PDFDict) => void, depth = 0): void {
  if (!o || depth > MAX_DEPTH) return;
  if (o instanceof PDFStream) return;
  if (o instanceof PDFArray) for (const v of o.asArray()) directDicts(v, visit, depth + 1);
  else if (o instanceof PDFDict) {
    visit(o);
    for (const [, v] of o.entries()) directDicts(v, visit, depth + 1);
  }
}

function decodeEmbedded(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(N("Filter"));
  const length = stream.dict.get(N("Length"));
  if (length instanceof PDFNumber && length.asNumber() > MAX_EMBEDDED_BYTES) throw new Error("it is over the size bound");
  if (filter === undefined) return stream.contents;
  const flate = filter === N("FlateDecode") || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === N("FlateDecode"));
  // zlib, bounded: a small stream that inflates to gigabytes stops at the bound instead of filling memory.
  if (flate && !stream.dict.has(N("DecodeParms"))) return inflateSync(stream.contents, { maxOutputLength: MAX_EMBEDDED_BYTES });
  return decodePDFRawStream(stream).decode();
}

/** Every string of a PDF outside its page content. Throws when pdf-lib cannot read the file at all. */
export async function readPdfStrings(bytes: Uint8Array): Promise<PdfStrings> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const ctx = doc.context;
  const seen = new Set<PDFRef>();
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const out: PdfStrings = { pages: doc.getPageCount(), metadata: [], bookmarks: [], annotations: [], attachments: [], other: [] };

  const info = ctx.trailerInfo.Info;
  const infoDict = deref(info);
  if (info instanceof PDFRef) seen.add(info);
  if (infoDict instanceof PDFDict)
    for (const [k, v] of infoDict.entries()) {
      const t = textOf(deref(v));
      if (t !== undefined) out.metadata.push(`${k.decodeText()}: ${t}`);
    }

  const outline = deref(doc.catalog.get(N("Outlines")));
  if (outline instanceof PDFDict) readOutline(outline, deref, seen, out.bookmarks);

  doc.getPages().forEach((page, i) => {
    const annots = deref(page.node.get(N("Annots")));
    if (!(annots instanceof PDFArray)) return;
    for (const a of annots.asArray()) {
      const strings: string[] = [];
      if (a instanceof PDFRef) seen.add(a);
      const dict = deref(a);
      directStrings(dict, strings);
      if (dict instanceof PDFDict) {
        const action = dict.get(N("A"));
        if (action instanceof PDFRef) seen.add(action);
        if (action instanceof PDFRef) directStrings(deref(action), strings);
      }
      for (const text of strings) out.annotations.push({ page: i + 1, text });
    }
  });

  const usedStreams = new Set<PDFRef>();
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream) {
      const type = obj.dict.get(N("Type"));
      if (type === N("Metadata")) {
        seen.add(ref);
        try {
          out.metadata.push(markupText(Buffer.from(decodeEmbedded(obj)).toString("utf8")));
        } catch {
          out.metadata.push(Buffer.from(obj.contents).toString("latin1"));
        }
      }
      continue;
    }
    directDicts(obj, (d) => {
      const ef = deref(d.get(N("EF")));
      if (!(ef instanceof PDFDict)) return;
      const name = textOf(deref(d.get(N("UF")))) ?? textOf(deref(d.get(N("F")))) ?? `embedded file in object ${ref.objectNumber}`;
      const file: PdfEmbeddedFile = { name, description: textOf(deref(d.get(N("Desc")))) };
      const streamRef = ef.get(N("F")) ?? ef.get(N("UF"));
      const stream = deref(streamRef);
      if (streamRef instanceof PDFRef) usedStreams.add(streamRef);
      if (stream instanceof PDFRawStream) {
        try {
          file.data = decodeEmbedded(stream);
        } catch (e) {
          file.problem = `its data cannot be decoded (${(e as Error).message})`;
        }
      } else file.problem = "it has no embedded data";
      out.attachments.push(file);
    });
  }
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(N("Type")) === N("EmbeddedFile") && !usedStreams.has(ref)) {
      const file: PdfEmbeddedFile = { name: `embedded file in object ${ref.objectNumber}` };
      try {
        file.data = decodeEmbedded(obj);
      } catch (e) {
        file.problem = `its data cannot be decoded (${(e as Error).message})`;
      }
      out.attachments.push(file);
    }
    if (!seen.has(ref)) directStrings(obj, out.other);
  }
  return out;
}

function readOutline(root: PDFDict, deref: (o: PDFObject | undefined) => PDFObject | undefined, seen: Set<PDFRef>, titles: string[]): void {
  const stack: { ref: PDFObject | undefined; depth: number }[] = [{ ref: root.get(N("First")), depth: 0 }];
  let count = 0;
  while (stack.length > 0 && count < MAX_OUTLINE_ITEMS) {
    const { ref, depth } = stack.pop()!;
    if (!(ref instanceof PDFRef) || seen.has(ref) || depth > MAX_DEPTH) continue;
    seen.add(ref);
    const item = deref(ref);
    if (!(item instanceof PDFDict)) continue;
    count++;
    const title = textOf(deref(item.get(N("Title"))));
    if (title !== undefined) titles.push(title);
    stack.push({ ref: item.get(N("Next")), depth });
    stack.push({ ref: item.get(N("First")), depth: depth + 1 });
  }
}
