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
  /** Redactions made in this source's pages in the public twin. */
  redactions: number;
  /** Their bases, each once, as the redaction log gives them (a basis not stated: the blank for counsel). */
  redactionBases: string[];
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
