/**
 * Stage 2 (intake), the shape of an evidence format: what every folder under formats/ declares and what the
 * registry (formats/index.ts) lists. A format is recognised by its content, read by one reader signature that
 * reports problems instead of throwing, and carries its words: everything a reader of the exhibits is told
 * about it (cover sheet, transcript or purchase-summary heading, certification). Every word is required, so a
 * format that leaves one out does not compile.
 */
import type { EvidenceKind, EvidenceMeta } from "../../model/case.js";
import type { CaptureTimeSource, EvidenceItem } from "../../model/evidence.js";
import type { PageSpec } from "../../model/exhibit.js";
import type { ImageFacts } from "../../images/index.js";
import type { Problems } from "../problems.js";

/** What a sniffer looks at: the start of the file, as bytes and (for text formats) as text. */
export interface SniffInput {
  /** The first 1,024 bytes (magic numbers; a PDF header may sit anywhere in them). */
  readonly head: Buffer;
  /**
   * The first 64 KiB as UTF-8 (or as UTF-16 after a UTF-16 byte-order mark, so the reader can say it is not
   * UTF-8), or undefined when they hold a NUL byte (then no text format claims the file).
   */
  readonly text: string | undefined;
}

/** One file a reader reads: its case path, how problems name it, its bytes. */
export interface SourceFile {
  rel: string;
  shown: string;
  data: Buffer;
}

/** How intake looks at an image: probeImage, or the build cache's memo of it (by the image's SHA-256). */
export type ImageProbe = (data: Buffer, media: "png" | "jpeg" | "webp") => Promise<ImageFacts>;

/** What a name inside evidence resolves to: a case path, nothing the case holds, or a refusal saying why. */
export type Resolved = string | undefined | { refused: string };

/** Everything a reader is given: the same for every format. */
export interface ReadInput {
  /** The evidence file; for a folder format, its marking files in the rule's order (a Meta thread's message_N.json). */
  files: readonly [SourceFile, ...SourceFile[]];
  /** A folder format's folder (case path); undefined for a one-file format. */
  folder?: string;
  /** The evidence's metadata: its sidecar and its case.yaml entry, merged. */
  meta: EvidenceMeta;
  /** The case's time zone: what a time without a zone is read in, unless the metadata names another. */
  timeZone: string;
  /**
   * A file the evidence names (a chat's attachment, a thread's photo) → its case path, or undefined when the case
   * does not hold it, or a refusal when the name leads out of the export's own folder (`../other/file.png`, an
   * absolute path, a link pointing out). A file that resolves becomes part of this item.
   */
  resolve(name: string): Resolved;
  /** Looks at an image; the build passes its cached probe. */
  probeImage?: ImageProbe;
}

/** What reading gave: the payload, and anything the content says about the item. */
export interface FormatReading {
  payload: EvidenceItem["payload"];
  /** The kind the content shows when it is not the format's own (a PNG with a camera's EXIF is a photo). */
  kind?: EvidenceKind;
  /** A capture time the file itself records (EXIF), with where it came from and how it was read. */
  captured?: { at: string; source: CaptureTimeSource; note?: string; offset?: string };
  /** What intake may keep to recall this reading without reading the file again (an image's facts). */
  imageFacts?: ImageFacts;
}

/**
 * The one reader signature. A reader reports every problem on `problems` (file, line or field, message) and gives
 * undefined when it could not read the evidence; it never throws an input error. (The parsers inside a reader
 * stop at a file's first problem by throwing InvalidInputError; `problems.attempt` is where that ends.)
 */
export type FormatReader = (input: ReadInput, problems: Problems) => Promise<FormatReading | undefined>;

/** A format whose evidence is a folder of files rather than one file (a Meta thread). */
export interface FolderRule {
  /** Whether a file of this name makes the folder it is in one item of this format (a thread's message_N.json). */
  marks(name: string): boolean;
  /** The order the marking files are read in; the first is the item's source and carries its metadata. */
  compare(a: string, b: string): number;
  /** A name the evidence gives a file (an export-relative URI) → its case path among the folder's other files. */
  resolve(name: string, folder: string, files: ReadonlySet<string>): string | undefined;
}

