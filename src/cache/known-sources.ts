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
 * One entry per case folder, read once at the start of a build and written once after intake.
 */
import { stat } from "../util/fs.js";
import type { Stats } from "node:fs";
import type { KnownFiles, KnownImage, KnownSidecar } from "../intake/sources/image.js";
import { BuildCache } from "./build-cache.js";

interface SourceRecord {
  image?: KnownImage;
  sidecar?: KnownSidecar;
  size: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  recordedAt: number;
}

const RACY_MS = 2000;

export class KnownSources implements KnownFiles {
  private records = new Map<string, SourceRecord>();
  private changed = false;
  private seen = new Set<string>();
  private readonly key: string;

  private constructor(private cache: BuildCache, caseDir: string) {
    this.key = BuildCache.key("known-sources", caseDir);
  }

  static async open(cache: BuildCache, caseDir: string): Promise<KnownSources> {
    const k = new KnownSources(cache, caseDir);
    const stored = await cache.readJson<[string, SourceRecord][]>("known-sources", k.key, false);
    if (Array.isArray(stored)) k.records = new Map(stored);
    return k;
  }

  /** The record of `abs`, when its stat is still what was recorded (and the record is not racy). */
  private async current(abs: string): Promise<SourceRecord | undefined> {
    this.seen.add(abs);
    const r = this.records.get(abs);
    if (!r) return undefined;
    const s = await stat(abs).catch(() => undefined);
    if (!s || s.size !== r.size || s.ino !== r.ino || s.mtimeMs !== r.mtimeMs || s.ctimeMs !== r.ctimeMs) return undefined;
    return r;
  }

  async lookup(abs: string): Promise<KnownImage | undefined> {
    return (await this.current(abs))?.image;
  }

  async lookupSidecar(abs: string): Promise<KnownSidecar | undefined> {
    const sidecar = (await this.current(abs))?.sidecar;
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
    if (!before || now - Math.max(before.mtimeMs, before.ctimeMs) < RACY_MS) return;
    this.records.set(abs, { ...learnt, size: before.size, ino: before.ino, mtimeMs: before.mtimeMs, ctimeMs: before.ctimeMs, recordedAt: now });
    this.changed = true;
  }

  /** Keep the records of the files this build looked at (others are dropped), if anything changed. */
  async save(): Promise<void> {
    const kept = [...this.records].filter(([abs]) => this.seen.has(abs));
    if (!this.changed && kept.length === this.records.size) return;
    await this.cache.writeJson("known-sources", this.key, kept);
  }
}
