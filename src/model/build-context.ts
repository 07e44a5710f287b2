/**
 * What the stages after the plan are given: everything a build knows once its inputs are read, its documents
 * printed and its exhibits planned, and the services it writes with. Made once by commands/build.ts and never
 * changed; each twin's tree is described beside it (TwinTree).
 */
import type { Printer } from "../browser/index.js";
import type { EntryStore, OutputStore } from "../cache/ports.js";
import type { SigningIdentity } from "../pki/index.js";
import type { Logger } from "../util/log.js";
import type { LoadedCase } from "./case.js";
import type { DefendantChain } from "./chain.js";
import type { DamagesTable } from "./damages.js";
import type { StoredFile } from "./digest.js";
import type { EvidenceItem } from "./evidence.js";
import type { PlannedExhibit } from "./exhibit.js";
import type { Manifest } from "./manifest.js";
import type { OcrLayer } from "./ocr.js";
import type { PdfRedactions, RedactionLogEntry } from "./redaction.js";
import type { RenderedDocument } from "./rendered.js";
import type { Sealing, Twin } from "./twin.js";

/** The build time recorded in every output, and where it came from. */
export interface BuildTime {
  at: string;
  source: Manifest["builtAtSource"];
}

export interface BuildContext {
  readonly loaded: LoadedCase;
  readonly builtAt: BuildTime;
  /** Who ran the build (--operator, EXHIBITS_OPERATOR or case.yaml `operator`), when stated: the custody entries' actor. */
  readonly operator?: string;
  /** The first "ingested" entry of each original in the custody log before this build (by evidence path). */
  readonly earlierIngests?: ReadonlyMap<string, { at: string; inputs: string[] }>;
  /** Every input file (case.yaml, evidence, sidecars, related files), for the manifest. */
  readonly inputs: readonly StoredFile[];
  readonly items: ReadonlyMap<string, EvidenceItem>;
  /** Item id → digest of its reading (intake): what an exhibit is keyed by instead of the whole item. */
  readonly itemDigests: ReadonlyMap<string, string>;
  /** Words OCR read on image pages without text of their own (screenshots, photos, scanned PDF pages). */
  readonly ocr: OcrLayer;
  /** Evidence printed from text, by item id. */
  readonly documents: ReadonlyMap<string, RenderedDocument>;
  /**
   * The exhibits of the tree being written, as it names them (plan/sealing.ts: a sealed tree holds those filed under
   * seal; a public one slip sheets in the place of those filed under seal only); before the trees, the whole plan.
   */
  readonly exhibits: readonly PlannedExhibit[];
  /** The whole plan, every exhibit as planned: order, labels, pages and Bates ranges. */
  readonly plan: readonly PlannedExhibit[];
  /** Every redaction, in bundle order (empty: one tree; else the public and sealed twins). */
  readonly redactions: readonly RedactionLogEntry[];
  /**
   * Pages of carried-in PDFs with a target on them, and where (absent or empty: none). The public twin shows each such
   * page as a raster with the regions burned and its remaining words; the sealed twin outlines them on the original.
   */
  readonly pdfRedactions?: PdfRedactions;
  /** What goes under seal, and the legend sealed items carry (plan/sealing.ts). */
  readonly sealing: Sealing;
  readonly damages?: DamagesTable;
  /** The completeness check's warnings per defendant id (stage 5): the damages table flags a defendant that has any. */
  readonly findings?: ReadonlyMap<string, readonly string[]>;
  /** Each defendant's chain found → listing → test buy → goods received (stage 5, consistency/links.ts): the evidence map's. */
  readonly chains?: readonly DefendantChain[];
  readonly printer: Printer;
  /** The build cache's entries (a temporary store when the build reuses nothing). */
  readonly store: EntryStore;
  /** The previous build's finished files, reused when unchanged. */
  readonly outputs: OutputStore;
  /** Sign bundle.pdf with this identity (PKCS#12), when given. */
  readonly signer?: SigningIdentity;
  readonly log: Logger;
}

/** One twin's output tree: where it is built, and where it will be once the build succeeds. */
export interface TwinTree {
  readonly twin: Twin;
  readonly dir: string;
  /** Where the previous build's tree of this twin is now (its unchanged files and parts are copied from there). */
  readonly finalDir: string;
}
