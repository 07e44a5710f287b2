/**
 * What render/ hands on: evidence documents printed from text (transcripts, purchase summaries, emails) and
 * cover sheets, as pages of prints in the work folder or the cache. The plan takes their page counts; the
 * exhibits stage copies their pages.
 */
import type { Twin } from "./twin.js";

/** Pages [first, first + count) of a printed PDF in the work folder. */
export interface PageRange {
  file: string;
  first: number;
  count: number;
}

export interface RenderedDocument {
  itemId: string;
  /** Whether redaction changed anything in this item (then public and sealed differ). */
  redacted: boolean;
  /** Where its pages are, per twin, in order; "single" when nothing was redacted. */
  printed: Partial<Record<Twin, PageRange[]>>;
  pages: Partial<Record<Twin, number>>;
  /**
   * Per twin, the page (0-based, of this document) each redaction is printed on, by its mark: found from the named
   * destination Chromium writes for the redacted span's anchor.
   */
  marks?: Partial<Record<Twin, Record<string, number>>>;
  /** The page count the plan uses: the larger of the twins. */
  planned: number;
  /** SHA-256 over its pages' digests: what the exhibits made from this item are keyed by. */
  digest: string;
}

/** A batch of cover sheets: page i is the cover of exhibits[first + i]. */
export interface CoverBatch {
  first: number;
  count: number;
  /** Its print: at hand when kept from an earlier build, else being printed (Chromium may still be starting). */
  pdf: Promise<Uint8Array>;
  /** True when the print was kept from an earlier build: nothing to wait for. */
  recalled: boolean;
  /** The page each cover starts on, and the print's page count last: a long cover continues on further pages. */
  starts: Promise<number[]>;
}
