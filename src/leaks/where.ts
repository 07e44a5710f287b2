/** The words of the leak gate's layers: what a layer is, and where it sits in a tree. */

/** Kinds of layer, in the words a leak report uses. */
export const LAYERS = [
  /** A file's path in the tree, or an entry's name inside a zip. */
  "file-name",
  /** A PDF page's text (visible or invisible), or a plain-text file or part. */
  "text",
  /** A PDF's Info dictionary and XMP streams; a workbook's document properties. */
  "metadata",
  /** A PDF outline title. */
  "bookmark",
  /** A PDF annotation's strings: comments, link addresses, form field values. */
  "annotation",
  /** Any other string a PDF's objects hold (names tree keys, private dictionaries). */
  "pdf-object",
  /** An embedded file's or e-mail attachment's name and description. */
  "attachment-name",
  /** An e-mail's header fields, decoded. */
  "email-header",
  /** An e-mail's text and HTML bodies, decoded. */
  "email-body",
  /** CSV, JSON and spreadsheet cells. */
  "cell",
  /** Printable runs of a file of no known text format (image metadata, for one). */
  "strings",
] as const;
export type LayerKind = (typeof LAYERS)[number];

/** Where a layer is: a file of the tree, the chain of attachments inside it, a page of the innermost PDF, a place. */
export interface Where {
  /** POSIX path relative to the tree. */
  file: string;
  /** Names of the attachments, outermost first, when the layer is inside one. */
  attachment?: string[];
  /** 1-based page of the (innermost) PDF. */
  page?: number;
  /** A finer place: "line 12" of a CSV, a zip entry's name. */
  at?: string;
}

/** One layer's text. `parts`, when given, are its separate values (cells): patterns run on each, literals on `text`. */
export interface Layer extends Where {
  layer: LayerKind;
  text: string;
  parts?: string[];
}

/** A layer that could not be read, and why (the gate reports it: what it cannot read it cannot call clean). */
export interface Unreadable extends Where {
  layer: LayerKind;
  problem: string;
}

export type Found = Layer | Unreadable;

/** Reads each page's text of a PDF given by path (a file of the tree) or bytes (an attachment). */
export type PageTexts = (input: { path: string } | { bytes: Uint8Array }, size: number) => Promise<string[]>;
