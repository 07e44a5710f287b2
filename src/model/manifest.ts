/** manifest.json: the record of one build, written last, listing every input and output with its hash. */
import type { Digest, StoredFile } from "./digest.js";

export const MANIFEST_FILE = "manifest.json";
/** `sha256sum`-format digest of manifest.json, beside it (RFC 3161 tokens will also be recorded there). */
export const MANIFEST_DIGEST_FILE = "manifest.json.sha256";
export const BUNDLE_FILE = "bundle.pdf";
/** RFC 3161 replies, and the record of which TSAs answered (both beside the manifest they stamp). */
export const TIMESTAMPS_DIR = "timestamps";
export const TIMESTAMPS_FILE = "timestamps.json";
export const EXHIBITS_DIR = "exhibits";
/**
 * Where a tree keeps the natives when the court's CM/ECF takes no PDF with embedded files (court profile
 * `ecfEmbeddedFiles: false`): natives/<exhibit's file label>/<attachment name>, beside the exhibits, in the manifest.
 */
export const NATIVES_DIR = "natives";
/** The Info key of an exhibit PDF holding the SHA-256 of its bytes before the Info object (pages, attachments). */
export const BODY_DIGEST_KEY = "ExhibitsBodyDigest";
export const REDACTION_LOG_FILE = "redaction-log.csv";
/**
 * The appendices that say again, for people and spreadsheets, what the manifest says of each exhibit file (its SHA-256,
 * Bates range, pages): verify reads them back and holds them to the files (integrity/verify-index.ts, verify-custody.ts).
 */
export const EXHIBIT_INDEX_CSV = "appendices/exhibit-index.csv";
export const RECORDS_MANIFEST_FILE = "appendices/records-manifest.json";
export const CUSTODY_CSV_FILE = "appendices/custody-log.csv";

export interface ManifestExhibit {
  number: number;
  label: string;
  title: string;
  defendantId?: string;
  pages: number;
  bates: { first: string; last: string };
  sources: { path: string; sha256: Digest; capturedAt?: string; capturedAtSource: string }[];
  /** The exhibit's PDF (its Part 1 when split). */
  file: StoredFile;
  /** When the exhibit is split under the size limit: every part, in order, with its pages and Bates range. */
  volumes?: ManifestVolume[];
  /** The exhibit's pages (1-based) that carry an OCR text layer, and the engine that recognised their words. */
  ocr?: { engine: string; languages: string[]; pages: number[] };
  /**
   * Public tree: the exhibit is filed under seal; `file` is a one-page slip sheet in its place, and its Bates range
   * spans `pages` pages of the sealed tree (`pages` above counts the slip sheet).
   */
  filedUnderSeal?: { pages: number };
  /**
   * The natives kept beside the exhibit in the tree (natives/…), when the court takes no PDF with embedded files:
   * each file with its size and SHA-256 (also among `outputs`), and the source it is a copy of (`source`, as
   * `sources` and the provenance record name it).
   */
  natives?: ManifestNative[];
}

export interface ManifestNative extends StoredFile {
  source: string;
}

export interface ManifestVolume {
  file: StoredFile;
  pages: number;
  bates: { first: string; last: string };
}

export interface Manifest {
  version: 1;
  tool: { name: string; version: string };
  case: { id: string; digest: Digest };
  /** Present when the build wrote twins: which one this tree is, and how many redactions the build made. */
  twin?: "public" | "sealed";
  redactions?: number;
  builtAt: string;
  builtAtSource: "SOURCE_DATE_EPOCH" | "asOf" | "clock";
  bates: { prefix: string; digits: number; first: string; last: string; pages: number };
  inputs: StoredFile[];
  exhibits: ManifestExhibit[];
  /** bundle.pdf, or its first part when split (then `volumes` lists every part). */
  bundle: { file: StoredFile; pages: number; volumes?: ManifestVolume[] };
  outputs: StoredFile[];
  /** The TSAs this build asks to stamp the manifest (their answers are in timestamps.json beside it). */
  timestamps: { tsa: string }[];
}

/** One kept RFC 3161 reply. */
export interface TimestampRecord {
  /** What it stamps: manifest.json, or an exhibit PDF's path. */
  subject: string;
  tsa: string;
  file: string;
  sha256: Digest;
  genTime: string;
  serial: string;
  policy: string;
  tsaName: string;
}

/** timestamps.json */
export interface TimestampsFile {
  version: 1;
  /** SHA-256 of the manifest.json stamped. */
  manifest: Digest;
  asked: string[];
  tokens: TimestampRecord[];
  failures: { tsa: string; subject: string; error: string }[];
}

/** The provenance record in each exhibit PDF's metadata (Info /ExhibitsProvenance, JSON). */
export interface ExhibitProvenance {
  format: "exhibits-provenance/1";
  case: string;
  exhibit: string;
  bates: { first: string; last: string };
  twin?: "public" | "sealed";
  /** A slip sheet in the public tree, in the place of an exhibit filed under seal (it carries no source). */
  filedUnderSeal?: true;
  tool: string;
  /**
   * Every file the exhibit was made from; `attached` is false where the public twin withholds a redacted item's
   * natives, (`attachedIn`) where another part of a split exhibit carries it, or (`native`) where the tree keeps
   * it beside the exhibit (natives/…, listed in the manifest) because the court's CM/ECF takes no embedded files.
   */
  sources: { path: string; bytes: number; sha256: Digest; item: string; attached: boolean; attachedIn?: string; native?: string }[];
  /** For a split exhibit: which part this file is. */
  volume?: { part: number; of: number };
}
