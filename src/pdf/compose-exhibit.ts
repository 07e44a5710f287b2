/**
 * One exhibit's pages from its page plan: the cover sheet (copied from a rendered batch), screenshot bands
 * and photos (image XObjects drawn under a clip), PDF pages (embedded whole as form XObjects) and rendered
 * pages (transcripts, purchase summaries, emails), every page stamped. Pages are built fresh from the
 * originals on each build, so re-running never stacks stamps.
 *
 * The pages come out as parts of at most PART_PAGES pages (cut between items, or between rendered pages),
 * each a small PDF; the streamed writer joins them into the exhibit file. Memory holds one part at a time,
 * so a 20,000-message transcript costs no more than a short one.
 */
import { embedCarriedPage } from "./carry-page.js";
import { PDFDocument, PDFName, PDFObjectCopier, PDFPage, type PDFEmbeddedPage, type PDFRef } from "pdf-lib";
import type { Box, PlannedExhibit } from "../model/exhibit.js";
import type { PreparedImage } from "../model/image.js";
import type { PageRegion, PixelRegion } from "../model/redaction.js";
import { imageBytes, registerImage } from "./image-xobject.js";
import { cm, num, orientedImageMatrix, rectClip, rotatedPageMatrix } from "./operators.js";
import { invisibleFont, INVISIBLE_FONT_NAME } from "./invisible-font.js";
import { invisibleTextOps, type ImageText } from "./text-layer.js";
import { registerStampFonts, stampPage, STAMP_FONT_REGULAR, centredText } from "./stamp.js";
import { flateStream } from "./flate.js";
import { savePart } from "./save-part.js";
import { highlightPageOps, type RedactedPdfPage } from "./redact-page.js";

export interface ExhibitSources {
  /** The printed cover-sheet batch, the page this exhibit's cover starts on, and how many pages it has there. */
  cover: { doc: PDFDocument; pageIndex: number; pages: number };
  image(itemId: string): Promise<PreparedImage>;
  pdf(itemId: string): Promise<Uint8Array>;
  /** Footer text per item: short source hash and capture time. */
  provenance(itemId: string): string;
  coverProvenance: string;
  /** The Bates string of a page number (the same formatter plan/ used). */
  bates(n: number): string;
  /**
   * Page `pageIndex` of an item rendered from HTML, or undefined when this twin's rendering is shorter than
   * the other's: that page becomes a blank alignment page so both twins keep the same Bates numbers.
   */
  renderedPage(itemId: string, pageIndex: number): Promise<{ doc: PDFDocument; index: number } | undefined>;
  /** The page text to lay invisibly over an image (a live capture's DOM text, or OCR words), or undefined. */
  imageText?(itemId: string): Promise<ImageText | undefined>;
  /** OCR words of a carried-in PDF's scanned page, in the pixels of its raster `width` px wide, or undefined. */
  pdfPageText?(itemId: string, pageIndex: number): Promise<{ text: ImageText; width: number } | undefined>;
  /** Regions to outline on an image (sealed twin: where the public twin is redacted), in displayed pixels. */
  highlights(itemId: string): PixelRegion[];
  /**
   * Public twin: a carried-in PDF page with a target on it, as a raster with the regions burned and its remaining
   * words; undefined for a page shown as it is. Nothing of such a page's original content is carried.
   */
  redactedPdfPage?(itemId: string, pageIndex: number): Promise<RedactedPdfPage | undefined>;
  /** Sealed twin: regions to outline on a carried-in PDF page (where the public twin burned them). */
  pdfPageHighlights?(itemId: string, pageIndex: number): readonly PageRegion[];
  /** The sealing legend, in every page's footer (a sealed item). */
  legend?: string;
}

export const PART_PAGES = 100;

export interface ExhibitPart {
  /** The part's PDF, in pieces to be written one after another (screenshot data is never joined in memory). */
  pieces: readonly Uint8Array[];
  /** 0-based index in the exhibit of the part's first page. */
  first: number;
  pages: number;
}

/**
 * `maxPartBytes`: also cut (between items) once a part holds that many bytes of images and carried-in PDFs,
 * so that parts are small enough to be packed into volumes under a court's file-size limit.
 */
