/**
 * One exhibit PDF from its page plan: the cover sheet (copied from a rendered batch), screenshot bands and
 * photos (image XObjects drawn under a clip), and PDF pages (embedded whole as form XObjects), every page
 * stamped. Pages are built fresh from the originals on each build, so re-running never stacks stamps.
 */
import { PDFDocument, PDFName, type PDFEmbeddedPage, type PDFRef } from "pdf-lib";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { PreparedImage } from "../model/image.js";
import { registerImage } from "./image-xobject.js";
import { cm, num, orientedImageMatrix, rectClip, rotatedPageMatrix } from "./operators.js";
import { registerStampFonts, stampPage } from "./stamp.js";
import { applyMetadata, type DocMetadata } from "./metadata.js";

export interface ExhibitSources {
  /** The rendered cover-sheet batch and the page in it that belongs to this exhibit. */
  cover: { doc: PDFDocument; pageIndex: number };
  image(itemId: string): Promise<PreparedImage>;
  pdf(itemId: string): Promise<Uint8Array>;
  /** Footer text per item: short source hash and capture time. */
  provenance(itemId: string): string;
  coverProvenance: string;
  /** The Bates string of a page number (the same formatter plan/ used). */
  bates(n: number): string;
}

export async function composeExhibit(exhibit: PlannedExhibit, src: ExhibitSources, meta: DocMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const fonts = registerStampFonts(ctx);
  const images = new Map<string, { ref: PDFRef; name: PDFName; orientation: number }>();
  const sourceDocs = new Map<string, PDFDocument>();
  const embedded = new Map<string, PDFEmbeddedPage>();
  const total = exhibit.pages.length;

  for (const [i, spec] of exhibit.pages.entries()) {
    const stamp = { label: `Exhibit ${exhibit.label} · page ${i + 1} of ${total}`, bates: src.bates(exhibit.bates.firstNumber + i), provenance: "" };
    if (spec.kind === "cover") {
      const [page] = await doc.copyPages(src.cover.doc, [src.cover.pageIndex]);
      doc.addPage(page);
      stampPage(ctx, page, fonts, { ...stamp, provenance: src.coverProvenance }, true);
      continue;
    }
    const page = doc.addPage([spec.size[0], spec.size[1]]);
    let ops: string;
    if (spec.kind === "image") {
      let image = images.get(spec.itemId);
      if (!image) {
        // Prepared once per item: every band of a split screenshot shares one image XObject.
        const prepared = await src.image(spec.itemId);
        image = { ref: registerImage(ctx, prepared), name: PDFName.of(`ExhImg${images.size + 1}`), orientation: prepared.orientation };
        images.set(spec.itemId, image);
      }
      const name = image.name;
      page.node.setXObject(name, image.ref);
      const p = spec.placement;
      const c = spec.clip;
      ops = `q ${rectClip(c.x, c.y, c.width, c.height)} ${cm(orientedImageMatrix(image.orientation, p.x, p.y, p.width, p.height))} ${name.toString()} Do Q`;
      const rows = spec.rows ? ` · pixel rows ${spec.rows.from + 1}–${spec.rows.to} of ${spec.rows.of}` : "";
      stamp.provenance = src.provenance(spec.itemId) + rows;
    } else {
      let source = sourceDocs.get(spec.itemId);
      if (!source) {
        source = await PDFDocument.load(await src.pdf(spec.itemId), { updateMetadata: false });
        sourceDocs.set(spec.itemId, source);
      }
      const key = `${spec.itemId}#${spec.pageIndex}`;
      let form = embedded.get(key);
      if (!form) {
        const srcPage = source.getPage(spec.pageIndex);
        const box = srcPage.getCropBox();
        form = await doc.embedPage(srcPage, { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height });
        embedded.set(key, form);
      }
      const name = PDFName.of(`ExhPg${embedded.size}`);
      page.node.setXObject(name, form.ref);
      const p = spec.placement;
      const unrotatedWidth = spec.rotate % 180 === 0 ? form.width : form.height;
      const s = p.width / unrotatedWidth;
      // A hairline frame shows where the original page ends (its own white margins would otherwise vanish).
      const frame = `q 0.6 0.6 0.6 RG 0.5 w ${num(p.x)} ${num(p.y)} ${num(p.width)} ${num(p.height)} re S Q`;
      ops = `q ${rectClip(p.x, p.y, p.width, p.height)} ${cm(rotatedPageMatrix(spec.rotate, s, p.x, p.y, p.width, p.height))} ${name.toString()} Do Q ${frame}`;
      stamp.provenance = `${src.provenance(spec.itemId)} · source page ${spec.pageIndex + 1}`;
    }
    page.node.addContentStream(ctx.register(ctx.flateStream(ops)));
    stampPage(ctx, page, fonts, stamp, false);
  }
  applyMetadata(doc, meta);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
