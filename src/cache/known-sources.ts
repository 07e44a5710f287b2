/**
 * What the last build learnt about each evidence image and sidecar, kept so that a rebuild need not read it
 * again: its SHA-256 and its facts (an image's dimensions, EXIF and PNG data check; a sidecar's validated
 * metadata, whose YAML parsing was half of a 500-defendant rebuild's intake), recorded with the file's size,
 * inode, modification and change times. A file whose stat still matches is not read or hashed again (as git
 * does with its index); any write to it changes its change time, which no tool can set back. A record made
 * within two seconds of the file's last change is not trusted (a coarse file-system clock could hide a second
 * write in the same tick): such a file is read again until it is older. `exhibits verify` re-hashes
 * everything, and `--no-cache` trusts nothing.
 *
 * Above those, whole readings: the evidence item a candidate (a file, or a thread or capture folder) gave,
 * recorded with the stamps of every file it came from, sidecars included (a missing sidecar is recorded as
 * missing, so adding one is a change), under a digest of case.yaml. A rebuild that finds every stamp as
 * recorded takes the item without reading, parsing or validating anything: 1,500 text and 500 receipt PDFs
 * of a 500-defendant case were most of its rebuild's intake.
 *
 * One entry per case folder, read once at the start of a build and written once after intake.
 */
import { statSync, type Stats } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { createHash } from "node:crypto";
import type { FileStamps, KnownFiles, KnownImage, KnownReadings, KnownSidecar } from "../intake/known-files.js";
import type { BuildCache } from "./build-cache.js";
import { cacheKey, type CacheKey } from "./recipes.js";

interface SourceRecord {
  image?: KnownImage;
  sidecar?: KnownSidecar;
  size: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  recordedAt: number;
}

/** A whole reading: the stamps of the files it came from, and the reading itself (v8-serialized, so a recall gets its own copy). */
interface ReadingRecord {
  stamps: FileStamps;
  data: Buffer;
  /** Made within the racy window of a file's change: only compared with, never recalled. */
  racy?: true;
}

/** What is stored: v8's serialization (readings hold money as BigInt; JSON would need a reviver, and is slower). */
interface Stored {
  format: 1;
  /** The digest of what readings depend on besides their files (case.yaml, the folder as named). */
  context: string;
  records: Map<string, SourceRecord>;
  readings: Map<string, ReadingRecord>;
}

const RACY_MS = 2000;

/** A file's stamp: size, inode, modification and change times; null when there is no such file. */
function stampOf(abs: string): readonly number[] | null {
  const s = statOrNull(abs);
  return s ? [s.size, s.ino, s.mtimeMs, s.ctimeMs] : null;
}

/** A file's stat, or null when it cannot be there: missing, or a name that cannot exist (a sidecar's name over 255 bytes). */
function statOrNull(abs: string): Stats | null {
  try {
    return statSync(abs, { throwIfNoEntry: false }) ?? null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENAMETOOLONG" || code === "ENOTDIR" || code === "ELOOP") return null;
    throw e;
  }
}

/**
 * A reading's name: the SHA-256 of its serialized form. Taken from the bytes as recorded, so a recalled
 * reading is named as it was when it was read (the serializer's bytes need not be the same in another
 * process: a reading named anew only makes the exhibits made from it be composed again).
 */
const digestOf = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Changed within the last two seconds at `now`: a coarse file-system clock could hide a second write in the same tick. */
const racy = (stamp: readonly number[], now: number) => now - Math.max(stamp[2]!, stamp[3]!) < RACY_MS;

const sameStamp = (a: readonly number[] | null, b: readonly number[] | null) =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));

/** A reading's name: its files, and which part of them it reads (one of several exhibits made from one export). */
const readingKey = (files: readonly string[], selection?: string) => files.join("\0") + (selection ? `\0#${selection}` : "");

export class KnownSources implements KnownFiles {
  private records = new Map<string, SourceRecord>();
  private readingRecords = new Map<string, ReadingRecord>();
  private changed = false;
  private seen = new Set<string>();
  private readingsSeen = new Set<string>();
  private readonly key: CacheKey<"known-sources">;

  /** `context`: a digest of everything a whole reading depends on besides its own files (case.yaml's bytes). */
  private constructor(
    private cache: BuildCache,
    caseDir: string,
    private readonly context: string,
  ) {
    this.key = cacheKey("known-sources", { caseDir });
  }

