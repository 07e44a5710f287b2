/**
 * Stage 2b, OCR: words with boxes for every image page that has no text of its own — screenshots and photos that
 * were not made by `exhibits capture` (a capture keeps its exact DOM text), and the image-only pages of carried-in
 * PDFs. Pages are cut into bands that a pool of single-threaded tesseract processes recognises in parallel; each
 * page's words are kept in the build cache by the image's SHA-256, the engine's version, the languages and every
 * setting, so a rebuild never recognises an unchanged image again.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { greyBand, greyRaster } from "../images/grey.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { GreyRaster } from "../model/image.js";
import type { OcrEngine, OcrLayer, OcrMode, OcrPage, OcrResult } from "../model/ocr.js";
import { hasPoppler, pagesWithText, rasterPdfPage } from "../pdf/raster.js";
import { limiter, mapLimit } from "../util/concurrency.js";
import { EnvironmentError, InvalidInputError } from "../util/errors.js";
import { mergeBands, planBands } from "./bands.js";
import { findTesseract, INSTALL_HINT, type Tesseract } from "./engine.js";
import { OCR_SETTINGS, OcrFailedError, ocrScale, runTesseract, toPgm } from "./recognise.js";
import { parseTsv } from "./tsv.js";

export { OCR_SETTINGS } from "./recognise.js";
export { findTesseract, listedLanguages } from "./engine.js";

/** What one page's words are kept under: everything they are made from. */
export interface OcrKeyInputs {
  source: string;
  /** EXIF orientation of an image, or the page index of a PDF. */
  orientation: number | null;
  page: number | null;
  engine: string;
  languages: string[];
  settings: typeof OCR_SETTINGS;
}

export interface OcrOptions {
  caseDir: string;
  mode: OcrMode;
  languages: readonly string[];
  /** The build cache's port: `compute` runs only when no words are kept under `inputs`. */
  memo(inputs: OcrKeyInputs, compute: () => Promise<OcrPage>): Promise<OcrPage>;
  /**
   * Only the words already kept (`exhibits check`: the last build's reading, never a new one): a page `memo` does not
   * hold is left out of the layer, and tesseract is never run.
   */
  keptOnly?: boolean;
  /** How many tesseract processes run at once (default: one per core). */
  processes?: number;
  /** Called as pages finish: megapixels done and in all, and which item. */
  progress?(done: number, total: number, current: string): void;
  /** A note for the user (why OCR was skipped). */
  warn?(message: string): void;
  env?: NodeJS.ProcessEnv;
}

/** A page not kept, with `keptOnly`: left out. */
const NOT_KEPT = Symbol("not kept");

/** The items OCR reads, and for each, the pages: an image's one page, or a PDF's pages without text. */
interface Job {
  item: EvidenceItem;
  page: number | null;
  megapixels: number;
}

export async function recogniseEvidence(items: readonly EvidenceItem[], o: OcrOptions): Promise<OcrLayer> {
  const none: OcrLayer = { items: new Map() };
  if (o.mode === "off") return { ...none, skipped: "OCR is off in case.yaml" };
  const tesseract = await findTesseract(o.env);
  if (!tesseract) {
    if (o.mode === "required")
      throw new EnvironmentError(`case.yaml asks for OCR (ocr: required), but tesseract is not installed: ${INSTALL_HINT}`);
    o.warn?.(`tesseract is not installed: image pages get no OCR text layer (${INSTALL_HINT})`);
    return { ...none, skipped: "tesseract is not installed" };
  }
  const languages = [...o.languages];
  const missing = languages.filter((l) => !tesseract.languages.includes(l));
  if (missing.length) {
    throw new EnvironmentError(
      `case.yaml's ocr.languages names ${missing.join(", ")}, which tesseract here does not have ` +
        `(installed: ${tesseract.languages.join(", ") || "none"}); install tesseract-ocr-${missing[0]!.replace(/_/g, "-").toLowerCase()}`,
    );
  }
  const engine: OcrEngine = { name: "tesseract", version: tesseract.version, languages };
  const jobs = await listJobs(items, o);
  const total = jobs.reduce((n, j) => n + j.megapixels, 0);
  let done = 0;
  const processes = o.processes ?? Math.max(1, availableParallelism());
  const pool = limiter(processes);
  const results = new Map<string, OcrResult>();
  // As many pages open at once as there are processes (each page's raster is held until its bands are read).
  await mapLimit(jobs, processes, async (job) => {
    const inputs: OcrKeyInputs = {
      source: job.item.source.sha256,
      orientation: job.item.payload.type === "image" ? job.item.payload.orientation : null,
      page: job.page,
      engine: `${engine.name} ${engine.version}`,
      languages,
      settings: OCR_SETTINGS,
    };
    const read = () => (o.keptOnly ? Promise.reject(NOT_KEPT) : recognisePage(job, o.caseDir, tesseract, languages, pool));
    const page = await o.memo(inputs, read).catch((e: unknown) => {
      if (e === NOT_KEPT) return undefined;
      throw e;
    });
    done += job.megapixels;
    if (!page) return;
    const result = results.get(job.item.id) ?? { pages: {} };
    result.pages[job.page ?? 0] = page;
    results.set(job.item.id, result);
    o.progress?.(done, total, job.item.id);
  });
  // In the items' order, whatever order the pages finished in: the layer is the same on every run.
  const ordered = new Map(items.filter((i) => results.has(i.id)).map((i) => [i.id, results.get(i.id)!]));
  return { engine, items: ordered };
}

