/**
 * Words recognised in an image page by OCR: the text layer of screenshots, photos and scanned PDF pages that have
 * none of their own. Boxes are in the pixels of the page as displayed (EXIF orientation applied; for a PDF page,
 * its raster at OCR_PDF_DPI), so they lie over the pixels a reader sees.
 */

export const OCR_MODES = ["auto", "off", "required"] as const;
export type OcrMode = (typeof OCR_MODES)[number];

export interface OcrWord {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The engine's confidence, 0–100. Low-confidence words are placed (searchable) but never used as facts. */
  confidence: number;
}

export interface OcrPage {
  /** Size of the displayed page the boxes are in, in pixels. */
  width: number;
  height: number;
  words: OcrWord[];
}

/** The engine and every setting the words depend on (named on cover sheets and in the manifest). */
export interface OcrEngine {
  name: "tesseract";
  version: string;
  languages: string[];
}

/** The words of one evidence item: page 0 of an image, or the image-only pages of a PDF by 0-based index. */
export interface OcrResult {
  pages: Record<number, OcrPage>;
}

/** Words below this confidence are searchable but never read as facts (redaction and consistency ignore them). */
export const OCR_FACT_CONFIDENCE = 60;

/** The OCR stage's outcome: the engine used (none when OCR is off or unavailable), and the words per item id. */
export interface OcrLayer {
  engine?: OcrEngine;
  /** Why there is no OCR text, when there is none: "off in case.yaml", "tesseract is not installed". */
  skipped?: string;
  items: ReadonlyMap<string, OcrResult>;
}