  static async open(cache: BuildCache, caseDir: string, context = ""): Promise<KnownSources> {
    const k = new KnownSources(cache, caseDir, context);
    const stored = await cache.readValue<Stored>("known-sources", k.key, false); // unreadable: as if there were none
    if (stored?.format === 1 && stored.records instanceof Map && stored.readings instanceof Map) {
      k.records = stored.records;
      // Readings made under another case.yaml may differ now (ids, defendants, the time zone): none is recalled.
      if (stored.context === context) k.readingRecords = stored.readings;
      else k.changed = true;
    }
    return k;
  }

  /** The record of `abs`, when its stat is still what was recorded (and the record is not racy). */
  private current(abs: string): SourceRecord | undefined {
    this.seen.add(abs);
    const r = this.records.get(abs);
    if (!r) return undefined;
    return sameStamp(stampOf(abs), [r.size, r.ino, r.mtimeMs, r.ctimeMs]) ? r : undefined;
  }

  async lookup(abs: string): Promise<KnownImage | undefined> {
    return this.current(abs)?.image;
  }

  async lookupSidecar(abs: string): Promise<KnownSidecar | undefined> {
    const sidecar = this.current(abs)?.sidecar;
    return sidecar && structuredClone(sidecar); // the caller may change its metadata; the record stays as read
  }

  /** Record what was learnt from reading `abs`, with the stat taken before reading it. */
  remember(abs: string, before: Stats | undefined, image: KnownImage): void {
    this.record(abs, before, { image });
  }

  rememberSidecar(abs: string, before: Stats | undefined, sidecar: KnownSidecar): void {
    this.record(abs, before, { sidecar: structuredClone(sidecar) });
  }

  private record(abs: string, before: Stats | undefined, learnt: Pick<SourceRecord, "image" | "sidecar">): void {
    this.seen.add(abs);
    const now = Date.now();
    if (!before || racy([before.size, before.ino, before.mtimeMs, before.ctimeMs], now)) return;
    this.records.set(abs, {
      ...learnt,
      size: before.size,
      ino: before.ino,
      mtimeMs: before.mtimeMs,
      ctimeMs: before.ctimeMs,
      recordedAt: now,
    });
    this.changed = true;
  }

  readonly readings: KnownReadings = {
    recall: <T>(files: readonly string[], selection?: string): { reading: T; digest: string } | undefined => {
      const key = readingKey(files, selection);
      for (const f of files) this.seen.add(f);
      const r = this.readingRecords.get(key);
      const hit =
        r !== undefined && !r.racy && r.stamps.length === files.length && files.every((f, i) => sameStamp(stampOf(f), r.stamps[i]!));
      this.cache.count("readings", hit);
      if (!hit) return undefined;
      this.readingsSeen.add(key);
      return { reading: deserialize(r.data) as T, digest: digestOf(r.data) };
    },
    certainlyChanged: (files, selection) => {
      // Only files read before: a file never read as itself (a chat's attachment) has no reading, and is no change.
      const r = this.readingRecords.get(readingKey(files, selection));
      return (
        r !== undefined &&
        (r.stamps.length !== files.length || files.some((f, i) => (statOrNull(f)?.size ?? null) !== (r.stamps[i]?.[0] ?? null)))
      );
    },
    before: (files) => files.map(stampOf),
    remember: (files, stamps, reading, selection) => {
      const key = readingKey(files, selection);
      this.readingsSeen.add(key);
      const data = serialize(reading);
      const same = this.readingRecords.get(key)?.data.equals(data) ?? false;
      const now = Date.now();
      // A file changed within the racy window may change again within the same clock tick: its reading is
      // kept to compare the next one with, never recalled.
      const untrusted = stamps.length !== files.length || stamps.some((s) => s !== null && racy(s, now));
      this.readingRecords.set(key, { stamps, data, ...(untrusted ? { racy: true as const } : {}) });
      this.changed = true;
      return { differs: !same, digest: digestOf(data) };
    },
  };

  /** Keep the records of the files this build looked at (others are dropped), if anything changed. */
  async save(): Promise<void> {
    const kept = new Map([...this.records].filter(([abs]) => this.seen.has(abs)));
    const readings = new Map([...this.readingRecords].filter(([key]) => this.readingsSeen.has(key)));
    if (!this.changed && kept.size === this.records.size && readings.size === this.readingRecords.size) return;
    const stored: Stored = { format: 1, context: this.context, records: kept, readings };
    await this.cache.writeValue("known-sources", this.key, stored);
  }
}
