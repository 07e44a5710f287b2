/**
 * The file operations of the build's many small files (sources, sidecars, cache entries, records), done by
 * the synchronous calls behind the same promise-returning signatures as node:fs/promises.
 *
 * Each fs/promises call is a round trip through libuv's thread pool that costs far more than the work of a
 * small file (figures in docs/performance.md); a 500-defendant build touches tens of thousands of files.
 * Large streamed outputs (bundle.pdf) keep using file handles.
 *
 * Awaiting a promise that is already settled never lets the event loop turn, so a long run of these calls
 * would starve everything waiting on I/O (Chromium starting in the background stalled for seconds behind
 * intake). The calls give the event loop a turn whenever 4 ms have passed since the last one.
 */
import * as fs from "node:fs";
import type * as fsp from "node:fs/promises";
import { InvalidInputError } from "./errors.js";
import { notRegularMessage } from "./input-file.js";

const TURN_MS = 4;
let lastTurn = performance.now();

const wrap =
  <A extends unknown[], R>(f: (...args: A) => R) =>
  async (...args: A): Promise<R> => {
    const result = f(...args);
    if (performance.now() - lastTurn > TURN_MS) {
      await new Promise((turned) => setImmediate(turned));
      lastTurn = performance.now();
    }
    return result;
  };

/** node:fs/promises' functions `names`, each done by node:fs's `<name>Sync` behind the same signature. */
function synchronous<K extends keyof typeof fsp>(names: readonly K[]): Pick<typeof fsp, K> {
  const syncFs = fs as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  return Object.fromEntries(
    names.map((name) => {
      const f = syncFs[`${name}Sync`];
      if (!f) throw new Error(`node:fs has no ${name}Sync`);
      return [name, wrap(f)];
    }),
  ) as unknown as Pick<typeof fsp, K>;
}

export const { stat, lstat, mkdir, rename, rm, readdir, realpath, utimes, link, copyFile, chmod } = synchronous([
  "stat",
  "lstat",
  "mkdir",
  "rename",
  "rm",
  "readdir",
  "realpath",
  "utimes",
  "link",
  "copyFile",
  "chmod",
]);

/**
 * Read a whole file, as fs.readFile does, but only a regular one: the file is opened non-blocking and checked before
 * reading, so a FIFO or a device put where a file was expected is an error, never a wait without end.
 */
export function readFile(path: string): Promise<Buffer>;
export function readFile(path: string, options: BufferEncoding | { encoding: BufferEncoding }): Promise<string>;
export function readFile(path: string, options?: BufferEncoding | { encoding: BufferEncoding }): Promise<Buffer | string> {
  return readRegular(path, options);
}

const readRegular = wrap((path: string, options?: BufferEncoding | { encoding: BufferEncoding }): Buffer | string => {
  const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const s = fs.fstatSync(fd);
    if (!s.isFile()) throw new InvalidInputError({ file: path }, notRegularMessage(s));
    return fs.readFileSync(fd, options);
  } finally {
    fs.closeSync(fd);
  }
});

/**
 * Create the file `path` with `data`, as fs.writeFile does, but never through what is already there: an existing
 * entry (a file, or a symbolic link planted to redirect the write) is removed first and the file created exclusively
 * (O_EXCL), so a write lands in a new file at this path or fails.
 */
export const writeFile = wrap((path: string, data: string | Uint8Array, options?: BufferEncoding | { encoding?: BufferEncoding }) => {
  unlinkIfThere(path);
  const encoding = typeof options === "string" ? options : options?.encoding;
  fs.writeFileSync(path, data, { flag: "wx", ...(encoding ? { encoding } : {}) });
});

/** Remove whatever entry (not a folder) is at `path`; nothing when there is none. */
export function unlinkIfThere(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/**
 * Write `pieces` one after another as the new file `path` (one writev per batch, nothing joined in memory); created
 * exclusively like writeFile (an existing entry or planted link at `path` is removed, never written through).
 */
export async function writePieces(path: string, pieces: readonly Uint8Array[]): Promise<void> {
  unlinkIfThere(path);
  const fd = fs.openSync(path, "wx");
  try {
    for (let i = 0; i < pieces.length; i += 1024) {
      const batch = pieces.slice(i, i + 1024) as Uint8Array[];
      let left = batch.reduce((n, b) => n + b.length, 0);
      while (left > 0) {
        const wrote = fs.writevSync(fd, batch);
        left -= wrote;
        if (left > 0) dropWritten(batch, wrote);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Remove the first `n` bytes from `batch` (after a short writev). */
function dropWritten(batch: Uint8Array[], n: number): void {
  while (n > 0 && batch.length) {
    const first = batch[0]!;
    if (first.length <= n) {
      n -= first.length;
      batch.shift();
    } else {
      batch[0] = first.subarray(n);
      n = 0;
    }
  }
}
