/**
 * Stage 4 of the pipeline: cover sheets, HTML → PDF. Cover sheets are rendered in batches (one Chromium
 * round-trip for many exhibits), one page each; a sheet that would spill onto a second page is an error
 * naming the exhibit, never a silent overflow that would shift every Bates number after it.
 */
import type { BrowserSession } from "../browser/index.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { InvalidInputError } from "../util/errors.js";
import { coverModel } from "./cover-model.js";
import { renderTemplate } from "./templates.js";
import type { Variant } from "./text-parts.js";
import { mapLimit } from "../util/concurrency.js";

export { renderTemplate, TEMPLATES_DIR } from "./templates.js";
export { renderDocuments, MESSAGES_PER_BATCH } from "./documents.js";
export { coverModel } from "./cover-model.js";
export type { RenderedDocument, DocumentRenderContext } from "./documents.js";
export type { Variant } from "./text-parts.js";

/** A rendered batch of cover sheets: page i is the cover of exhibits[first + i]. */
export interface CoverBatch {
  first: number;
  count: number;
  pdf: Uint8Array;
}

/**
 * Covers per Chromium render. Exhibits are keyed by their own cover page, so the batch size only sets how
 * much a rebuild re-renders when one cover changes (25 covers ≈ 0.3 s), against the per-render overhead of
 * a full build.
 */
export const COVER_BATCH_SIZE = 25;

export type PageCounter = (pdf: Uint8Array) => Promise<number>;

export async function renderCoverSheets(
  browser: BrowserSession,
  config: CaseConfig,
  exhibits: readonly PlannedExhibit[],
  items: Map<string, EvidenceItem>,
  countPages: PageCounter,
  variant: Variant = "single",
  redactionsPerExhibit: ReadonlyMap<string, number> = new Map(),
): Promise<CoverBatch[]> {
  const model = (e: PlannedExhibit) => coverModel(config, e, items, variant, redactionsPerExhibit.get(e.label) ?? 0);
  const starts = Array.from({ length: Math.ceil(exhibits.length / COVER_BATCH_SIZE) }, (_, k) => k * COVER_BATCH_SIZE);
  // Two renders in flight: Chromium lays out one batch while the other prints.
  return mapLimit(starts, 2, async (first): Promise<CoverBatch> => {
    const slice = exhibits.slice(first, first + COVER_BATCH_SIZE);
    const html = renderTemplate("cover", { covers: slice.map(model) });
    const pdf = await browser.htmlToPdf(html);
    const pages = await countPages(pdf);
    if (pages !== slice.length) {
      for (const e of slice) {
        const single = await browser.htmlToPdf(renderTemplate("cover", { covers: [model(e)] }));
        if ((await countPages(single)) !== 1) {
          throw new InvalidInputError(
            { file: "case.yaml", field: `exhibit ${e.label}` },
            `the cover sheet of Exhibit ${e.label} ("${e.title}") does not fit on one page; shorten its title or description`,
          );
        }
      }
      throw new Error(`cover batch rendered ${pages} pages for ${slice.length} exhibits`);
    }
    return { first, count: slice.length, pdf };
  });
}