/** How the certification (FRE 902(13)/(14), Part B and the derived items) speaks of the format. */
export interface CertificationWords {
  /** The format as Part B names saved files: "PNG", "Instagram export", "email (.eml)". */
  name: string;
  /** A message log in this format was exported from the messaging account "by <this>". */
  messageLog: string;
  /** A test purchase recorded in this format "is documented by <this>". */
  purchase: string;
  /** Why an exhibit made from a record of this kind in this format renders it rather than copies it; undefined for a copy. */
  derived(kind: EvidenceKind): string | undefined;
}

/** Everything that describes a format to a reader of the exhibits. */
export interface FormatWords {
  /** Cover sheet, "Format": "PNG, 1280 × 8450 px", "WhatsApp export + 2 related files (hashes in manifest.json)". */
  cover(item: EvidenceItem): string;
  /** Cover sheet, "Transformation": how `pages` (the item's pages in its exhibit) were made from the original. */
  transformation(item: EvidenceItem, pages: readonly PageSpec[]): string;
  certification: CertificationWords;
}

/** A chat platform's words: a chat format has one set per platform its exports come from. */
export interface ChatWords extends FormatWords {
  /** The transcript's heading: "WhatsApp chat" (followed by the thread's title). */
  transcriptHeading: string;
  /** The start of a thread's default exhibit title: "WhatsApp chat: <thread title>". */
  title: string;
}

/** A purchase-record format's words. */
export interface PurchaseWords extends FormatWords {
  /** The purchase summary's heading names the export: "Purchase records — <this>". */
  summary: string;
}

interface FormatBase<M extends string> {
  /** The media type recorded on every item of this format (manifest, custody log). */
  readonly media: M;
  /** The evidence kind of an item of this format unless its metadata or its content says otherwise. */
  readonly kind: EvidenceKind;
  /** Whether a file's content is this format; the registry asks the formats in its order. */
  sniff(input: SniffInput): boolean;
  /**
   * The largest file of this format read (bytes; util/input-bounds.ts), checked by stat before the file is read;
   * when absent, its family's (maxBytesOf in the registry).
   */
  readonly maxBytes?: number;
  /**
   * The names its files usually have. Never used to recognise a file (its content does that): only to say what an
   * empty file, which has no content to recognise, was probably meant to be.
   */
  readonly names?: RegExp;
  read: FormatReader;
  /** For a format whose evidence is a folder of files: how such a folder is recognised and its files named. */
  readonly folder?: FolderRule;
}

/** Screenshots and photographs: the image is carried into the exhibit's pages. */
export interface ImageFormat<M extends "png" | "jpeg" | "webp" = "png" | "jpeg" | "webp"> extends FormatBase<M> {
  readonly family: "image";
  readonly words: FormatWords;
}

/** Documents whose pages are carried into the exhibit unchanged. */
export interface PdfFormat<M extends string = string> extends FormatBase<M> {
  readonly family: "pdf";
  readonly words: FormatWords;
}

/** Message exports, rendered as transcripts; `platforms` holds the words of each platform the export may come from. */
export interface ChatFormat<M extends string = string, P extends string = string> extends FormatBase<M> {
  readonly family: "chat";
  readonly platforms: { readonly [K in P]: ChatWords };
}

/** Order records, rendered as purchase summaries; `orderSource` is what each order it reads records as its source. */
export interface PurchasesFormat<M extends string = string, S extends string = string> extends FormatBase<M> {
  readonly family: "purchases";
  readonly orderSource: S;
  readonly words: PurchaseWords;
}

/** Emails, rendered as pages of their headers, text and attachments. */
export interface EmailFormat<M extends string = string> extends FormatBase<M> {
  readonly family: "email";
  readonly words: FormatWords;
}

export type EvidenceFormat = ImageFormat | PdfFormat | ChatFormat | PurchasesFormat | EmailFormat;
