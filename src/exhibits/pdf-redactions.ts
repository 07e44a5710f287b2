/**
 * Stage 7, the redacted pages of carried-in PDFs (what BuildContext.pdfRedactions names): in the public twin each
 * such page becomes a raster with its regions burned and the page's own remaining words over it (pdf/redact-page.ts),
 * and the OCR words of a scanned page lose those a region hides; in the sealed twin the original page is shown with
 * the same regions outlined. Each item's text layer is read once per exhibit composed.
 */
import { covered } from "../leaks/word-hits.js";
import type { BuildContext } from "../model/build-context.js";
import type { PageRegion } from "../model/redaction.js";
import type { Twin } from "../model/twin.js";
import { PopplerError, pdfPageWords, redactPdfPage, type PdfPageWords, type RedactedPdfPage } from "../pdf/index.js";
import type { ImageText } from "../pdf/text-layer.js";
import { InvalidInputError } from "../util/errors.js";

export interface PdfRedactionSources {
  redactedPdfPage(itemId: string, pageIndex: number): Promise<RedactedPdfPage | undefined>;
  pdfPageHighlights(itemId: string, pageIndex: number): readonly PageRegion[];
  /** OCR words of a scanned page, less those a region of the page hides (public twin). */
  ocrOutsideRegions(
    itemId: string,
    pageIndex: number,
    scanned: { text: ImageText; width: number } | undefined,
  ): Promise<{ text: ImageText; width: number } | undefined>;
}

/** The regions of one page of an item (none: the page is shown as it is). */
export function pdfRegions(ctx: BuildContext, itemId: string, pageIndex: number): readonly PageRegion[] {
  return ctx.pdfRedactions?.get(itemId)?.get(pageIndex) ?? [];
}

/** Whether any page of the item has a region: its natives are then withheld from the public twin. */
export function hasPdfRedactions(ctx: BuildContext, itemId: string): boolean {
  for (const regions of ctx.pdfRedactions?.get(itemId)?.values() ?? []) if (regions.length > 0) return true;
  return false;
}

/** What the parts' cache key takes of an item's redacted pages (null: none). */
export function pdfRedactionsKey(ctx: BuildContext, itemId: string): [number, readonly PageRegion[]][] | null {
  const pages = ctx.pdfRedactions?.get(itemId);
  if (!pages || !hasPdfRedactions(ctx, itemId)) return null;
  return [...pages].filter(([, r]) => r.length > 0).sort((a, b) => a[0] - b[0]);
}

export function pdfRedactionSources(ctx: BuildContext, twin: Twin, abs: (id: string) => string): PdfRedactionSources {
  const words = new Map<string, Promise<PdfPageWords[]>>();
  const wordsOf = (id: string) => {
    let w = words.get(id);
    if (!w) {
      w = pdfPageWords(abs(id));
      words.set(id, w);
    }
    return w;
  };
  // A page poppler cannot read or draw within its bounds is the file's problem; anything else is not.
  const fail = (id: string, pageIndex: number) => (e: Error) => {
    if (!(e instanceof PopplerError)) throw e;
    const path = ctx.items.get(id)?.source.path ?? id;
    throw new InvalidInputError({ file: path }, `page ${pageIndex + 1} cannot be redacted: ${e.message}`);
  };
  return {
    async redactedPdfPage(id, pageIndex) {
      const regions = pdfRegions(ctx, id, pageIndex);
      if (twin !== "public" || regions.length === 0) return undefined;
      const page = (await wordsOf(id).catch(fail(id, pageIndex)))[pageIndex];
      if (!page) throw new InvalidInputError({ file: ctx.items.get(id)?.source.path ?? id }, `has no page ${pageIndex + 1}`);
      return redactPdfPage(abs(id), pageIndex, page, regions).catch(fail(id, pageIndex));
    },
    pdfPageHighlights: (id, pageIndex) => (twin === "sealed" ? pdfRegions(ctx, id, pageIndex) : []),
    async ocrOutsideRegions(id, pageIndex, scanned) {
      const regions = pdfRegions(ctx, id, pageIndex);
      if (!scanned || twin !== "public" || regions.length === 0) return scanned;
      const page = (await wordsOf(id).catch(fail(id, pageIndex)))[pageIndex];
      if (!page) return undefined;
      // OCR boxes are pixels of a raster `width` px wide of the page as displayed; regions are its points.
      const k = scanned.width / page.width;
      const inPixels = regions.map((r) => ({ x: r.x * k, y: r.y * k, width: r.width * k, height: r.height * k }));
      const boxes = scanned.text.boxes.filter((b) => !covered({ ...b, y: b.y + scanned.text.offsetY }, inPixels));
      return { text: { ...scanned.text, boxes }, width: scanned.width };
    },
  };
}
