/**
 * Stage 3, render: evidence documents printed from text (documents.ts) before the plan, and, per twin, the
 * cover sheets, printed in batches (one Chromium print for many exhibits), one page each; a sheet that would
 * spill onto a second page is an error naming the exhibit, never a silent overflow that would shift every
 * Bates number after it. A character Chromium could not draw is an error naming the exhibit and field.
 */
import type { Printer } from "../browser/index.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { InvalidInputError } from "../util/errors.js";
import { coverModel } from "./cover-model.js";
import { renderTemplate, templatesIdentity } from "./templates.js";
import type { Twin } from "../model/twin.js";
import type { CoverBatch } from "../model/rendered.js";
import { coverPlaces, naming } from "./undrawn-places.js";

export { renderTemplate, templatesIdentity, TEMPLATES_DIR } from "./templates.js";
export { renderDocuments, MESSAGES_PER_BATCH } from "./documents.js";
export { coverModel, coverSources } from "./cover-model.js";
export type { DocumentRenderContext } from "./documents.js";
export { naming, pathsHolding } from "./undrawn-places.js";

/**
 * Covers per Chromium render. Exhibits are keyed by their own cover page, so the batch size only sets how
 * much a rebuild re-renders when one cover changes (25 covers ≈ 0.3 s), against the per-render overhead of
 * a full build.
 */
export const COVER_BATCH_SIZE = 25;

export type PageCounter = (pdf: Uint8Array) => Promise<number>;

/**
 * The batches, returned as soon as each is known to be kept or is queued for printing: the exhibits whose
 * covers are at hand go on while Chromium prints (or starts, in a rebuild) for the others. A print is kept
 * under its cover models and the templates' identity, so a kept batch is not laid out again. A cover that
 * would spill onto a second page fails its batch's print with an error naming the exhibit.
 */
export async function renderCoverSheets(
  printer: Printer,
  config: CaseConfig,
  exhibits: readonly PlannedExhibit[],
  items: ReadonlyMap<string, EvidenceItem>,
  countPages: PageCounter,
  twin: Twin = "single",
  redactionsPerExhibit: ReadonlyMap<string, number> = new Map(),
): Promise<CoverBatch[]> {
  const model = (e: PlannedExhibit) => coverModel(config, e, items, twin, redactionsPerExhibit.get(e.label) ?? 0);
  const starts = Array.from({ length: Math.ceil(exhibits.length / COVER_BATCH_SIZE) }, (_, k) => k * COVER_BATCH_SIZE);
  /** A new print of a batch has one page per cover, or the cover that does not fit is named. */
  const checked = async (slice: readonly PlannedExhibit[], pdf: Uint8Array) => {
    const pages = await countPages(pdf);
    if (pages === slice.length) return pdf;
    for (const e of slice) {
      const single = await printer.print(undefined, () => renderTemplate("cover", { covers: [model(e)] }));
      if ((await countPages(single)) !== 1) {
        throw new InvalidInputError(
          { file: "case.yaml", field: `exhibit ${e.label}` },
          `the cover sheet of Exhibit ${e.label} ("${e.title}") does not fit on one page; shorten its title or description`,
        );
      }
    }
    throw new Error(`cover batch rendered ${pages} pages for ${slice.length} exhibits`);
  };
  return Promise.all(
    starts.map(async (first): Promise<CoverBatch> => {
      const slice = exhibits.slice(first, first + COVER_BATCH_SIZE);
      const covers = slice.map(model);
      const job = await printer.startPrint(["cover", templatesIdentity(), covers], () => renderTemplate("cover", { covers }));
      const labels = slice.length > 1 ? `Exhibits ${slice[0]!.label}–${slice.at(-1)!.label}` : `Exhibit ${slice[0]!.label}`;
      const where = (ch: string) => covers.flatMap((c, k) => coverPlaces(c, items.get(slice[k]!.itemIds[0] ?? "")?.source.path, ch));
      const pdf = job.kept ? job.pdf : naming(job.pdf, `the cover sheets of ${labels}`, where).then((printed) => checked(slice, printed));
      pdf.catch(() => undefined); // its exhibits await it and report a failure; this only keeps it from going unhandled
      return { first, count: slice.length, pdf, recalled: job.kept };
    }),
  );
}
