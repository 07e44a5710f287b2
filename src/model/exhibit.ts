/** Exhibits: the planned unit of filing. Made by plan/ (pure), drawn by render/ and pdf/. */

export type Size = readonly [width: number, height: number];

/** A rectangle in PDF points, origin bottom-left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PageSpec =
  /** A page of the cover sheet (`index` 0 is its first; a long cover continues on further pages). */
  | { kind: "cover"; size: Size; index: number }
  | {
      kind: "image";
      itemId: string;
      size: Size;
      /** Where the whole image (after orientation) would be drawn; the page clips it to `clip`. */
      placement: Box;
      clip: Box;
      /** For a tall screenshot split over pages: the pixel rows on this page (0-based, end exclusive). */
      rows?: { from: number; to: number; of: number };
    }
  | { kind: "pdf-page"; itemId: string; pageIndex: number; size: Size; placement: Box; rotate: number }
  /** A page of an HTML rendering (transcript, purchase summary, email), already laid out with stamp margins. */
  | { kind: "rendered"; itemId: string; pageIndex: number; size: Size };

export interface BatesRange {
  first: string;
  last: string;
  /** The numeric value of `first`, for continuity checks. */
  firstNumber: number;
  lastNumber: number;
}

export interface PlannedExhibit {
  /** 1-based position in the bundle. */
  number: number;
  /** As printed: "1", "AA", "PX-12". */
  label: string;
  title: string;
  defendantId?: string;
  defendantName?: string;
  /** Other defendants its items concern (in case.yaml's order): the exhibit is cross-referenced from theirs. */
  alsoDefendantIds?: string[];
  itemIds: string[];
  pages: PageSpec[];
  bates: BatesRange;
  /** File name inside exhibits/, e.g. "001 Kaitlyn Pan Group - Amazon listing.pdf". */
  fileName: string;
  /**
   * In the public tree, an exhibit filed under seal only: its one page is a slip sheet standing for the `pages` pages
   * its Bates range spans in the sealed tree (plan/sealing.ts).
   */
  filedUnderSeal?: { pages: number };
}
