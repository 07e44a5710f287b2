/**
 * Stage 6 (redact), on carried-in PDFs: each page's own text layer (its words with boxes, read with poppler) and,
 * for scanned pages, its OCR words, searched for every target like every other word layer. A page with a hit is
 * shown in the public twin as a raster with those words burned out (exhibits/, pdf/redact-page.ts); each region burned
 * (a run of hit words on a line) is one redaction-log entry naming the source page and the region, the layer and the
 * rule, so the log counts what was blacked out; each value found joins the hunt.
 */
import { join } from "node:path";
import { type PageWord, wordHits } from "../leaks/word-hits.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import { REDACTION_RULES, type PageRegion, type PdfRedactions } from "../model/redaction.js";
import { HIT_PAD_POINTS, pdfPageWords } from "../pdf/index.js";
import type { Redactor } from "./index.js";

/** The resolution the OCR stage rasterises scanned pages at (its words' pixels → points). */
export interface PdfHuntOptions {
  caseDir: string;
  ocrPdfDpi: number;
}

/** One page's regions, each rule's hits found and logged in turn. */
function pageRegions(
  words: readonly PageWord[],
  redactor: Redactor,
  where: { item: string; place: string; page: number; layer: "pdf-text" | "ocr" },
): PageRegion[] {
  const regions: PageRegion[] = [];
  for (const rule of REDACTION_RULES) {
    let basis: string | undefined;
    const { boxes } = wordHits(
      words,
      (text) => {
        const found = redactor.find(text).filter((m) => m.rule === rule);
        for (const m of found) redactor.addLiteral(text.slice(m.start, m.end), m);
        basis ??= found.find((m) => m.basis)?.basis;
        return found;
      },
      HIT_PAD_POINTS,
    );
    const { item, place, page, layer } = where;
    for (const b of boxes) {
      regions.push(b);
      const [x, y, w, h] = [b.x, b.y, b.width, b.height].map(Math.round);
      const box = `region ${regions.length} (x ${x}, y ${y}, ${w}×${h} pt)`;
      redactor.record({ item, place: `${place}, ${box}`, layer, rule, ...(basis ? { basis } : {}), at: { page } });
    }
  }
  return regions;
}

export async function huntPdfPages(
  items: readonly EvidenceItem[],
  ocr: OcrLayer,
  redactor: Redactor,
  opts: PdfHuntOptions,
): Promise<PdfRedactions> {
  const out = new Map<string, Map<number, PageRegion[]>>();
  for (const it of items) {
    if (it.payload.type !== "pdf") continue;
    const pages = await pdfPageWords(join(opts.caseDir, it.source.path));
    const scanned = ocr.items.get(it.id)?.pages ?? {};
    const hits = new Map<number, PageRegion[]>();
    for (const [i, page] of pages.entries()) {
      const text = pageRegions(page.words, redactor, { item: it.id, place: `source page ${i + 1}`, page: i, layer: "pdf-text" });
      const raster = scanned[i];
      const scale = 72 / opts.ocrPdfDpi;
      const ocrWords = (raster?.words ?? []).map((w) => ({
        text: w.text,
        x: w.x * scale,
        y: w.y * scale,
        width: w.width * scale,
        height: w.height * scale,
      }));
      const read =
        ocrWords.length > 0 ? pageRegions(ocrWords, redactor, { item: it.id, place: `source page ${i + 1}`, page: i, layer: "ocr" }) : [];
      if (text.length + read.length > 0) hits.set(i, [...text, ...read]);
    }
    if (hits.size > 0) out.set(it.id, hits);
  }
  return out;
}
