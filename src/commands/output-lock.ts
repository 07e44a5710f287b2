/**
 * The locks a build holds (wiring): its output folder, and its cache folder when that lies outside it (two builds
 * sharing a `--cache`). Taken in path order, so two builds never wait for each other in a circle; released when the
 * build ends or is stopped.
 */
import { mkdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { CACHE_DIR } from "../cache/index.js";
import { acquireLock, type HeldLock } from "../output/index.js";
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
      await mkdir(f.dir, { recursive: true });
      const options = { shown: f.shown, what: "a build", note: (m: string) => log.info(`note: ${m}`) };
      held.push(await acquireLock(join(f.dir, LOCK_FILE), { ...options, ...(opts.wait ? { wait: true } : {}) }));
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
