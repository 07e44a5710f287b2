/**
 * What the appendices (Schedule A, exhibit index, damages, certification, custody) are built from: the same plan
 * and outputs as the exhibits.
 */
import type { CaseConfig } from "./case.js";
import type { StoredFile } from "./digest.js";
import type { EvidenceKind } from "./case.js";
import type { ChatPlatform } from "./conversation.js";
import type { MediaType } from "./evidence.js";

export interface AppendixSource {
  path: string;
  bytes: number;
  sha256: `sha256:${string}`;
  kind: EvidenceKind;
  /** The source's format (its words are the registry's), and for a chat export the platform it comes from. */
  media: MediaType;
  platform?: ChatPlatform;
  /** Format as shown on the cover sheet, e.g. "PNG, 1280 × 8450 px" or "Instagram export". */
  format: string;
  url?: string;
  /** UTC ISO-8601, absent when unknown. */
  capturedAt?: string;
  capturedAtSource: string;
  /** How the capture time was read, in words. */
  capturedHow: string;
  capturedBy?: string;
  /** The transformation that made the exhibit's pages from this source (cover-sheet wording). */
  transformation: string;
  /** Other files the source is made of (more message_N.json, media, attachments). */
  related: StoredFile[];
  /** Its sidecar (.meta.yaml), when it has one: where typed facts (URL, capture time, who) come from. */
  sidecar?: string;
  /** A copy of a public record: offered on its own footing (Fed. R. Evid. 902(1)/(4)), not certified under 902(13)/(14). */
  publicRecord?: boolean;
  /** A live capture (`exhibits capture`): what its capture.json records of the capturing machine and the page. */
  capture?: CaptureFacts;
  /** Files inside the original (an e-mail's attachments), each with its own SHA-256. */
  attachments?: { filename: string; bytes: number; sha256: `sha256:${string}` }[];
  /** Redactions made in this source's pages in the public twin. */
  redactions: number;
  /** Their bases, each once, as the redaction log gives them (a basis not stated: the blank for counsel). */
  redactionBases: string[];
}

/** What a capture.json records of one live capture (acquisition-time facts; a fact it lacks is absent). */
export interface CaptureFacts {
  /** The capture.json, relative to the case. */
  record: string;
  tool: string;
  operator: string;
  /** "Chromium 156.0.8078.114" */
  browser: string;
  userAgent: string;
  /** "linux 6.8.0" (the capturing machine's operating system and release). */
  os: string;
  /** "1280 × 900 px" */
  viewport: string;
  requestedUrl: string;
  finalUrl: string;
  /** "200 OK" */
  response: string;
  /** The web server's address as the browser reached it (not the capturing machine's own address). */
  serverAddress?: string;
  startedAt: string;
  endedAt: string;
  /** RFC 3161 stamp of capture.json taken at capture time. */
  timestamp?: { tsa: string; genTime: string };
}

export interface AppendixExhibit {
  number: number;
  label: string;
  title: string;
  defendantId?: string;
  defendantName?: string;
  /** Other defendants the exhibit concerns (names), cross-referenced from their rows. */
  alsoDefendants?: { id: string; name: string }[];
  batesFirst: string;
  batesLast: string;
  pages: number;
  /** A slip sheet (public tree) in the place of an exhibit filed under seal, whose Bates range spans `pages` pages there. */
  filedUnderSeal?: { pages: number };
  /** 1-based page number of the exhibit's first page in bundle.pdf. */
  bundlePage: number;
  /** The bundle file holding the exhibit's first page (bundle.pdf, or one of its parts), and the page in it. */
  bundleFile: string;
  bundleFilePage: number;
  /** The exhibit PDF of this tree (path relative to the tree); its Part 1 when split. */
  file: StoredFile;
  /** Every part, when the exhibit is split under the size limit. */
  volumes?: StoredFile[];
  sources: AppendixSource[];
}

export interface AppendixContext {
  config: CaseConfig;
  exhibits: AppendixExhibit[];
  twin: "single" | "public" | "sealed";
  /** UTC ISO-8601 build time (SOURCE_DATE_EPOCH when set). */
  builtAt: string;
  /** Where the build time came from: a clock, or a value fixed for the build (SOURCE_DATE_EPOCH, --as-of). */
  builtAtSource?: "SOURCE_DATE_EPOCH" | "asOf" | "clock";
  /** Who ran the build, when stated (--operator, EXHIBITS_OPERATOR, case.yaml `operator`). */
  operator?: string;
  /** The first "ingested" entry of each original in the custody log before this build (by evidence path). */
  earlierIngests?: ReadonlyMap<string, { at: string; inputs: string[] }>;
  tool: { name: string; version: string };
  /** Chromium's version string, e.g. "Chrome/156.0.8078.108". */
  browser: string;
  /** Operating system and Node version of the build machine, e.g. "Linux x64, Node v20.20.2". */
  platform: string;
  /** Total redactions in the public twin (0 without twins). */
  redactions: number;
  /** Every basis the redaction log gives, each once (a basis not stated: the blank for counsel). */
  redactionBases: string[];
  /** Mark ids shown in each exhibit's evidence (exhibit number → ids), from sidecars and case.yaml. */
  exhibitMarks?: ReadonlyMap<number, string[]>;
}
