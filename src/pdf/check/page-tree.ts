/**
 * A carried-in PDF's page tree, walked without trusting it (pdf-lib's own walk recurses without end on a cycle):
 * every node is a page or a node of pages, met once, at a bounded depth, in a bounded number; every page has a usable
 * size (MediaBox, CropBox), a /Rotate that is a multiple of 90, and /Contents that are streams the file holds.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import type { PdfPagePayload } from "../../model/evidence.js";
import { MAX_PAGE_SIDE, MAX_PAGE_TREE_DEPTH, MAX_PDF_PAGES, MIN_PAGE_SIDE } from "./bounds.js";
import { PdfDamagedError } from "./problem.js";

/** One page as the walk found it: its dictionary, its facts, and its content streams. */
export interface CheckedPage {
  node: PDFDict;
  payload: PdfPagePayload;
  contents: PDFRawStream[];
}

const INHERITED = ["MediaBox", "CropBox", "Rotate", "Resources"] as const;

/** Every page of the document in order, or the first thing wrong with its page tree. */
export function checkPageTree(ctx: PDFContext): CheckedPage[] {
  const root = ctx.lookup(ctx.trailerInfo.Root);
  if (!(root instanceof PDFDict)) throw new PdfDamagedError("it has no document catalog (/Root): it is not a readable PDF");
  const top = root.get(PDFName.of("Pages"));
  if (!(top instanceof PDFRef)) throw new PdfDamagedError("its catalog has no page tree (/Pages)");
  const pages: CheckedPage[] = [];
  const seen = new Set<string>();
  const walk = (ref: PDFRef, depth: number) => {
    const tag = ref.toString();
    if (seen.has(tag)) throw new PdfDamagedError(`its page tree loops: object ${ref.objectNumber} is reached twice (a page-tree cycle)`);
    seen.add(tag);
    if (depth > MAX_PAGE_TREE_DEPTH) throw new PdfDamagedError(`its page tree is over ${MAX_PAGE_TREE_DEPTH} levels deep`);
    const node = ctx.lookup(ref);
    if (!(node instanceof PDFDict))
      throw new PdfDamagedError(`its page tree names ${describeRef(ref)}, ${missingOr(node, "a dictionary")}`);
    const type = node.get(PDFName.of("Type"));
    if (type === PDFName.of("Page")) {
      if (pages.length >= MAX_PDF_PAGES) throw new PdfDamagedError(`it has over ${MAX_PDF_PAGES} pages, the bound for one document`);
      pages.push(checkPage(ctx, node, ref, pages.length + 1));
      return;
    }
    if (type !== PDFName.of("Pages"))
      throw new PdfDamagedError(`its page tree holds object ${ref.objectNumber}, which is neither a page nor pages`);
    const kids = ctx.lookup(node.get(PDFName.of("Kids")));
    if (!(kids instanceof PDFArray)) throw new PdfDamagedError(`its page-tree node (object ${ref.objectNumber}) has no list of /Kids`);
    for (const kid of kids.asArray()) {
      if (!(kid instanceof PDFRef))
        throw new PdfDamagedError(`its page-tree node (object ${ref.objectNumber}) lists a kid that is not a reference`);
      walk(kid, depth + 1);
    }
  };
  walk(top, 1);
  if (pages.length === 0) throw new PdfDamagedError("the PDF has no pages");
  return pages;
}

function checkPage(ctx: PDFContext, node: PDFDict, ref: PDFRef, n: number): CheckedPage {
  const where = `page ${n} (object ${ref.objectNumber})`;
  const inherited = inheritedAttributes(ctx, node, where);
  const media = box(ctx, inherited.get("MediaBox"), `${where} /MediaBox`);
  if (!media) throw new PdfDamagedError(`${where} has no /MediaBox: its size is not recorded`);
  const crop = box(ctx, inherited.get("CropBox"), `${where} /CropBox`) ?? media;
  const rotate = rotation(ctx, inherited.get("Rotate"), where);
  const resources = inherited.get("Resources");
  if (resources !== undefined && !(ctx.lookup(resources) instanceof PDFDict))
    throw new PdfDamagedError(`${where} /Resources is ${missingOr(ctx.lookup(resources), "a dictionary")}`);
  return { node, payload: { width: crop.width, height: crop.height, rotate }, contents: contentStreams(ctx, node, where) };
}

