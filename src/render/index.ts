/**
 * Stage 3, render: evidence documents printed from text (documents.ts) before the plan, and, per twin, the
 * cover sheets, printed in batches (one Chromium print for many exhibits); a long cover continues on the next
 * page, and the plan gives it those pages (commands/plan-and-write.ts). A character Chromium could not draw is an
 * error naming the exhibit and field.
 */
import type { Printer } from "../browser/index.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { EnvironmentError } from "../util/errors.js";
import type { RenderedBatchFacts } from "../pdf/index.js";
import { coverModel } from "./cover-model.js";
import { renderTemplate, templatesIdentity } from "./templates.js";
import type { OcrLayer } from "../model/ocr.js";
import type { ExhibitRedactions, PdfRedactions } from "../model/redaction.js";
import type { Placement, Twin } from "../model/twin.js";
import type { IdentityMask } from "../plan/index.js";
import type { CoverBatch } from "../model/rendered.js";
import { coverPlaces, naming } from "./undrawn-places.js";

export { renderTemplate, templatesIdentity, TEMPLATES_DIR } from "./templates.js";
export { sealingLegend } from "./legend.js";
export { renderDocuments, MESSAGES_PER_BATCH } from "./documents.js";
export { coverModel, coverSources, type CoverSealing } from "./cover-model.js";
export { twinSources } from "./redacted-pages.js";
export type { DocumentRenderContext } from "./documents.js";
export { naming, pathsHolding } from "./undrawn-places.js";

/**
 * Covers per Chromium render. Exhibits are keyed by their own cover page, so the batch size only sets how
 * much a rebuild re-renders when one cover changes (25 covers ≈ 0.3 s), against the per-render overhead of
 * a full build.
 */
export const COVER_BATCH_SIZE = 25;

/** Page count, document starts and page digests of a print (kept in the build cache). */
export type PrintFacts = (pdf: Uint8Array) => Promise<RenderedBatchFacts>;

/**
 * The batches, returned as soon as each is known to be kept or is queued for printing: the exhibits whose
 * covers are at hand go on while Chromium prints (or starts, in a rebuild) for the others. A print is kept
 * under its cover models and the templates' identity, so a kept batch is not laid out again. A cover too long
 * for one page continues on the next (the plan then gives it as many pages: see commands/plan-covers.ts).
 */
export async function renderCoverSheets(
  printer: Printer,
  config: CaseConfig,
  exhibits: readonly PlannedExhibit[],
  items: ReadonlyMap<string, EvidenceItem>,
  facts: PrintFacts,
  twin: Twin = "single",
  redactionsPerExhibit: ReadonlyMap<string, ExhibitRedactions> = new Map(),
  ocr?: OcrLayer,
  sealing?: { legend: string; placement: ReadonlyMap<string, Placement>; mask?: IdentityMask },
  pdfRedactions?: PdfRedactions,
): Promise<CoverBatch[]> {
  const model = (e: PlannedExhibit) =>
    coverModel(
      config,
      e,
      items,
      twin,
      redactionsPerExhibit.get(e.label),
      ocr,
      { ...(sealing ? { legend: sealing.legend, placement: sealing.placement.get(e.label), mask: sealing.mask } : {}) },
      pdfRedactions,
    );
  const firsts = Array.from({ length: Math.ceil(exhibits.length / COVER_BATCH_SIZE) }, (_, k) => k * COVER_BATCH_SIZE);
  /** Where each cover of a print starts (its named destination), and the print's page count. */
  const startsOf = async (slice: readonly PlannedExhibit[], pdf: Uint8Array) => {
    const f = await facts(pdf);
    const starts = slice.map((_, k) => f.starts[`cover-${k}`]);
    if (starts.some((s, k) => s === undefined || s < (k === 0 ? 0 : starts[k - 1]! + 1)) || starts[0] !== 0) {
      throw new EnvironmentError(
        `Chromium printed ${slice.length} cover sheets but did not mark where each begins (${JSON.stringify(starts)})`,
      );
    }
    return [...(starts as number[]), f.pages];
  };
  return Promise.all(
    firsts.map(async (first): Promise<CoverBatch> => {
      const slice = exhibits.slice(first, first + COVER_BATCH_SIZE);
      const covers = slice.map(model);
      const job = await printer.startPrint(["cover", templatesIdentity(config.court), covers], () =>
        renderTemplate("cover", { covers }, config.court),
      );
      const labels = slice.length > 1 ? `Exhibits ${slice[0]!.label}–${slice.at(-1)!.label}` : `Exhibit ${slice[0]!.label}`;
      const where = (ch: string) => covers.flatMap((c, k) => coverPlaces(c, items.get(slice[k]!.itemIds[0] ?? "")?.source.path, ch));
      const pdf = job.kept ? job.pdf : naming(job.pdf, `the cover sheets of ${labels}`, where);
      const starts = pdf.then((printed) => startsOf(slice, printed));
      starts.catch(() => undefined); // its exhibits await it and report a failure; this only keeps it from going unhandled
      return { first, count: slice.length, pdf, recalled: job.kept, starts };
    }),
  );
}

/** How many pages each exhibit's cover takes in these batches (by the exhibit's index in the plan). */
export async function coverPageCounts(batches: readonly CoverBatch[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const b of batches) {
    const starts = await b.starts;
    for (let k = 0; k < b.count; k++) counts.set(b.first + k, starts[k + 1]! - starts[k]!);
  }
  return counts;
}
