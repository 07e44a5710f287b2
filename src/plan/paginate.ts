/**
 * How each evidence item becomes pages (pure). Screenshots keep full resolution and are split into
 * consecutive row bands, no row lost or repeated; photos are fitted to one page; PDF pages are carried
 * in whole, scaled down only as far as needed to keep the stamp margins clear.
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { PageSpec, Size } from "../model/exhibit.js";
import { LETTER, LETTER_LANDSCAPE, MAX_IMAGE_SCALE, contentBox } from "./layout.js";

/** Orientations 5–8 swap width and height. */
export function orientedSize(width: number, height: number, orientation: number): Size {
  return orientation >= 5 && orientation <= 8 ? [height, width] : [width, height];
}

/**
 * Pages of one item. Rendered items (transcripts, purchase summaries, emails) were laid out by Chromium
 * before planning; `renderedPages` is how many pages that took (for twins, the larger of the two).
 */
export function paginateItem(item: EvidenceItem, renderedPages?: number): PageSpec[] {
  const p = item.payload;
  if (p.type === "conversation" || p.type === "purchases" || p.type === "email") {
    if (renderedPages === undefined || renderedPages < 1) throw new Error(`no rendered page count for ${item.id}`);
    return Array.from({ length: renderedPages }, (_, pageIndex) => ({
      kind: "rendered" as const,
      itemId: item.id,
      pageIndex,
      size: LETTER,
    }));
  }
  if (p.type === "pdf") {
    return p.pages.map((page, pageIndex) => {
      const [w, h] = page.rotate % 180 === 0 ? [page.width, page.height] : [page.height, page.width];
      const size = w > h ? LETTER_LANDSCAPE : LETTER;
      const box = contentBox(size);
      const scale = Math.min(1, box.width / w, box.height / h);
      const placement = {
        x: box.x + (box.width - w * scale) / 2,
        y: box.y + (box.height - h * scale) / 2,
        width: w * scale,
        height: h * scale,
      };
      return { kind: "pdf-page" as const, itemId: item.id, pageIndex, size, placement, rotate: page.rotate };
    });
  }

  const [w, h] = orientedSize(p.width, p.height, p.orientation);
  const size = LETTER;
  const box = contentBox(size);
  // Photos are fitted to one page; every other image (listing, screenshot, checkout page…) keeps full
  // resolution and is split into row bands.
  const split = item.kind !== "photo";
  if (!split) {
    const scale = Math.min(MAX_IMAGE_SCALE, box.width / w, box.height / h);
    const placement = {
      x: box.x + (box.width - w * scale) / 2,
      y: box.y + (box.height - h * scale) / 2,
      width: w * scale,
      height: h * scale,
    };
    return [{ kind: "image", itemId: item.id, size, placement, clip: placement }];
  }

  // Screenshot: fit the width, then cut into bands of whole pixel rows that fit the content height.
  const scale = Math.min(MAX_IMAGE_SCALE, box.width / w);
  const rowsPerPage = Math.max(1, Math.floor(box.height / scale));
  const x = box.x + (box.width - w * scale) / 2;
  const top = box.y + box.height;
  const pages: PageSpec[] = [];
  for (let from = 0; from < h; from += rowsPerPage) {
    const to = Math.min(h, from + rowsPerPage);
    const bandHeight = (to - from) * scale;
    pages.push({
      kind: "image",
      itemId: item.id,
      size,
      // The whole image, shifted up so that row `from` sits at the top of the content box.
      placement: { x, y: top + from * scale - h * scale, width: w * scale, height: h * scale },
      clip: { x, y: top - bandHeight, width: w * scale, height: bandHeight },
      rows: { from, to, of: h },
    });
  }
  return pages;
}