/**
 * The page's inheritable attributes, found as PDF readers (and pdf-lib) find them: up its /Parent chain, which must end
 * (a loop there would make pdf-lib recurse without end) within the depth bound.
 */
function inheritedAttributes(ctx: PDFContext, page: PDFDict, where: string): Map<string, PDFObject> {
  const found = new Map<string, PDFObject>();
  const seen = new Set<PDFDict>();
  for (let node: PDFObject | undefined = page; node !== undefined; node = ctx.lookup(node.get(PDFName.of("Parent")))) {
    if (!(node instanceof PDFDict)) throw new PdfDamagedError(`${where} has a /Parent that is not a page-tree node`);
    if (seen.has(node) || seen.size > MAX_PAGE_TREE_DEPTH) throw new PdfDamagedError(`${where} has a /Parent chain that loops`);
    seen.add(node);
    for (const key of INHERITED) {
      const v = node.get(PDFName.of(key));
      if (v !== undefined && !found.has(key)) found.set(key, v);
    }
  }
  return found;
}

/** A rectangle of four finite numbers with sides within the bounds; undefined when absent. */
function box(ctx: PDFContext, value: PDFObject | undefined, what: string): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const a = ctx.lookup(value);
  if (!(a instanceof PDFArray) || a.size() !== 4) throw new PdfDamagedError(`${what} is not a rectangle of four numbers`);
  const n = a.asArray().map((v) => {
    const x = ctx.lookup(v);
    if (!(x instanceof PDFNumber) || !Number.isFinite(x.asNumber()))
      throw new PdfDamagedError(`${what} holds something that is not a number`);
    return x.asNumber();
  });
  const width = Math.abs(n[2]! - n[0]!);
  const height = Math.abs(n[3]! - n[1]!);
  if (n[2]! < n[0]! || n[3]! < n[1]!) throw new PdfDamagedError(`${what} has its corners reversed ([${n.join(" ")}])`);
  if (width < MIN_PAGE_SIDE || height < MIN_PAGE_SIDE) throw new PdfDamagedError(`${what} has no usable size (${width} × ${height} pt)`);
  if (width > MAX_PAGE_SIDE || height > MAX_PAGE_SIDE || n.some((x) => Math.abs(x) > 10 * MAX_PAGE_SIDE))
    throw new PdfDamagedError(`${what} is ${width} × ${height} pt, over PDF's ${MAX_PAGE_SIDE} pt (200 inch) page side`);
  return { width, height };
}

/** /Rotate as 0, 90, 180 or 270 (any multiple of 90 is valid: -90 is 270, 450 is 90). */
function rotation(ctx: PDFContext, value: PDFObject | undefined, where: string): number {
  if (value === undefined) return 0;
  const r = ctx.lookup(value);
  if (!(r instanceof PDFNumber)) throw new PdfDamagedError(`${where} /Rotate is not a number`);
  const deg = r.asNumber();
  if (!Number.isInteger(deg) || deg % 90 !== 0) throw new PdfDamagedError(`${where} /Rotate is ${deg}, which is not a multiple of 90`);
  return ((deg % 360) + 360) % 360;
}

/** The page's content streams: none (a blank page), one, or an array of them; each one the file holds. */
function contentStreams(ctx: PDFContext, node: PDFDict, where: string): PDFRawStream[] {
  const value = node.get(PDFName.of("Contents"));
  if (value === undefined) return [];
  const one = (v: PDFObject, what: string): PDFRawStream => {
    const s = ctx.lookup(v);
    if (s instanceof PDFRawStream) return s;
    if (s instanceof PDFStream) throw new PdfDamagedError(`${where} ${what} is a stream of a kind this tool cannot read`);
    if (!(v instanceof PDFRef)) throw new PdfDamagedError(`${where} ${what} is ${v.toString().slice(0, 40)}, which is not a stream`);
    throw new PdfDamagedError(`${where} ${what} names ${describeRef(v)}, ${missingOr(s, "a stream")}`);
  };
  const direct = ctx.lookup(value);
  if (direct instanceof PDFArray) return direct.asArray().map((v, i) => one(v, `/Contents[${i}]`));
  return [one(value, "/Contents")];
}

function describeRef(ref: PDFRef): string {
  return `object ${ref.objectNumber} ${ref.generationNumber}`;
}

/** "which the file does not hold" for a missing object, else "which is not <expected>". */
function missingOr(found: PDFObject | undefined, expected: string): string {
  return found === undefined ? "which the file does not hold (a missing reference)" : `which is not ${expected}`;
}
