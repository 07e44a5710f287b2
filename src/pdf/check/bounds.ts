/**
 * The bounds a carried-in PDF is held to (README "Bounds"): each is checked before the step it protects, so a hostile
 * file costs a bounded time and memory and is refused with what is over which bound.
 */

/** Pages in one PDF document. */
export const MAX_PDF_PAGES = 5000;
/** Levels of the page tree (real files have 2 to 4). */
export const MAX_PAGE_TREE_DEPTH = 64;
/** Bytes all of a PDF's Flate streams decompress to, together: more is a decompression bomb, not a document. */
export const MAX_PDF_DECODED_BYTES = 512 * 1024 * 1024;
/** Bytes one page's content streams decompress to (they are decoded when the page is carried in). */
export const MAX_PAGE_CONTENT_BYTES = 64 * 1024 * 1024;
/** A page side, in points: PDF's own limit (14,400 pt = 200 inches). */
export const MAX_PAGE_SIDE = 14_400;
/** A page side, in points, below which a page shows nothing (PDF's minimum is 3 pt). */
export const MIN_PAGE_SIDE = 1;
/** Indirect objects in one PDF. */
export const MAX_PDF_OBJECTS = 1_000_000;
/** Seconds qpdf may take to check one PDF. */
export const QPDF_SECONDS = 30;
