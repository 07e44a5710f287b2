/**
 * The cover sheets of one twin, as the exhibits stage uses them: each batch's print parsed only when an
 * exhibit in it is composed, and the digests of each cover's own pages (the print's facts, kept in the cache) so that an exhibit is
 * keyed by its own cover: a change to one cover recomposes one exhibit, not the batch it was printed with.
 * A long cover continues on further pages of the print (its batch says where each cover starts).
 */
import type { EntryStore } from "../cache/ports.js";
import type { CoverBatch } from "../model/rendered.js";
import { loadPdf, type PdfDocument } from "../pdf/index.js";

export interface CoverPage {
  batch: CoverBatch;
  /** The batch's print, parsed (once). */
  doc: () => Promise<PdfDocument>;
  /** Where the cover of exhibit `first + i` of the batch starts in the print, and how many pages it has. */
  pages: (i: number) => Promise<{ first: number; count: number }>;
  /** The digest of the pages of that cover. */
  pageKey: (i: number) => Promise<string>;
}

/** For each exhibit of the plan (by index), its cover batch. */
export function coverPages(covers: readonly CoverBatch[], store: EntryStore, exhibits: number): (CoverPage | undefined)[] {
  const pages = covers.map((batch): CoverPage => {
    let doc: Promise<PdfDocument> | undefined;
    let digests: Promise<string[]> | undefined;
    const load = () => (doc ??= batch.pdf.then(loadPdf));
    // The digests of the print's pages: the facts of the print (kept in the cache) that told where each cover starts.
    const pageKeys = async () => (digests ??= batch.pdf.then(async (pdf) => (await store.batchFacts(pdf)).pageDigests));
    const range = async (i: number) => {
      const starts = await batch.starts;
      return { first: starts[i]!, count: starts[i + 1]! - starts[i]! };
    };
    const pageKey = async (i: number) => {
      const { first, count } = await range(i);
      return (await pageKeys()).slice(first, first + count).join(",");
    };
    return { batch, doc: load, pages: range, pageKey };
  });
  const of = Array.from({ length: exhibits }, () => undefined as CoverPage | undefined);
  for (const c of pages) for (let i = c.batch.first; i < c.batch.first + c.batch.count; i++) of[i] = c;
  return of;
}
