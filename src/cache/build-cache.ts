/**
 * The build cache: a content-addressed store under `<out>/.cache/` (or --cache DIR) that lets a rebuild
 * redo only what changed. Every entry is named by the SHA-256 of everything that went into it (source
 * hashes, the rendered HTML, settings, the exhibit's plan, the tool version and this store's format), so
 * an entry is never stale: a changed input is a different name. Entries are written to a temporary name
 * and renamed into place, so a crash or a parallel build never leaves a torn one; a missing or unreadable
 * entry is simply a miss. The cache changes no output byte: a cached rebuild equals a clean build.
 */
import { randomBytes } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile, writePieces } from "../util/fs.js";
import { dirname, join } from "node:path";
import { countPages, renderedBatchFacts, type RenderedBatchFacts } from "../pdf/index.js";
import { probeImage, type ImageFacts } from "../images/index.js";
import { cacheKey, digestOf, knownDigest, type CacheKey, type CacheKind, type CacheStatKind, type KeyInputs } from "./recipes.js";
import type { EntryStore } from "./ports.js";
import { HEADER, folderIndex, isFolder, readEntry, sealOf, sealedFor, type FolderIndex } from "./entry-file.js";

/** The cache's folder under the output root, unless --cache names another. */
export const CACHE_DIR = ".cache";

/** A hit marks its entry as in use (for prune) at most once a day: a rebuild reads thousands of entries. */
const TOUCH_AFTER_MS = 24 * 3600 * 1000;

/** A small entry as the journal holds it: its JSON text, and when its file was last marked as in use. */
interface JournalEntry {
  text: string;
  touchedAt: number;
}

export class BuildCache implements EntryStore {
  private counts = new Map<CacheStatKind, { hits: number; misses: number }>();
  /** The journal as read at the start of the build, and the entries this build used (what it will hold next). */
  private journal = new Map<string, JournalEntry>();
  private used = new Map<string, JournalEntry>();
  private journalKey: CacheKey<"journal"> | undefined;
  private journalTouched = false;
  /** While a build runs: entries stored so far, under their temporary names (see hold()). */
  private held: { tmp: string; target: string }[] | undefined;

  /** The first write the cache's folder refused (read-only, full, not a folder): the build goes on without storing. */
  private refused: string | undefined;

  /**
   * `spill`: a folder of the build's own, where a folder entry is made when the cache's folder cannot be written (its
   * files are read before the build ends).
   */
  constructor(
    readonly dir: string,
    private readonly spill?: string,
  ) {}

  /** One line for the build's log when the cache could not be written (or undefined): the build went on without it. */
  warning(): string | undefined {
    const what = "this build stored nothing there and was slower (its output is the same): make it writable or give another --cache";
    return this.refused && `warning (cache): ${this.refused}; ${what}`;
  }

  private unwritable(e: unknown): void {
    const err = e as NodeJS.ErrnoException;
    this.refused ??= `the cache folder ${this.dir} could not be written (${err?.code ?? (err as Error)?.message ?? String(e)})`;
  }

