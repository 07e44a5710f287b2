/**
 * The facts templates/court/federal/certification.hbs and notice.hbs print (the view is the template's whole data
 * object). Only facts: names, lists, per-item rows, booleans that pick a sentence; every sentence is the template's.
 */
import type { CaptureFacts } from "../model/appendix.js";

/** Who obtained an item, as its records name them: the certifier ("I"), someone else, or nobody (a blank). */
export interface Acquirer {
  me: boolean;
  /** The name the records give; absent when none does (the template prints a blank for counsel). */
  name?: string;
}

/** Where an item's capture time comes from (the template words each). */
export type TimeFrom = "capture" | "sidecar" | "case" | "exif" | "export" | "unknown";

/** One evidence item as Part B states how it was obtained. */
export interface ItemLine {
  /** "Ex. 3 (01-amazon-listing.png)" */
  ref: string;
  label: string;
  /** The original's name, and the other files of the item (an export's further files, a capture's record). */
  file: string;
  others: string[];
  /** The format's own name: "PNG", "Instagram export", "Amazon Retail.OrderHistory CSV". */
  format: string;
  by: Acquirer;
  url?: string;
  /** The URL came from the item's sidecar (typed), not from a capture record. */
  urlTyped: boolean;
  time: { from: TimeFrom; utc?: string; local?: string; typedIn?: string };
  /** Both the URL and the capture time were typed in the item's sidecar. */
  typedBoth: boolean;
  /** An export: how the format says it is made (its own words: "the platform's order-history export (…)"). */
  method?: string;
  /** The e-mail's attachments (inside the .eml), when any. */
  attachments: number;
  capture?: CaptureFacts & { startedUtc: string; endedUtc: string; genTimeUtc?: string };
}

/** One original file of Table 1 (or an attachment inside one, listed under it). */
export interface OriginalRow {
  path: string;
  /** "1,408,451" */
  bytes: string;
  sha256: string;
  /** An attachment inside the file above (counted apart from the original files). */
  inside?: string;
}

/** Table 1: the originals of one exhibit. */
export interface ExhibitOriginals {
  label: string;
  title: string;
  bates: string;
  files: OriginalRow[];
}

/** Table 2: one exhibit's PDF in each copy. */
export interface ExhibitPdfRow {
  label: string;
  bates: string;
  /** The public copy (or the single copy): its file and digest; `slipSheet` when it holds a slip sheet there. */
  public?: { path: string; sha256: string; slipSheet: boolean; volumes: number };
  sealed?: { path: string; sha256: string; volumes: number };
}

/** Refs of the items whose capture time comes from each kind of record (absent: none). */
export type TimeSources = Partial<Record<TimeFrom, string>>;

export interface CertificationView {
  draft: true;
  docTitle: string;
  certifier: { name: string; title: string; employer: string; qualifications: string[] };
  /** "Exhibits 2 through 9" / "Exhibits 2, 4 and 7" / "Exhibit 3" */
  exhibits: string;
  /** The bare screenshots (no capture record): identified under 902(14) only; the declaration authenticates what they show. */
  screenshotRefs?: string;
  /** Distinct original files in Table 1, and attachments inside them. */
  originals: number;
  attachments: number;
  /** Public and sealed copies exist (Table 2 has both columns). */
  twins: boolean;
  /** Labels of the exhibits filed under seal only: the public copy holds a slip sheet for them. */
  sealedOnly: string[];
  publicRecords: { label: string; title: string; bates: string; files: string[] }[];
  who: { allMine: boolean; someMine: boolean; others: string[]; nobody: string };
  /** Paragraph numbers, computed once for the paragraphs present (the template prints `{{n.<id>}}.`). */
  n: Record<string, number>;
  groups: {
    captures: ItemLine[];
    screenshots: ItemLine[];
    photos: ItemLine[];
    exports: ItemLine[];
    emails: ItemLine[];
    documents: ItemLine[];
  };
  times: TimeSources;
  /** Some capture times were typed by a person (sidecar or case.yaml). */
  typedTimes: boolean;
  timeZone: string;
  clockSource?: string;
  build: { tool: string; browser: string; platform: string; by: Acquirer };
  transformations: { refs: string; text: string }[];
  redaction?: { count: number; where: string[]; bases: string[]; referenceList: boolean };
  integrity: {
    atCapture: string;
    atIntake: string;
    /** "on 2026-04-12, as the first 'ingested' entry of each in the custody log records" (or a range of days). */
    intakeDate: string;
    /** Files whose first recorded read had other bytes than today's, with that day. */
    changed?: string;
  };
  stamped: { refs: string; tsa: string; genTime: string }[];
  /** Exhibits that render their original (the format's words), and the redactions in the public copy of each. */
  derived: { ref: string; reason: string; redactions: number }[];
  /** Originals reproduced (not rendered) whose public copy is redacted. */
  redactedCopies: { ref: string; redactions: number }[];
  table1: ExhibitOriginals[];
  table2: ExhibitPdfRow[];
  signature: { inUnitedStates: boolean; place?: string; name: string; title: string; employer: string };
  footer: { tool: string; builtAt: string };
}

export interface NoticeRecord {
  label: string;
  title: string;
  bates: string;
  pages: number;
}

export interface NoticeView {
  draft: true;
  docTitle: string;
  plaintiffs: string;
  pluralPlaintiffs: boolean;
  defendants: string;
  certificationTitle: string;
  records: NoticeRecord[];
  /** Bare screenshots among the records: identified under 902(14) only, authenticated by the declaration (901(b)(1)). */
  screenshotRefs?: string;
  publicRecords: { label: string; title: string }[];
  twins: boolean;
  originals: number;
  recordsManifest: { path: string; sha256: string };
  counsel: {
    name?: string;
    firm?: string;
    address: string[];
    phone?: string;
    email?: string;
    barNumber?: string;
    role: string;
  };
  service: { method?: string; date?: string; servedOn?: string };
  n: Record<string, number>;
  footer: { tool: string; builtAt: string };
}