export async function* composeExhibitParts(
  exhibit: PlannedExhibit,
  src: ExhibitSources,
  partPages = PART_PAGES,
  maxPartBytes = Infinity,
): AsyncGenerator<ExhibitPart> {
  let doc = await PDFDocument.create({ updateMetadata: false });
  let ctx = doc.context;
  let fonts = registerStampFonts(ctx);
  let images = new Map<string, { ref: PDFRef; name: PDFName; orientation: number; displayWidth: number; text?: ImageText }>();
  let textFont = invisibleFont(ctx);
  let embedded = new Map<string, PDFEmbeddedPage>();
  let copiers = new Map<PDFDocument, PDFObjectCopier>();
  const sourceDocs = new Map<string, PDFDocument>();
  const total = exhibit.pages.length;
  let partFirst = 0;
  let partBytes = 0;

  for (const [i, spec] of exhibit.pages.entries()) {
    // Cut a part only where nothing is shared across the cut: between items, or between rendered pages.
    const prev = exhibit.pages[i - 1];
    const sameItem = prev && prev.kind !== "cover" && spec.kind !== "cover" && prev.itemId === spec.itemId;
    if (
      i > partFirst &&
      ((i - partFirst >= partPages && (!sameItem || spec.kind === "rendered")) || (partBytes >= maxPartBytes && !sameItem))
    ) {
      textFont.finish();
      yield { pieces: await savePart(doc), first: partFirst, pages: i - partFirst };
      doc = await PDFDocument.create({ updateMetadata: false });
      ctx = doc.context;
      fonts = registerStampFonts(ctx);
      images = new Map();
      textFont = invisibleFont(ctx);
      embedded = new Map();
      copiers = new Map();
      if (!sameItem) sourceDocs.clear();
      partFirst = i;
      partBytes = 0;
    }
    const stamp = {
      label: `Exhibit ${exhibit.label} · page ${i + 1} of ${total}`,
      bates: src.bates(exhibit.bates.firstNumber + i),
      provenance: "",
      ...(src.legend ? { legend: src.legend } : {}),
    };
    if (spec.kind === "cover") {
      const continued = spec.index > 0 ? " (continued)" : "";
      if (spec.index < src.cover.pages) {
        const [page] = await doc.copyPages(src.cover.doc, [src.cover.pageIndex + spec.index]);
        doc.addPage(page);
        stampPage(ctx, page, fonts, { ...stamp, provenance: `${src.coverProvenance}${continued}` }, true);
      } else {
        // The other twin's cover is longer: a blank alignment page keeps the Bates numbers of both the same.
        const page = doc.addPage([spec.size[0], spec.size[1]]);
        page.node.setFontDictionary(STAMP_FONT_REGULAR, fonts.regular);
        page.node.addContentStream(ctx.register(flateStream(ctx, blankPageText(spec.size[0], spec.size[1]))));
        stampPage(ctx, page, fonts, { ...stamp, provenance: `${src.coverProvenance} · alignment page` }, false);
      }
      continue;
    }
    if (spec.kind === "rendered") {
      const from = await src.renderedPage(spec.itemId, spec.pageIndex);
      if (from) {
        // One copier per rendered batch and part: fonts and other shared resources are copied once, not per page.
        let copier = copiers.get(from.doc);
        if (!copier) {
          copier = PDFObjectCopier.for(from.doc.context, ctx);
          copiers.set(from.doc, copier);
        }
        const leaf = copier.copy(from.doc.getPage(from.index).node);
        const page = PDFPage.of(leaf, ctx.register(leaf), doc);
        doc.addPage(page);
        stampPage(ctx, page, fonts, { ...stamp, provenance: `${src.provenance(spec.itemId)} · rendered page ${spec.pageIndex + 1}` }, true);
      } else {
        const page = doc.addPage([spec.size[0], spec.size[1]]);
        page.node.setFontDictionary(STAMP_FONT_REGULAR, fonts.regular);
        page.node.addContentStream(ctx.register(flateStream(ctx, blankPageText(spec.size[0], spec.size[1]))));
        stampPage(ctx, page, fonts, { ...stamp, provenance: `${src.provenance(spec.itemId)} · alignment page` }, false);
      }
      continue;
    }
    const page = doc.addPage([spec.size[0], spec.size[1]]);
    let ops: string;
    if (spec.kind === "image") {
      let image = images.get(spec.itemId);
      if (!image) {
        // Prepared once per item: every band of a split screenshot shares one image XObject.
        const prepared = await src.image(spec.itemId);
        partBytes += imageBytes(prepared) + (prepared.softMask ? imageBytes(prepared.softMask) : 0);
        const displayWidth = prepared.orientation >= 5 ? prepared.height : prepared.width;
        const text = await src.imageText?.(spec.itemId);
        image = {
          ref: registerImage(ctx, prepared),
          name: PDFName.of(`ExhImg${images.size + 1}`),
          orientation: prepared.orientation,
          displayWidth,
          ...(text ? { text } : {}),
        };
        images.set(spec.itemId, image);
      }
      const name = image.name;
      page.node.setXObject(name, image.ref);
      const p = spec.placement;
      const c = spec.clip;
      ops =
        `q ${rectClip(c.x, c.y, c.width, c.height)} ${cm(orientedImageMatrix(image.orientation, p.x, p.y, p.width, p.height))} ` +
        `${name.toString()} Do Q`;
      if (image.text) {
        const textOps = invisibleTextOps(image.text, p, image.displayWidth, spec.rows, textFont.encode);
        if (textOps) {
          page.node.setFontDictionary(PDFName.of(INVISIBLE_FONT_NAME), textFont.ref());
          ops += ` q ${rectClip(c.x, c.y, c.width, c.height)}${textOps} Q`;
        }
      }
      ops += highlightOps(src.highlights(spec.itemId), p, c, image.displayWidth);
      const rows = spec.rows ? ` · pixel rows ${spec.rows.from + 1}–${spec.rows.to} of ${spec.rows.of}` : "";
      stamp.provenance = src.provenance(spec.itemId) + rows;
    } else {
      const p = spec.placement;
      // A hairline frame shows where the original page ends (its own white margins would otherwise vanish).
      const frame = `q 0.6 0.6 0.6 RG 0.5 w ${num(p.x)} ${num(p.y)} ${num(p.width)} ${num(p.height)} re S Q`;
      const redacted = await src.redactedPdfPage?.(spec.itemId, spec.pageIndex);
      if (redacted) {
        // The page as its raster shows it (already displayed: crop box, /Rotate applied), and its remaining words.
        partBytes += imageBytes(redacted.image);
        const name = PDFName.of(`ExhRdx${spec.pageIndex + 1}`);
        page.node.setXObject(name, registerImage(ctx, redacted.image));
        ops = `q ${rectClip(p.x, p.y, p.width, p.height)} ${cm([p.width, 0, 0, p.height, p.x, p.y])} ${name.toString()} Do Q ${frame}`;
        // Its words as the page's own text ran: on the page before /Rotate, turned with it (as a carried page's form is).
        const { width: w, height: h, rotate } = redacted;
        const words = invisibleTextOps(redacted.text, { x: 0, y: 0, width: w, height: h }, w, undefined, textFont.encode);
        if (words) {
          page.node.setFontDictionary(PDFName.of(INVISIBLE_FONT_NAME), textFont.ref());
          const turn = rotatedPageMatrix(rotate, p.width / (rotate % 180 === 0 ? w : h), p.x, p.y, p.width, p.height);
          ops += ` q ${rectClip(p.x, p.y, p.width, p.height)} ${cm(turn)}${words} Q`;
        }
      } else {
        let source = sourceDocs.get(spec.itemId);
        if (!source) {
          const pdfBytes = await src.pdf(spec.itemId);
          partBytes += pdfBytes.length;
          source = await PDFDocument.load(pdfBytes, { updateMetadata: false });
          sourceDocs.set(spec.itemId, source);
        }
        const key = `${spec.itemId}#${spec.pageIndex}`;
        let form = embedded.get(key);
        if (!form) {
          form = await embedCarriedPage(doc, source.getPage(spec.pageIndex));
          embedded.set(key, form);
        }
        const name = PDFName.of(`ExhPg${embedded.size}`);
        page.node.setXObject(name, form.ref);
        const shownWidth = spec.rotate % 180 === 0 ? form.width : form.height;
        const s = p.width / shownWidth;
        ops =
          `q ${rectClip(p.x, p.y, p.width, p.height)} ${cm(rotatedPageMatrix(spec.rotate, s, p.x, p.y, p.width, p.height))} ` +
          `${name.toString()} Do Q ${frame}`;
        ops += highlightPageOps(src.pdfPageHighlights?.(spec.itemId, spec.pageIndex) ?? [], p, shownWidth);
      }
      // A scanned page's OCR words, over the page as displayed (its raster was made with /Rotate applied).
      const scanned = await src.pdfPageText?.(spec.itemId, spec.pageIndex);
      const textOps = scanned ? invisibleTextOps(scanned.text, p, scanned.width, undefined, textFont.encode) : "";
      if (textOps) {
        page.node.setFontDictionary(PDFName.of(INVISIBLE_FONT_NAME), textFont.ref());
        ops += ` q ${rectClip(p.x, p.y, p.width, p.height)}${textOps} Q`;
      }
      stamp.provenance = `${src.provenance(spec.itemId)} · source page ${spec.pageIndex + 1}`;
    }
    page.node.addContentStream(ctx.register(flateStream(ctx, ops)));
    stampPage(ctx, page, fonts, stamp, false);
  }
  textFont.finish();
  yield { pieces: await savePart(doc), first: partFirst, pages: total - partFirst };
}

/** Orange outlines over regions of an image (sealed twin), clipped to the band shown on this page. */
function highlightOps(regions: PixelRegion[], placement: Box, clip: Box, displayWidth: number): string {
  if (regions.length === 0) return "";
  const s = placement.width / displayWidth;
  const top = placement.y + placement.height;
  const boxes = regions
    .map((r) => `${num(placement.x + r.x * s)} ${num(top - (r.y + r.height) * s)} ${num(r.width * s)} ${num(r.height * s)} re`)
    .join(" ");
  return ` q ${rectClip(clip.x, clip.y, clip.width, clip.height)} 1 0.55 0 RG 1.5 w ${boxes} S Q`;
}

function blankPageText(width: number, height: number): string {
  return centredText(
    width,
    height / 2,
    "This page is intentionally blank.",
    "It keeps this twin's Bates numbers aligned with the other twin, whose rendering is one page longer.",
  );
}
