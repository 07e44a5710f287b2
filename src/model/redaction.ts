/** Redaction (FRCP 5.2): rules, redacted text segments, and the log entries every redaction leaves. */

export const REDACTION_RULES = [
  "financial-account",
  "ssn-tin",
  "birth-date",
  "minor-name",
  "case-pattern",
  "street-address",
  "region",
] as const;
export type RedactionRule = (typeof REDACTION_RULES)[number];

/** A piece of text that is either shown as is, or redacted (public shows `replacement`, sealed shows `original` highlighted). */
export type TextSegment = { text: string } | { original: string; replacement: string; rule: RedactionRule };

export interface RedactionLogEntry {
  /** Exhibit label, filled in once the plan exists. */
  exhibit?: string;
  /** The evidence file (POSIX path relative to the case). */
  item: string;
  /** Where in the item: "message M00012", "order 114-… payment", "email body", "region 1 (x 10, y 20, 300×40 px)". */
  place: string;
  rule: RedactionRule;
}

/** A rectangle of pixels to burn out of an image (image pixel coordinates, origin top-left). */
export interface PixelRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  reason?: string;
  /** Set when the build found the region itself: the rule whose target the words under it hold. */
  rule?: RedactionRule;
  /** And the word layer it was found in: OCR words of an image, or a capture's DOM text. */
  layer?: "ocr" | "dom-text";
}

/**
 * A rectangle of a carried-in PDF page to burn (public twin) and to outline (sealed twin): PDF points from the
 * top-left corner of the page as the exhibit shows it (its crop box, /Rotate applied).
 */
export interface PageRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Item id → 0-based page index → the regions of that page of the item's carried-in PDF to redact. */
export type PdfRedactions = ReadonlyMap<string, ReadonlyMap<number, readonly PageRegion[]>>;

export interface RedactionSettings {
  /** Full names of known minors, shown as initials. */
  minors: string[];
  /** Extra patterns from case.yaml: a name and a regular expression (JavaScript syntax, flags "gu" added). */
  patterns: { name: string; regex: string; replacement?: string }[];
  /**
   * Also redact street lines of addresses, in every rendered text: structured ship-to streets, and street lines found
   * in e-mail headers and bodies, messages and export fields (city, state and postal code always stay: they prove the
   * forum-state sale).
   */
  streetAddresses: boolean;
}

/** What rendering needs from the redaction stage: split a text into segments (logging each), record others. */
export interface TextRedactor {
  /**
   * Every evidence text a document shows passes here once. `field` says what the whole text is when the record says
   * so (a ship-to street field is a street line whatever its words); the rules then apply to it as one.
   */
  apply(text: string, item: string, place: string, field?: "street-address"): TextSegment[];
  record(entry: RedactionLogEntry): void;
}
