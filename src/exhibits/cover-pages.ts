/**
 * The cover sheets of one twin, as the exhibits stage uses them: each batch's print parsed only when an
 * exhibit in it is composed, and its pages' digests (kept in the cache) so that an exhibit is keyed by its own
 * cover page: a change to one cover recomposes one exhibit, not the batch it was printed with.
 */
import type { EntryStore } from "../cache/ports.js";
import type { CoverBatch } from "../model/rendered.js";
import { loadPdf, pageDigest, type PdfDocument } from "../pdf/index.js";

export interface CoverPage {
  batch: CoverBatch;
  /** The batch's print, parsed (once). */
  doc: () => Promise<PdfDocument>;
  /** The digest of the cover of exhibit `first + i` of the batch. */
  pageKey: (i: number) => Promise<string>;
}

/** For each exhibit of the plan (by index), its cover batch. */
export function coverPages(covers: readonly CoverBatch[], store: EntryStore, exhibits: number): (CoverPage | undefined)[] {
  const pages = covers.map((batch): CoverPage => {
    let doc: Promise<PdfDocument> | undefined;
    let digests: Promise<string[]> | undefined;
    const load = () => (doc ??= batch.pdf.then(loadPdf));
    const pageKeys = async () =>
      (digests ??= (async () => {
        const pdf = await batch.pdf;
        return store.memo("cover-pages", store.key("cover-pages", pdf), async () => {
          const d = await load();
          return Array.from({ length: batch.count }, (_, i) => pageDigest(d, i));
        });
      })());
    return { batch, doc: load, pageKey: async (i) => (await pageKeys())[i]! };
  });
  const of = Array.from({ length: exhibits }, () => undefined as CoverPage | undefined);
  for (const c of pages) for (let i = c.batch.first; i < c.batch.first + c.batch.count; i++) of[i] = c;
  return of;
}
