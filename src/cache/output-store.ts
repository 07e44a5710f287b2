/**
 * The one "reuse the recorded file, or write it" step, for every finished file of a bundle (exhibit files and
 * their volumes, bundle.pdf and its volumes, appendix PDFs). The cache records where the previous build put each
 * one (its path, size, inode, modification and change times, and its SHA-256) under the key of everything it was
 * made from. A rebuild whose key matches reuses that file only when its content is proven unchanged:
 * - its inode, size and both times are as recorded (a change time cannot be put back: an edit in place, `cp -p`
 *   over it or a restored mtime all change it) and no other name links it: hard-linked into the new version;
 * - else its SHA-256 is taken again and must equal the record's.
 * Hard links are made only between a bundle and its own previous version (out/<case-id>), never into another
 * output folder: a bundle built into another folder from the same cache gets copies (a reflink where the file
 * system has them), so annotating one bundle's file can never change another's. A file that fails the proof is
 * written anew. Records are written only after the new tree is in place.
 */
import { closeSync, constants, openSync, readSync } from "node:fs";
import { chmod, copyFile, link, mkdir, rm, stat } from "../util/fs.js";
import { sha256File } from "../util/hash.js";
import type { PartLayout, PreviousFile } from "../pdf/index.js";
import { dirname, join, relative, sep } from "node:path";
import type { StoredFile } from "../model/digest.js";
import type { BuildCache } from "./build-cache.js";
import type { OutputFile, OutputKind, OutputSpec, OutputStore as OutputPort, WrittenOutput } from "./ports.js";
import { cacheKey, type CacheKey } from "./recipes.js";

interface OutputRecord {
  path: string;
  bytes: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  sha256: StoredFile["sha256"];
}

/** Where each part of a written file is, recorded with the file's stat (see PartLayout). */
interface LayoutRecord {
  path: string;
  bytes: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  parts: PartLayout[];
}

export class OutputStore implements OutputPort {
  private outputs: { kind: OutputKind; key: CacheKey; path: string; layout?: PartLayout[]; was?: OutputRecord }[] = [];
  /** Folders of the new tree made so far → the mode of a new file in them. */
  private madeDirs = new Map<string, number>();
  /** The bundle this build replaces (out/<case-id>): the only place files are hard-linked from. */
  private own: string | undefined;
  constructor(private cache: BuildCache) {}

  /** Name the bundle this build replaces: its files may be linked into the new version, no one else's. */
  replacing(bundleDir: string): void {
    this.own = bundleDir;
  }

  async output<K extends OutputKind>(
    spec: OutputSpec<K>,
    write: (previous: PreviousFile | undefined) => Promise<WrittenOutput>,
  ): Promise<OutputFile> {
    const reused = spec.reuse === false || spec.record === false ? undefined : await this.recorded(spec.kind, spec.key, spec.target);
    if (reused) return reused;
    const previous = spec.previousAt && spec.record !== false ? await this.previous(spec.previousAt) : undefined;
    const written = await write(previous);
    if (spec.record !== false)
      this.outputs.push({
        kind: spec.kind,
        key: spec.key,
        path: spec.target,
        ...(written.layout?.length ? { layout: written.layout } : {}),
      });
    return { bytes: written.bytes, sha256: written.sha256 };
  }

  discardPending(): void {
    this.outputs = [];
  }

  /**
   * Put the previous build's file for `key` at `path` and give its size and digest as recorded; undefined when
   * there is none.
   */
  async recorded<K extends OutputKind>(kind: K, key: CacheKey<K>, path: string): Promise<OutputFile | undefined> {
    const rec = await this.cache.readJson<OutputRecord>(kind, key, false);
    const s = rec && (await stat(rec.path).catch(() => undefined));
    const same = Boolean(rec && s && s.isFile() && s.size === rec.bytes && s.ino === rec.ino && s.mtimeMs === rec.mtimeMs);
    const placed = same && rec && s ? await this.place(rec, s, path) : false;
    this.cache.count(kind, placed);
    if (!placed || !rec) return undefined;
    // Its parts' layout goes with it (linking changes the file's change time, so it is recorded again).
    const layout =
      kind !== "exhibit" ? await this.cache.readJson<LayoutRecord>("layout", cacheKey("layout", { path: rec.path }), false) : undefined;
    this.outputs.push({ kind, key, path, was: rec, ...(layout ? { layout: layout.parts } : {}) });
    return { bytes: rec.bytes, sha256: rec.sha256 };
  }

