/**
 * What the stages are given to keep and reuse their work: the build cache's entries (EntryStore) and the
 * previous build's finished files (OutputStore). Types only: stages take these ports from commands/ and never
 * import the cache's code, so cache/ is the one place that decides reuse.
 */
import type { Digest } from "../model/digest.js";
import type { PartLayout, PreviousFile, RenderedBatchFacts } from "../pdf/index.js";
import type { CacheKey, CacheKind, CacheStatKind, KeyInputs } from "./recipes.js";

export type { CacheKey, CacheKind, KeyInputs } from "./recipes.js";

/** Entries of the build cache, each named by its kind's recipe (cache/recipes.ts). */
export interface EntryStore {
  /** The name of an entry of `kind` made from `inputs`. */
  key<K extends CacheKind>(kind: K, inputs: KeyInputs<K>): CacheKey<K>;
  /** A value computed once per key and kept: `compute` runs only on a miss. */
  memo<T, K extends CacheKind>(kind: K, key: CacheKey<K>, compute: () => Promise<T>): Promise<T>;
  /** Bytes computed once per key and kept: `compute` runs only on a miss. */
  bytes<K extends CacheKind>(kind: K, key: CacheKey<K>, compute: () => Promise<Uint8Array>): Promise<Uint8Array>;
  readJson<T, K extends CacheKind>(kind: K, key: CacheKey<K>, counted?: boolean): Promise<T | undefined>;
  writeJson<K extends CacheKind>(kind: K, key: CacheKey<K>, value: unknown): Promise<void>;
  /** The files of a folder entry when it is complete, else undefined. */
  readFolder<T, K extends CacheKind>(kind: K, key: CacheKey<K>): Promise<{ dir: string; index: T } | undefined>;
  /** Forget a folder entry found damaged, so that writeFolder makes it again. */
  dropFolder<K extends CacheKind>(kind: K, key: CacheKey<K>): Promise<void>;
  /** Store a folder entry: `fill` writes its files into a fresh folder and returns its index. */
  writeFolder<T, K extends CacheKind>(kind: K, key: CacheKey<K>, fill: (dir: string) => Promise<T>): Promise<{ dir: string; index: T }>;
  /** Count a reuse (hit) or a miss the caller decided. */
  count(kind: CacheStatKind, hit: boolean): void;
  /** Page counts of prints, kept by the PDF's SHA-256. */
  pageCounter(pdf: Uint8Array): Promise<number>;
  /** Page count, document starts and page digests of a print of many documents, kept by its SHA-256. */
  batchFacts(pdf: Uint8Array): Promise<RenderedBatchFacts>;
}

/** The kinds of finished files a bundle holds. */
export type OutputKind = Extract<CacheKind, "exhibit" | "bundle" | "appendix">;

/** A finished file's size and digest (taken as it was written, or from the record of the file reused). */
export interface OutputFile {
  bytes: number;
  sha256: Digest;
}

/** What writing a file gave: its size and digest, and where each of its parts' objects sit (for a later rewrite). */
export interface WrittenOutput extends OutputFile {
  layout?: PartLayout[];
}

export interface OutputSpec<K extends OutputKind> {
  kind: K;
  key: CacheKey<K>;
  /** Where the file goes in the tree being built. */
  target: string;
  /** Where the previous build put the file (its unchanged parts are copied from there when it is rewritten). */
  previousAt?: string;
  /** False: written afresh even when a recorded file exists (it was found missing or changed moments ago). */
  reuse?: boolean;
  /** False: not recorded for reuse (a signed bundle: its key would have to cover the signing identity). */
  record?: boolean;
}

/** The previous build's finished files: reused when their key and bytes are unchanged. */
export interface OutputStore {
  /**
   * The file of `spec.key` at `spec.target`: the previous build's file when its key and bytes are unchanged,
   * else what `write` writes there (given the previous file at `spec.previousAt`, to copy unchanged parts from).
   */
  output<K extends OutputKind>(
    spec: OutputSpec<K>,
    write: (previous: PreviousFile | undefined) => Promise<WrittenOutput>,
  ): Promise<OutputFile>;
  /** Only the reuse half of output(): the recorded file put at `target`, or undefined (nothing is written). */
  recorded<K extends OutputKind>(kind: K, key: CacheKey<K>, target: string): Promise<OutputFile | undefined>;
  /** Forget every file put or written so far (the tree was thrown away and is written again): none is recorded. */
  discardPending(): void;
}
