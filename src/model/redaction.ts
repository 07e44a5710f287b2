/**
 * Redaction: rules and the basis each rests on, redacted text segments, and the log entries every redaction
 * leaves. Fed. R. Civ. P. 5.2(a) covers four categories only (SSN/TIN, birth date, a minor's name, a
 * financial-account number); anything else the filer removes rests on a basis the filer names (a 5.2(e) order,
 * a protective order, LR 26.2 leave). A configured rule without one is shown as BASIS_FOR_COUNSEL, never guessed.
 */

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

/** The rules Fed. R. Civ. P. 5.2(a) itself supplies, and the paragraph each rests on. */
export const RULE_BASES: Readonly<Partial<Record<RedactionRule, string>>> = {
  "ssn-tin": "Fed. R. Civ. P. 5.2(a)(1)",
  "birth-date": "Fed. R. Civ. P. 5.2(a)(2)",
  "minor-name": "Fed. R. Civ. P. 5.2(a)(3)",
  "financial-account": "Fed. R. Civ. P. 5.2(a)(4)",
};

/** What the log and the reference list show where the filer has not named a rule's basis: a blank for counsel. */
export const BASIS_FOR_COUNSEL = "[basis: for counsel to state]";

/** What the public face shows for a removed span that 5.2(a) does not let keep part of (no rule text on the page). */
export const REDACTED_MARKER = "[REDACTED]";

/**
 * Where the redacted value was: the text of a rendered document, an e-mail's header or body, the OCR words or a
 * capture's DOM text over an image, a carried-in PDF's text layer, or pixels of an image.
 */
export const REDACTION_LAYERS = ["text", "email-header", "email-body", "ocr", "dom-text", "pdf-text", "image-region"] as const;
export type RedactionLayer = (typeof REDACTION_LAYERS)[number];

/**
 * A piece of text that is either shown as is, or redacted (public shows `replacement`, sealed shows `original`
 * highlighted). `mark` names the redaction in the printed page (an anchor), so the build can find its page.
 */
export type TextSegment = { text: string } | { original: string; replacement: string; rule: RedactionRule; mark?: string };

export interface RedactionLogEntry {
  /** Exhibit label, filled in once the plan exists. */
  exhibit?: string;
  /**
   * Bates number of the public page the redaction is on ("VAL000012"), or a range when it spans pages or its
   * page could not be told ("VAL000012–VAL000013"); filled in once the plan exists.
   */
  bates?: string;
  /** Bates number of the sealed page that highlights it, when it differs from `bates` (the twins can paginate apart). */
  sealedBates?: string;
  /** The evidence file (POSIX path relative to the case). */
  item: string;
  /** Where in the item: "message M00012", "order 114-… payment", "email body", "region 1 (x 10, y 20, 300×40 px)". */
  place: string;
  layer: RedactionLayer;
  rule: RedactionRule;
  /** The case pattern's name (rule "case-pattern"). */
  name?: string;
  /** What allows the redaction ("Fed. R. Civ. P. 5.2(a)(4)", "Protective Order, Dkt. 31"); absent: not stated. */
  basis?: string;
  /** The anchor of a text redaction in the printed document (see TextSegment). */
  mark?: string;
  /**
   * Where in the item's own pages, when the finder knows: a page of the item (0-based: a carried-in PDF's page, a
   * rendered document's page in the public twin) and, for an image, the pixel rows the redaction covers (a tall
   * screenshot is cut into bands over several pages). Without it (and without a mark) the log gives the Bates
   * range of the item's pages.
   */
  at?: { page?: number; sealedPage?: number; rows?: { from: number; to: number } };
}

/** What the redaction log says of one exhibit, for its cover: how many redactions, on which pages, under which bases. */
export interface ExhibitRedactions {
  count: number;
  /** Bates pages (or ranges) in this twin, in order, each once. */
  pages: string[];
  /** Bases as the log gives them (a basis not stated: BASIS_FOR_COUNSEL), each once. */
  bases: string[];
}

/** A rectangle of pixels to burn out of an image (image pixel coordinates, origin top-left). */
export interface PixelRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  reason?: string;
  /** What allows the redaction ("Protective Order, Dkt. 31", "Fed. R. Civ. P. 5.2(a)(4)"). */
  basis?: string;
  /** Set when the build found the region itself: the rule whose target the words under it hold. */
  rule?: RedactionRule;
  /** And the word layer it was found in: OCR words of an image, or a capture's DOM text. */
  layer?: "ocr" | "dom-text";
}

/**
 * What to burn out of the public picture of a photo sent in a chat: regions in the photo's pixels after its EXIF
 * orientation is applied, on a photo of `width` × `height` so oriented (its preview is scaled from it).
 */
export interface AttachmentBurn {
  width: number;
  height: number;
  regions: PixelRegion[];
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
  /** Extra patterns from case.yaml: a name, a regular expression (JavaScript syntax, flags "gu" added), its basis. */
  patterns: { name: string; regex: string; basis?: string }[];
  /**
   * Also redact street lines of addresses, in every rendered text: structured ship-to streets, and street lines found
   * in e-mail headers and bodies, messages and export fields (city, state and postal code always stay: they prove the
   * forum-state sale). `{ basis }` names what allows it; `true` leaves the basis for counsel to state.
   */
  streetAddresses: boolean | { basis: string };
  /** Addresses that are public (the defendants' own published addresses): a street line inside one stays. */
  publicAddresses?: string[];
}

/** What rendering needs from the redaction stage: split a text into segments (logging each), record others. */
export interface TextRedactor {
  /**
   * Every evidence text a document shows passes here once. `field` says what the whole text is when the record says
   * so (a ship-to street field is a street line whatever its words); the rules then apply to it as one. `layer` says
   * where the text is shown (default "text": a rendered document's text).
   */
  apply(text: string, item: string, place: string, field?: "street-address", layer?: RedactionLayer): TextSegment[];
  record(entry: RedactionLogEntry): void;
}
