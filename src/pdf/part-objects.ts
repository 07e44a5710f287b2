/**
 * A part's objects renumbered for the file they are written into, without copying them: every object
 * reachable from the part's pages (not through their /Parent) gets the next free number, in the order
 * first met, and is serialized with its references rewritten. Stream contents are handed over as they are
 * (no per-byte copy), so writing a part costs about what reading it does.
 */
import { PDFArray, PDFDict, PDFInvalidObject, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";
import { streamPieces } from "./chunked-stream.js";
import { objectBytes } from "./serialize.js";

/** One object to write: `${number} 0 obj\n${text}` then, for a stream, its contents (in pieces) and "\nendstream". */
export interface NumberedObject {
  number: number;
  text: string;
  stream?: readonly Uint8Array[];
}

const PARENT = PDFName.of("Parent");
const ANNOTS = PDFName.of("Annots");
const LENGTH = PDFName.of("Length");
const INHERITED = ["Resources", "MediaBox", "CropBox", "Rotate"].map((n) => PDFName.of(n));

export interface RenumberOptions {
  /** The largest object number already used in the file: the part's objects follow it. */
  after: number;
  /** The file's page tree: every page's /Parent, and what references to the part's own page tree become. */
  pagesNumber: number;
  /** A reference added to the first page's /Annots (the invisible signature field). */
  firstPageAnnot?: number;
}

/** The part's pages' new numbers, and its objects (pages first, in page order), numbered from `after + 1`. */
export function renumberPart(
  src: PDFDocument,
  opts: RenumberOptions,
): { pages: number[]; objects: Iterable<NumberedObject>; next: () => number } {
  let next = opts.after;
  const numbers = new Map<string, number>();
  const queue: PDFRef[] = [];
  const srcPages = src.getPages();
  const pageNodes = srcPages.map((p) => p.ref);
  const pageAt = new Map(pageNodes.map((r, i) => [r.tag, i]));
  const tree = src.catalog.get(PDFName.of("Pages"));
  if (tree instanceof PDFRef) numbers.set(tree.tag, opts.pagesNumber);
  const numberOf = (ref: PDFRef): number => {
    let n = numbers.get(ref.tag);
    if (n === undefined) {
      n = ++next;
      numbers.set(ref.tag, n);
      queue.push(ref);
    }
    return n;
  };
  const pages = pageNodes.map(numberOf);

  const value = (o: PDFObject | undefined): string => {
    if (o === undefined) return "null";
    if (o instanceof PDFRef) return `${numberOf(o)} 0 R`;
    if (o instanceof PDFDict) return dict(o);
    if (o instanceof PDFArray) return `[${o.asArray().map(value).join(" ")}]`;
    if (o instanceof PDFInvalidObject) return objectBytes(o).toString("latin1");
    return o.toString();
  };
  const dict = (d: PDFDict, extra: [PDFName, string][] = [], skip: Set<PDFName> = new Set()): string => {
    let s = "<<";
    for (const [k, v] of d.entries()) if (!skip.has(k)) s += `${k.toString()} ${value(v)}\n`;
    for (const [k, v] of extra) s += `${k.toString()} ${v}\n`;
    return `${s}>>`;
  };
  const page = (at: number, d: PDFDict): string => {
    const extra: [PDFName, string][] = [[PARENT, `${opts.pagesNumber} 0 R`]];
    const skip = new Set([PARENT]);
    // Attributes the page inherited from the part's page tree are written on the page itself.
    for (const name of INHERITED) {
      if (d.get(name) !== undefined) continue;
      const inherited = srcPages[at]!.node.getInheritableAttribute(name);
      if (inherited !== undefined) extra.push([name, value(inherited)]);
    }
    if (at === 0 && opts.firstPageAnnot !== undefined) {
      const annots = d.lookup(ANNOTS);
      const list = annots instanceof PDFArray ? annots.asArray().map(value) : [];
      extra.push([ANNOTS, `[${[...list, `${opts.firstPageAnnot} 0 R`].join(" ")}]`]);
      skip.add(ANNOTS);
    }
    return dict(d, extra, skip);
  };

  function* objects(): Iterable<NumberedObject> {
    for (let i = 0; i < queue.length; i++) {
      const ref = queue[i]!;
      const number = numbers.get(ref.tag)!;
      const o = src.context.lookup(ref);
      if (o instanceof PDFStream) {
        const contents = streamPieces(o);
        const length = contents.reduce((n, c) => n + c.length, 0);
        yield { number, text: dict(o.dict, [[LENGTH, String(length)]], new Set([LENGTH])), stream: contents };
      } else if (o instanceof PDFDict && pageAt.has(ref.tag)) {
        yield { number, text: page(pageAt.get(ref.tag)!, o) };
      } else {
        yield { number, text: value(o) };
      }
    }
  }
  return { pages, objects: objects(), next: () => next };
}