  /**
   * Put the recorded file at `path` when its content is proven to be the record's (see the top of this file): linked
   * from this bundle's previous version, else copied and its copy hashed. False when it is not (nothing is left).
   */
  private async place(rec: OutputRecord, s: { ctimeMs: number; nlink: number; mode: number }, path: string): Promise<boolean> {
    const dir = dirname(path);
    let mode = this.madeDirs.get(dir);
    if (mode === undefined) {
      await mkdir(dir, { recursive: true });
      // The new tree's folders are made with the user's umask, so a new file's mode is the folder's without its x bits.
      mode = (await stat(dir)).mode & 0o666;
      this.madeDirs.set(dir, mode);
    }
    // A link shares the recorded file's mode: one made under another umask (or made read-only since) is copied
    // instead, and the copy given the mode a new file has, so every file of the bundle has the user's umask.
    const mine = this.own !== undefined && rec.path.startsWith(this.own + sep) && s.nlink === 1 && (s.mode & 0o777) === mode;
    if (mine && (s.ctimeMs === rec.ctimeMs || (await sha256File(rec.path).catch(() => undefined))?.sha256 === rec.sha256)) {
      const linked = await link(rec.path, path).then(
        () => true,
        () => false,
      );
      if (linked) return true;
    }
    const copied = await copyFile(rec.path, path, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE).then(
      () => true,
      () => false,
    );
    if (copied && (await sha256File(path).catch(() => undefined))?.sha256 === rec.sha256) {
      await chmod(path, mode);
      return true;
    }
    await rm(path, { force: true });
    return false;
  }

  /**
   * The previous build's file at `finalPath` with the layout of its parts, when it is still exactly as that
   * build wrote it (size, inode, modification and change times): a rewrite copies its unchanged parts' bytes.
   */
  private async previous(finalPath: string): Promise<PreviousFile | undefined> {
    const rec = await this.cache.readJson<LayoutRecord>("layout", cacheKey("layout", { path: finalPath }), false);
    const s = rec && (await stat(finalPath).catch(() => undefined));
    if (!rec || !s || !s.isFile() || s.size !== rec.bytes || s.ino !== rec.ino || s.mtimeMs !== rec.mtimeMs || s.ctimeMs !== rec.ctimeMs)
      return undefined;
    return {
      parts: rec.parts,
      // Synchronous: hundreds of small reads, each a thread-pool round trip through fs/promises.
      read: async (start, length) => {
        const fd = openSync(finalPath, "r");
        try {
          const buf = Buffer.allocUnsafe(length);
          let at = 0;
          while (at < length) {
            const n = readSync(fd, buf, at, length - at, start + at);
            if (n === 0) throw new Error(`${finalPath} is shorter than recorded`);
            at += n;
          }
          return buf;
        } finally {
          closeSync(fd);
        }
      },
    };
  }

  /**
   * After the tree built in `tmp` was renamed to `target`: record every output at its final path, with its
   * digest as the manifest has it.
   */
  async commit(tmp: string, target: string, digestOf: (finalPath: string) => StoredFile["sha256"] | undefined): Promise<void> {
    for (const m of this.outputs) {
      const finalPath = join(target, relative(tmp, m.path));
      const sha256 = digestOf(finalPath);
      const s = await stat(finalPath).catch(() => undefined);
      if (!sha256 || !s) continue;
      const record: OutputRecord = { path: finalPath, bytes: s.size, ino: s.ino, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, sha256 };
      // A linked file at the same place is the same record: not written again (thousands, in a large case).
      const w = m.was;
      if (
        !w ||
        w.path !== record.path ||
        w.bytes !== record.bytes ||
        w.ino !== record.ino ||
        w.mtimeMs !== record.mtimeMs ||
        w.ctimeMs !== record.ctimeMs ||
        w.sha256 !== record.sha256
      )
        await this.cache.writeJson(m.kind, m.key, record);
      if (m.layout)
        await this.cache.writeJson("layout", cacheKey("layout", { path: finalPath }), {
          path: finalPath,
          bytes: s.size,
          ino: s.ino,
          mtimeMs: s.mtimeMs,
          ctimeMs: s.ctimeMs,
          parts: m.layout,
        } satisfies LayoutRecord);
    }
  }
}
