/**
 * What the review page shows and asks (`exhibits review`): the case as the server hands it to the page, and the port
 * through which the server reaches the stages (commands/review-backend.ts wires it; this room imports no stage).
 */
import type { FieldProblem, RedactBox, SidecarChanges } from "../schema/sidecar-edit.js";
import type { CaseWritten, GroupRequest } from "./case-write.js";
import type { SuggestedBox } from "./redaction-log.js";
import type { SidecarWritten } from "./sidecar-write.js";

export type { FieldProblem, GroupRequest, RedactBox, SidecarChanges, SuggestedBox };

/** What an edit from the page wrote: the sidecar, case.yaml's entry, or both (each field where the build reads it). */
export type ReviewEditOutcome = { ok: true; written: (SidecarWritten | CaseWritten)[] } | { ok: false; problems: FieldProblem[] };

export interface ReviewFinding {
  level: "error" | "warning" | "note" | "ok";
  /** Which check found it ("listing-capture", "tracking-mismatch", …). */
  check: string;
  message: string;
  /** The items it is about (ids), when known: the page links the finding to them. */
  itemIds: string[];
}

export interface ReviewItem {
  /** The item's id as intake gives it (its case path, or path + case.yaml entry). */
  id: string;
  /** The original file, from the case folder. */
  path: string;
  /** Its sidecar, from the case folder (which may not exist yet). */
  sidecar: string;
  kind: string;
  title: string;
  description?: string;
  defendantId?: string;
  marks: string[];
  reachedVia?: { url: string; how: string; note?: string };
  /** Pixel size of an image item (as stored): boxes are drawn and checked in these pixels. */
  image?: { width: number; height: number };
  redact: RedactBox[];
  /** The exhibit it is in, once planned: its label ("3"). */
  exhibit?: string;
  /**
   * The case.yaml `evidence:` entry that names it: its index, the item fields it sets (those win over the sidecar's,
   * so the page edits them in the entry), how many files it groups, and its line.
   */
  entry?: { index: number; fields: string[]; files: number; line?: number };
  /** Regions the last build burnt out of the image because its words matched a rule, not yet in the item's own boxes. */
  suggested?: SuggestedBox[];
  /** The page (1-based, in its exhibit) of the last build that shows the item's redaction, when the log names one. */
  redactedPage?: number;
}

export interface ReviewDefendant {
  id: string;
  name: string;
  itemIds: string[];
  findings: ReviewFinding[];
}

export interface ReviewState {
  caseId: string;
  title: string;
  marks: { id: string; name: string }[];
  /** The values `reachedVia.how` takes. */
  reachedViaHows: string[];
  defendants: ReviewDefendant[];
  /** Items of no defendant (registrations, a case-wide log). */
  otherItemIds: string[];
  items: ReviewItem[];
  /** Findings about the case as a whole, and problems that stop the case from loading (then `items` may be empty). */
  general: ReviewFinding[];
  /** The last build from this page, when there was one: the exhibits' page counts, by label. */
  built?: { exhibits: { label: string; pages: number; twins: string[] }[] };
}

export interface RebuildOutcome {
  ok: boolean;
  /** One line: "Built 9 exhibits, 31 pages (VAL000001–VAL000031)", or the build's error. */
  message: string;
}

/** The server's way to the case: the stages, wired by commands/review-backend.ts. */
export interface ReviewBackend {
  state(): Promise<ReviewState>;
  /** The absolute path of an image item's original, or undefined when the id names no image item of the loaded case. */
  imageFile(itemId: string): string | undefined;
  edit(itemId: string, changes: SidecarChanges): Promise<ReviewEditOutcome | undefined>;
  /** Group items of one defendant into a test buy: a new case.yaml entry. */
  group(req: GroupRequest): Promise<{ ok: true; written: CaseWritten } | { ok: false; problems: FieldProblem[] }>;
  /** Run the build as `exhibits build` does; `progress` gets each line it logs. */
  rebuild(progress: (line: string) => void): Promise<RebuildOutcome>;
  /** PNG of page `page` (1-based) of the item's exhibit in a twin of the last build, or undefined. */
  exhibitPage(itemId: string, twin: string, page: number): Promise<Uint8Array | undefined>;
}
