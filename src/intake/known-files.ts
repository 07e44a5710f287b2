/**
 * Stage 2 (intake): the port through which intake recalls what it learnt from files in an earlier build and records
 * what it learns now. The build cache implements it (cache/known-sources.ts); intake never imports the cache.
 */
import type { Stats } from "node:fs";
import type { ImageFacts } from "../images/index.js";
import type { Digest } from "../model/digest.js";
import type { EvidenceMeta } from "../model/case.js";

/** What intake learnt from reading an evidence image; the build cache keeps it so a rebuild need not read it again. */
export interface KnownImage {
  bytes: number;
  sha256: Digest;
  media: "png" | "jpeg" | "webp";
  facts: ImageFacts;
}

/** What reading a sidecar gave: its size, digest and validated metadata. */
export interface KnownSidecar {
  bytes: number;
  sha256: Digest;
  meta?: EvidenceMeta;
}

/** Where intake recalls and records what it learnt from files (the build cache's KnownSources). */
export interface KnownFiles {
  /** The recorded facts of the image at `abs`, when it is unchanged since they were recorded. */
  lookup(abs: string): Promise<KnownImage | undefined>;
  /** Record facts learnt from `abs`, with its stat taken before it was read. */
  remember(abs: string, before: Stats | undefined, image: KnownImage): void;
  /** The same for a sidecar. */
  lookupSidecar(abs: string): Promise<KnownSidecar | undefined>;
  rememberSidecar(abs: string, before: Stats | undefined, sidecar: KnownSidecar): void;
  /**
   * Whole readings: what reading a candidate (one file, or a thread or capture folder) gave, recalled when
   * none of the files it came from changed (`files`: absolute paths, sidecars included, existing or not)
   * and case.yaml is the same; `selection` names one of several items read from the same files. Optional: without
   * them every candidate is read (its images and sidecars may still be recalled one by one).
   */
  readings?: KnownReadings;
}

/** The stat of each file a reading came from, taken before reading (see KnownReadings.before). */
export type FileStamps = readonly (readonly number[] | null)[];

export interface KnownReadings {
  /**
   * The reading recorded for exactly these files, when every one still has its recorded stat, with a digest
   * that names it (the same one remember() gave when it was recorded).
   */
  recall<T>(files: readonly string[], selection?: string): { reading: T; digest: string } | undefined;
  /**
   * Whether these files have certainly changed since their reading was recorded, by a quick look at their
   * sizes (a file appeared, went, or changed size): a change known before anything is read. A file of the
   * same size may still have changed, and a new file has no reading: those are found when they are read.
   */
  certainlyChanged(files: readonly string[], selection?: string): boolean;
  /** The files' stats now: taken before reading them, and recorded with the reading. */
  before(files: readonly string[]): FileStamps;
  /**
   * Record a reading (copied now: later changes to it are not recorded). `differs` is false when it is the
   * reading already recorded for these files (read again only because a stat changed); `digest` names it.
   */
  remember(files: readonly string[], stamps: FileStamps, reading: unknown, selection?: string): { differs: boolean; digest: string };
}