  /** Remove a damaged or misplaced entry; a cache that cannot be written keeps it (it is a miss all the same). */
  private async remove(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true }).catch((e: unknown) => this.unwritable(e));
  }

  /**
   * From now on, entries are stored under their temporary names and put in place only by release(true), when the
   * build has succeeded: a build that fails (bad input found late, after some entries were made) leaves the cache
   * exactly as it was. An entry stored meanwhile is recalled from the journal, or made again.
   */
  hold(): void {
    this.held ??= [];
  }

  /** Put the held entries in place (`keep`), or remove them; then store directly again. */
  async release(keep: boolean): Promise<void> {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { tmp, target } of held) {
      if (keep) await rename(tmp, target).catch(() => this.remove(tmp));
      else await this.remove(tmp);
    }
  }

  /**
   * The journal of a case: the small JSON entries (parts indexes, records of written files, page digests,
   * render pointers) its last build used, in one file. A rebuild reads thousands of them; from the journal
   * they cost one read instead of an open, a read and a digest check each. Every entry is still written as
   * its own file too: the journal is a copy, and losing it costs time, nothing else.
   */
  async openJournal(name: string): Promise<void> {
    this.journalKey = cacheKey("journal", { case: name });
    const data = await this.read("journal", this.journalKey, false);
    try {
      const entries = data ? (JSON.parse(data.toString("utf8")) as [string, string, number][]) : [];
      this.journal = new Map(entries.map(([id, text, touchedAt]) => [id, { text, touchedAt }]));
    } catch {
      this.journal = new Map();
    }
  }

  /** Write the journal: the entries this build used, for the next build of the case. */
  async saveJournal(): Promise<void> {
    if (!this.journalKey) return;
    const unchanged =
      !this.journalTouched && this.used.size === this.journal.size && [...this.used].every(([id, e]) => this.journal.get(id) === e);
    if (unchanged) return;
    await this.write("journal", this.journalKey, JSON.stringify([...this.used].map(([id, e]) => [id, e.text, e.touchedAt])));
  }

  /** A journal entry, marked as used; its file (or folder) is touched for prune() at most once a day. */
  private async fromJournal(id: string, path: string): Promise<JournalEntry | undefined> {
    const e = this.used.get(id) ?? this.journal.get(id);
    if (!e) return undefined;
    if (Date.now() - e.touchedAt > TOUCH_AFTER_MS) {
      await utimes(path, new Date(), new Date()).catch(() => undefined);
      e.touchedAt = Date.now();
      this.journalTouched = true; // kept, so the next build does not touch it again
    }
    this.used.set(id, e);
    return e;
  }

  /** Page counts of rendered PDFs (documents, cover batches), kept by the PDF's SHA-256: parsing is not free. */
  readonly pageCounter = (pdf: Uint8Array): Promise<number> => this.memo("pages", cacheKey("pages", pdf), () => countPages(pdf));

  /** Page count, document starts and page digests of a PDF printed from many documents, kept by its SHA-256. */
  readonly batchFacts = (pdf: Uint8Array): Promise<RenderedBatchFacts> =>
    this.memo("rendered-batch", cacheKey("rendered-batch", pdf), () => renderedBatchFacts(pdf));

  /** Intake's look at an image (dimensions, EXIF, the PNG data check), kept by the image's content. */
  readonly probeImage = (data: Buffer, media: "png" | "jpeg" | "webp"): Promise<ImageFacts> =>
    this.memo("image-facts", cacheKey("image-facts", { media, data }), () => probeImage(data, media));

  key<K extends CacheKind>(kind: K, inputs: KeyInputs<K>): CacheKey<K> {
    return cacheKey(kind, inputs);
  }

  /** Where an entry lives (a file, or a folder for multi-file entries). */
  path<K extends CacheKind>(kind: K, key: CacheKey<K>): string {
    return join(this.dir, kind, key.slice(0, 2), key);
  }

  /**
   * An entry's bytes, or undefined; `counted` false when the caller decides whether it was a hit. Each entry
   * starts with its seal (the SHA-256 of its kind, its key and its content's digest) and then its content's
   * SHA-256: a damaged entry is a miss, and is removed; so is one moved, swapped, copied or planted under another
   * entry's name (its seal names the key it was made for).
   */
  async read<K extends CacheKind>(kind: K, key: CacheKey<K>, counted = true): Promise<Buffer | undefined> {
    const path = this.path(kind, key);
    const entry = await readEntry(path);
    let data = entry?.data;
    if (data && !sealedFor(kind, key, data)) {
      await this.remove(path);
      data = undefined;
    }
    if (counted) this.count(kind, data !== undefined);
    if (!data) return undefined;
    // in use: kept by prune()
    if (Date.now() - entry!.mtimeMs > TOUCH_AFTER_MS) await utimes(path, new Date(), new Date()).catch(() => undefined);
    return knownDigest(data.subarray(HEADER), data.subarray(32, HEADER));
  }

  async readJson<T, K extends CacheKind = CacheKind>(kind: K, key: CacheKey<K>, counted = true): Promise<T | undefined> {
    const id = `${kind}/${key}`;
    const journaled = await this.fromJournal(id, this.path(kind, key));
    if (journaled) {
      if (counted) this.count(kind, true);
      return JSON.parse(journaled.text) as T;
    }
    const data = await this.read(kind, key, counted);
    if (!data) return undefined;
    try {
      const text = data.toString("utf8");
      const value = JSON.parse(text) as T;
      this.used.set(id, { text, touchedAt: Date.now() });
      return value;
    } catch {
      return undefined;
    }
  }

  /** Store bytes under a key (atomically; an existing entry is left as it is). */
  async write<K extends CacheKind>(kind: K, key: CacheKey<K>, data: Uint8Array | string): Promise<void> {
    const target = this.path(kind, key);
    const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await mkdir(dirname(target), { recursive: true });
      const payload = typeof data === "string" ? Buffer.from(data) : data;
      const digest = digestOf(payload);
      await writePieces(tmp, [sealOf(kind, key, digest), digest, payload]); // no copy of a large payload
      if (this.held) this.held.push({ tmp, target });
      else await rename(tmp, target);
    } catch (e) {
      this.unwritable(e);
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  async writeJson<K extends CacheKind>(kind: K, key: CacheKey<K>, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    await this.write(kind, key, text);
    this.used.set(`${kind}/${key}`, { text, touchedAt: Date.now() });
  }

  /**
   * An entry holding a structured value (v8's serializer: BigInt amounts, Maps and megabyte strings as they
   * are, faster than JSON), or undefined when there is none or it cannot be read.
   */
  async readValue<T, K extends CacheKind = CacheKind>(kind: K, key: CacheKey<K>, counted = true): Promise<T | undefined> {
    const data = await this.read(kind, key, counted);
    try {
      return data && (deserialize(data) as T);
    } catch {
      return undefined;
    }
  }

  writeValue<K extends CacheKind>(kind: K, key: CacheKey<K>, value: unknown): Promise<void> {
    return this.write(kind, key, serialize(value));
  }

  /** A value computed once per key and kept: `compute` runs only on a miss. */
  async memo<T, K extends CacheKind = CacheKind>(kind: K, key: CacheKey<K>, compute: () => Promise<T>): Promise<T> {
    const hit = await this.readJson<{ value: T }>(kind, key);
    if (hit) return hit.value;
    const value = await compute();
    await this.writeJson(kind, key, { value });
    return value;
  }

  /** Bytes computed once per key and kept (a workbook, say): `compute` runs only on a miss. */
  async bytes<K extends CacheKind>(kind: K, key: CacheKey<K>, compute: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = await this.read(kind, key);
    if (hit) return hit;
    const value = await compute();
    await this.write(kind, key, value);
    return value;
  }

  /**
   * The files of a folder entry, when it is complete and made for this key (its index.json lists them and names the
   * entry), else undefined.
   */
  async readFolder<T, K extends CacheKind = CacheKind>(kind: K, key: CacheKey<K>): Promise<{ dir: string; index: T } | undefined> {
    const dir = this.path(kind, key);
    const id = `${kind}/${key}`;
    // From the journal only while the folder is there (its files are read later, each checked by its digest).
    const journaled = isFolder(dir) ? await this.fromJournal(id, dir) : undefined;
    const fromJournal = journaled && folderIndex<T>(journaled.text, id);
    if (fromJournal !== undefined) {
      this.count(kind, true);
      return { dir, index: fromJournal };
    }
    const raw = await readFile(join(dir, "index.json"), "utf8").catch(() => undefined);
    const index = raw === undefined ? undefined : folderIndex<T>(raw, id);
    this.count(kind, index !== undefined);
    if (raw === undefined) return undefined;
    if (index === undefined) {
      await this.remove(dir); // damaged, or another entry's folder under this name
      return undefined;
    }
    await utimes(dir, new Date(), new Date()).catch(() => undefined); // recently used: kept by prune()
    this.used.set(id, { text: raw, touchedAt: Date.now() });
    return { dir, index };
  }

  /** Forget a folder entry found damaged (a file not as its index says), so that it is made again. */
  async dropFolder<K extends CacheKind>(kind: K, key: CacheKey<K>): Promise<void> {
    const id = `${kind}/${key}`;
    this.used.delete(id);
    this.journal.delete(id);
    await this.remove(this.path(kind, key));
  }

  /**
   * Store a folder entry: `fill` writes files into a fresh temporary folder and returns the index; the folder
   * is renamed into place whole. Returns the entry's folder (or the temporary one when storing failed, which
   * `fill`'s files are still in: the caller reads them before the build ends). When the cache's folder cannot be
   * written at all, the files are made in the build's own folder instead.
   */
  async writeFolder<T, K extends CacheKind = CacheKind>(
    kind: K,
    key: CacheKey<K>,
    fill: (dir: string) => Promise<T>,
  ): Promise<{ dir: string; index: T }> {
    const id = `${kind}/${key}`;
    let target = this.path(kind, key);
    let tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await mkdir(dirname(tmp), { recursive: true });
      await mkdir(tmp); // exclusive: an entry already at this name (a planted link) is an error, never written into
    } catch (e) {
      if (!this.spill || (e as NodeJS.ErrnoException).code === "EEXIST") throw e;
      this.unwritable(e);
      target = join(this.spill, "entries", kind, key);
      tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      await mkdir(tmp, { recursive: true });
    }
    let index: T;
    try {
      index = await fill(tmp);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    }
    const text = JSON.stringify({ entry: id, index } satisfies FolderIndex<T>);
    await writeFile(join(tmp, "index.json"), text);
    if (this.held) {
      this.held.push({ tmp, target });
      return { dir: tmp, index };
    }
    try {
      await rename(tmp, target);
      this.used.set(id, { text, touchedAt: Date.now() });
      return { dir: target, index };
    } catch {
      // Another build stored the same entry meanwhile (same key, same bytes): use theirs.
      const theirs = await readFile(join(target, "index.json"), "utf8").catch(() => undefined);
      if (theirs !== undefined && folderIndex<T>(theirs, id) !== undefined) {
        await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
        this.used.set(id, { text: theirs, touchedAt: Date.now() });
        return { dir: target, index };
      }
      return { dir: tmp, index };
    }
  }

  /** "exhibit parts 2958 of 2959 reused, …": what the cache saved in this build. */
  summary(): string {
    return [...this.counts]
      .filter(([, c]) => c.hits + c.misses > 0)
      .map(([kind, c]) => `${kind} ${c.hits}/${c.hits + c.misses}`)
      .join(", ");
  }

  /** Entries reused (hits) and made anew (misses) by kind, for the build's result. */
  stats(): Partial<Record<CacheStatKind, { hits: number; misses: number }>> {
    return Object.fromEntries([...this.counts].map(([k, c]) => [k, { ...c }]));
  }

  hits(kind: CacheStatKind): number {
    return this.counts.get(kind)?.hits ?? 0;
  }

  count(kind: CacheStatKind, hit: boolean): void {
    const c = this.counts.get(kind) ?? { hits: 0, misses: 0 };
    if (hit) c.hits++;
    else c.misses++;
    this.counts.set(kind, c);
  }

  /**
   * Remove entries not used for `days` days (and torn temporaries), so the cache does not grow without end.
   * Runs at most once a day (a marker file's mtime says when it last ran).
   */
  async prune(days = 14): Promise<number> {
    const marker = join(this.dir, "last-prune");
    const last = await stat(marker).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (Date.now() - last < 86_400_000) return 0;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(marker, "");
    } catch (e) {
      this.unwritable(e);
      return 0;
    }
    const cutoff = Date.now() - days * 86_400_000;
    let removed = 0;
    for (const kind of await readdir(this.dir).catch(() => [] as string[])) {
      if (kind === "last-prune") continue;
      for (const shard of await readdir(join(this.dir, kind)).catch(() => [] as string[])) {
        for (const name of await readdir(join(this.dir, kind, shard)).catch(() => [] as string[])) {
          const p = join(this.dir, kind, shard, name);
          const s = await stat(p).catch(() => undefined);
          if (s && (s.mtimeMs < cutoff || (name.endsWith(".tmp") && s.mtimeMs < Date.now() - 86_400_000))) {
            await this.remove(p);
            removed++;
          }
        }
      }
    }
    return removed;
  }
}
