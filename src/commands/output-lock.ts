/**
 * The locks a build holds (wiring): its output folder, and its cache folder when that lies outside it (two builds
 * sharing a `--cache`). Taken in path order, so two builds never wait for each other in a circle; released when the
 * build ends or is stopped.
 */
import { mkdir, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { CACHE_DIR } from "../cache/index.js";
import { acquireLock, type HeldLock } from "../output/index.js";
import { EnvironmentError, ExhibitsError } from "../util/errors.js";
import { onInterrupt } from "../util/interrupt.js";
import { silentLogger } from "../util/log.js";
import type { BuildOptions } from "./build-options.js";

export const LOCK_FILE = ".exhibits.lock";

export async function lockOutput(opts: BuildOptions): Promise<{ release(): Promise<void> }> {
  const outRoot = resolve(opts.cwd, opts.out ?? "out");
  const folders = [{ dir: outRoot, shown: `the output folder ${opts.out ?? "out"}` }];
  const cache = typeof opts.cache === "string" ? resolve(opts.cwd, opts.cache) : undefined;
  if (cache && relative(outRoot, cache).startsWith("..") && cache !== join(outRoot, CACHE_DIR))
    folders.push({ dir: cache, shown: `the cache folder ${opts.cache as string}` });
  folders.sort((a, b) => (a.dir < b.dir ? -1 : 1));
  const log = opts.log ?? silentLogger;
  const held: HeldLock[] = [];
  const release = async () => {
    for (const l of held.reverse()) await l.release();
  };
  const undo = onInterrupt(release);
  try {
    for (const f of folders) {
      const isCache = f.dir === cache;
      const made = await madeFolder(f.dir, f.shown).catch((e: unknown) => {
        if (isCache) return e; // a cache that cannot be written costs speed, never the build (see BuildCache.warning)
        throw e;
      });
      if (made !== true) continue;
      const options = { shown: f.shown, what: "a build", note: (m: string) => log.info(`note: ${m}`) };
      const lock = acquireLock(join(f.dir, LOCK_FILE), { ...options, ...(opts.wait ? { wait: true } : {}) });
      // A cache the machine will not let us lock (read-only, full) cannot be written by anyone either: this build reads
      // it and stores nothing (BuildCache warns). A cache held by another build is the tool's own error: it stands.
      const taken = await lock.catch((e: unknown) => {
        if (isCache && !(e instanceof ExhibitsError)) return undefined;
        throw e;
      });
      if (taken) held.push(taken);
    }
  } catch (e) {
    undo();
    await release();
    throw e;
  }
  return {
    async release() {
      undo();
      await release();
    },
  };
}

/** Make the folder (and its parents); a file where it should be is named, not an internal error. */
async function madeFolder(dir: string, shown: string): Promise<true> {
  const s = await stat(dir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new EnvironmentError(`${shown} is a file, not a folder: give a folder (it is made if missing)`);
  await mkdir(dir, { recursive: true }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR" || (e as NodeJS.ErrnoException).code === "EEXIST")
      throw new EnvironmentError(`${shown} cannot be made: a part of its path is a file, not a folder`);
    throw e;
  });
  return true;
}
