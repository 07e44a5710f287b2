/** Evidence items: one original file each, as found by intake. Originals are never written to. */
import type { EvidenceKind, ReachedVia, Received } from "./case.js";
import type { StoredFile } from "./digest.js";
import type { Conversation } from "./conversation.js";
import type { EmailReceipt, PurchaseOrder } from "./purchase.js";
import type { PixelRegion } from "./redaction.js";
import type { CaptureRecord } from "./capture.js";

export const CAPTURE_TIME_SOURCES = ["capture", "sidecar", "case", "export", "exif", "unknown"] as const;
export type CaptureTimeSource = (typeof CAPTURE_TIME_SOURCES)[number];

/**
 * File formats recognised by their content (magic bytes), never by extension: one per format in the registry
 * (intake/formats/index.ts, which also exports them as MEDIA_TYPES). Adding a format there adds its media type here.
 */
export type MediaType = import("../intake/formats/index.js").MediaType;

export interface ImagePayload {
  type: "image";
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 = as stored). Pixel width/height above are as stored. */
  orientation: number;
}

export interface PdfPagePayload {
  width: number;
  height: number;
  /** /Rotate of the page, normalised to 0, 90, 180 or 270. */
  rotate: number;
}

export interface PdfPayload {
  type: "pdf";
  pages: PdfPagePayload[];
  /** What qpdf repaired (or warned of) to read the file, in its words (a rebuilt cross-reference table). */
  repair?: string;
}

export interface ConversationPayload {
  type: "conversation";
  conversation: Conversation;
}

export interface PurchasesPayload {
  type: "purchases";
  orders: PurchaseOrder[];
}

export interface EmailPayload {
  type: "email";
  email: EmailReceipt;
}

/** Payloads that become pages through an HTML template (rendered by Chromium), not by carrying pixels or pages in. */
export type RenderedPayload = ConversationPayload | PurchasesPayload | EmailPayload;

export interface EvidenceItem {
  /** Stable id: the original's POSIX path relative to the case folder. */
  id: string;
  kind: EvidenceKind;
  media: MediaType;
  source: StoredFile;
  /** Sidecar metadata file, when there is one (it is an input too). */
  sidecar?: StoredFile;
  /** Other files this item is made of: further message_N.json files, exported media, chat attachments. */
  related?: StoredFile[];
  /** Pixel boxes burned out of the image in the public twin. */
  redact?: PixelRegion[];
  /** A chat's photos: pixel boxes (typed in its sidecar) burned out of their public pictures, by case-relative path. */
  redactPhotos?: Record<string, PixelRegion[]>;
  title: string;
  description?: string;
  /** The defendant the item is listed under (its folder, or the first it names); none for case-wide evidence. */
  defendantId?: string;
  /** Other defendants the item concerns: its exhibit is cross-referenced from theirs. */
  alsoDefendants?: string[];
  marks: string[];
  url?: string;
  /** The link that led to the item and how it was found (sidecar or case.yaml `reachedVia`). */
  reachedVia?: ReachedVia;
  /** Its exhibit is filed under seal only (sidecar or case.yaml entry `sealed: true`). */
  sealed?: boolean;
  /** A copy of a public record (sidecar or case.yaml `publicRecord: true`): offered on its own footing, Fed. R. Evid. 902(1)/(4). */
  publicRecord?: boolean;
  capturedBy?: string;
  /** Goods received: when and where the package arrived (sidecar `received`, typed by `capturedBy`). */
  received?: Received;
  /** UTC ISO-8601, or absent when unknown: a capture time is never invented. */
  capturedAt?: string;
  capturedAtSource: CaptureTimeSource;
  /** How the capture time was read, when that needs saying (e.g. EXIF without an offset). */
  capturedAtNote?: string;
  /** The UTC offset the record wrote the capture time with ("-07:00": a sidecar's, the camera's), when it gave one. */
  capturedAtOffset?: string;
  /** A live capture made by `exhibits capture`: its folder (relative to the case) and its capture.json. */
  capture?: { folder: string; record: CaptureRecord; timestamp?: { tsa: string; genTime: string } };
  /** Index of the case.yaml evidence entry that named this file, if any (drives grouping and order). */
  entryIndex?: number;
  payload: ImagePayload | PdfPayload | RenderedPayload;
}
