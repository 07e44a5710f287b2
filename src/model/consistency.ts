/**
 * Consistency findings (issue 20): what the evidence says against itself, found from the records, as opposing counsel
 * would find it. Each has a stable id (the same evidence gives the same id on every run and machine), so case.yaml can
 * acknowledge it with a reason (`acknowledge: [{ finding: id, reason: … }]`), which silences it and hands the reason
 * to whoever drafts the declaration.
 */

/** The three families the issue names. */
export type FindingClass = "chronology" | "identity" | "circumstances";

/** "error" would lose the point in court; "warning" an opponent would raise; "note" worth knowing. */
export type FindingSeverity = "error" | "warning" | "note";

/** One piece of evidence a finding rests on, with where to find it once the plan exists. */
export interface FindingItem {
  /** The evidence item's id (its case path, or path + case.yaml entry). */
  itemId: string;
  /** A file inside the item, when the finding is about one (a chat's photo, a thread's second file). */
  file?: string;
  /** What in the item: "EXIF DateTimeOriginal", "order 114-…, tracking", "OCR words 'TBA318822046000'". */
  what: string;
  /** Filled in from the plan: exhibit label and Bates pin cite ("Ex. 7 at VAL000026"). */
  cite?: string;
}

export interface ConsistencyFinding {
  /** Stable: "<check>:<defendant or case>:<short digest of what it is about>", e.g. "tracking-mismatch:kpg:3f9a1c2e". */
  id: string;
  /** Which rule found it ("tracking-mismatch", "duplicate-scene", "device-time-zone", …). */
  check: string;
  class: FindingClass;
  severity: FindingSeverity;
  /** The defendant it concerns (undefined: the whole case). */
  defendantId?: string;
  items: FindingItem[];
  /** What the records show, in one or two sentences, naming values ("the label reads TBA318822046000; order … TBA3188…"). */
  message: string;
  /** What an opponent would say with it. */
  opponent: string;
  /** Set when case.yaml acknowledges the finding: the reason given there. */
  acknowledged?: string;
}