async function listJobs(items: readonly EvidenceItem[], o: OcrOptions): Promise<Job[]> {
  const jobs: Job[] = [];
  let poppler: boolean | undefined;
  for (const item of items) {
    const p = item.payload;
    if (p.type === "image" && !item.capture) jobs.push({ item, page: null, megapixels: (p.width * p.height) / 1e6 });
    if (p.type !== "pdf") continue;
    poppler ??= await hasPoppler();
    if (!poppler) {
      if (o.mode === "required")
        throw new EnvironmentError("OCR of PDF pages needs poppler-utils (pdftotext, pdftoppm): sudo apt-get install poppler-utils");
      o.warn?.("poppler-utils is not installed: scanned PDF pages get no OCR text layer (sudo apt-get install poppler-utils)");
      continue;
    }
    const withText = await pagesWithText(join(o.caseDir, item.source.path), p.pages.length).catch((e: Error) => {
      throw new InvalidInputError({ file: item.source.path }, `cannot read the PDF's text to see which pages are scanned: ${e.message}`);
    });
    const inches = (pg: { width: number; height: number }) => (pg.width / 72) * (pg.height / 72);
    p.pages.forEach((pg, i) => {
      if (!withText[i]) jobs.push({ item, page: i, megapixels: (inches(pg) * OCR_SETTINGS.pdfDpi ** 2) / 1e6 });
    });
  }
  return jobs;
}

async function recognisePage(
  job: Job,
  caseDir: string,
  tesseract: Tesseract,
  languages: readonly string[],
  pool: <R>(task: () => Promise<R>) => Promise<R>,
): Promise<OcrPage> {
  const file = join(caseDir, job.item.source.path);
  const where = { file: job.item.source.path };
  let raster: GreyRaster;
  try {
    raster =
      job.page === null
        ? await greyRaster(file, job.item.payload.type === "image" ? job.item.payload.orientation : 1)
        : await pool(() => rasterPdfPage(file, job.page!, OCR_SETTINGS.pdfDpi));
  } catch (e) {
    const what = job.page === null ? "the image" : `page ${job.page + 1}`;
    throw new InvalidInputError(where, `cannot decode ${what} for OCR: ${(e as Error).message}`);
  }
  const scale = job.page === null ? ocrScale(raster.width) : 1;
  const bands = planBands(raster, OCR_SETTINGS.bandRows, OCR_SETTINGS.bandSearch, OCR_SETTINGS.bandOverlap);
  const read = await Promise.all(
    bands.map((band) =>
      pool(async () => {
        const cut = await greyBand(raster, band.from, band.to, scale);
        try {
          const tsv = await runTesseract(tesseract, languages, toPgm(cut.width, cut.height, cut.data));
          return { band, words: parseTsv(tsv, { scale, top: band.from }) };
        } catch (e) {
          if (!(e instanceof OcrFailedError)) throw e;
          const rows = `rows ${band.from + 1}–${band.to}${job.page === null ? "" : ` of page ${job.page + 1}`}`;
          throw new InvalidInputError(where, `OCR failed on ${rows}: ${e.message}`);
        }
      }),
    ),
  );
  return { width: raster.width, height: raster.height, words: mergeBands(read) };
}
