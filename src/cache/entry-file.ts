/**
 * How a cache entry lies on disk: a file that starts with its seal (the SHA-256 of its kind, its key and its
 * content's digest) and its content's SHA-256, then the content; a folder entry's index.json names the entry it was
 * made for. An entry moved, swapped, copied or planted under another name, or damaged, reads as a miss.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import type { CacheKind } from "./recipes.js";

/** An entry's header: its seal, then its content's SHA-256. */
export const HEADER = 64;

/** What binds an entry to its name: the SHA-256 of its kind, its key and its content's digest. */
export function sealOf(kind: CacheKind, key: string, contentDigest: Uint8Array): Buffer {
  return createHash("sha256").update(`exhibits cache entry\0${kind}\0${key}\0`).update(contentDigest).digest();
}

/** True when `data` is an intact entry made for this kind and key. */
export function sealedFor(kind: CacheKind, key: string, data: Buffer): boolean {
  if (data.length < HEADER) return false;
  const digest = data.subarray(32, HEADER);
  return (
    createHash("sha256").update(data.subarray(HEADER)).digest().equals(digest) && sealOf(kind, key, digest).equals(data.subarray(0, 32))
  );
}

/** True when `path` is a folder; false when anything (ENOTDIR: the cache named a file) says otherwise. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** A folder entry's index file: the index, with the entry it was made for (a folder moved to another name is a miss). */
export interface FolderIndex<T> {
  entry: string;
  index: T;
}

export function folderIndex<T>(text: string, id: string): T | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<FolderIndex<T>>;
    return parsed && parsed.entry === id && parsed.index !== undefined ? parsed.index : undefined;
  } catch {
    return undefined;
  }
}

/** An entry's bytes and modification time (one open, one fstat, one read), or undefined. */
export async function readEntry(path: string): Promise<{ data: Buffer; mtimeMs: number } | undefined> {
  let fd: number;
  try {
    // Not through a link, and never waiting on a FIFO: only a file the cache wrote is an entry.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) return undefined;
    const data = Buffer.allocUnsafe(s.size);
    let at = 0;
    while (at < s.size) {
      const bytesRead = readSync(fd, data, at, s.size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { data: at === s.size ? data : data.subarray(0, at), mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
