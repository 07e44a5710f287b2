/**
 * verify's view of a bundle folder, which anyone holding the bundle may have changed: every entry by its own kind
 * (lstat: a symbolic link is a link, never what it points to), and reads that open only regular files inside the
 * folder. A FIFO, a device, a socket, or a link (to /dev/zero, to a folder, to an identical copy elsewhere) is a
 * finding naming the entry; it is never opened or followed, so nothing can make verify hang or read outside.
 */
import { constants, createReadStream } from "node:fs";
import { lstat, open, readdir, readlink, type FileHandle } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join, relative, sep } from "node:path";
import type { Digest } from "../model/digest.js";
import { byPath } from "../util/stored-files.js";

export interface BundleEntries {
  /** Regular files, POSIX relative paths, sorted. */
  files: string[];
  /** Every other entry that is not a folder: path → what it is ("a FIFO", "a symbolic link to /dev/zero"). */
  odd: Map<string, string>;
}

/** What a non-regular, non-folder entry is, in words. */
async function kindOf(abs: string, s: Awaited<ReturnType<typeof lstat>>): Promise<string> {
  if (s.isSymbolicLink()) {
    const to = await readlink(abs).catch(() => "somewhere unreadable");
    return `a symbolic link to ${to}`;
  }
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** Every entry under `root`, never descending into or through a link. */
export async function listEntries(root: string): Promise<BundleEntries> {
  const files: string[] = [];
  const odd = new Map<string, string>();
  const walk = async (dir: string, depth: number) => {
    for (const name of await readdir(dir)) {
      const abs = join(dir, name);
      const rel = relative(root, abs).split(sep).join("/");
      const s = await lstat(abs);
      if (s.isDirectory() && depth < 32) await walk(abs, depth + 1);
      else if (s.isFile()) files.push(rel);
      else odd.set(rel, s.isDirectory() ? "a folder nested too deep" : await kindOf(abs, s));
    }
  };
  await walk(root, 0);
  return { files: files.sort(byPath), odd };
}

/** A listed path that cannot be read as a regular file of the bundle: the message names what it is instead. */
export class NotInBundleError extends Error {}

/**
 * Open `rel` under `root` only if every folder on the way is a real folder and the file itself is a regular file:
 * O_NOFOLLOW refuses a link at the end, O_NONBLOCK keeps a FIFO from blocking the open, fstat decides.
 */
async function openRegular(root: string, rel: string): Promise<FileHandle> {
  const parts = rel.split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..") || rel.startsWith("/"))
    throw new NotInBundleError(`${rel}: not a path inside the bundle`);
  let at = root;
  for (const p of parts.slice(0, -1)) {
    at = join(at, p);
    const s = await lstat(at).catch(() => undefined);
    if (!s) throw new NotInBundleError(`${rel}: missing`);
    if (!s.isDirectory()) throw new NotInBundleError(`${rel}: ${relative(root, at)} is ${await kindOf(at, s)}, not a folder; not followed`);
  }
  const abs = join(root, rel);
  const s = await lstat(abs).catch(() => undefined);
  if (!s) throw new NotInBundleError(`${rel}: missing`);
  if (!s.isFile()) throw new NotInBundleError(`${rel}: ${s.isDirectory() ? "a folder" : await kindOf(abs, s)}; not opened`);
  const fh = await open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => {
    throw new NotInBundleError(`${rel}: cannot be opened (${e.code ?? e.message})`);
  });
  const fs = await fh.stat();
  if (!fs.isFile()) {
    await fh.close();
    throw new NotInBundleError(`${rel}: not a regular file (changed while verify ran); not read`);
  }
  return fh;
}

/** The bytes of a regular file of the bundle, refused over `maxBytes` (a record this tool writes is never that large). */
export async function readRegular(root: string, rel: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
  const fh = await openRegular(root, rel);
  try {
    const { size } = await fh.stat();
    if (size > maxBytes) throw new NotInBundleError(`${rel}: ${size} bytes, larger than any such file this tool writes (${maxBytes})`);
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/** SHA-256 and size of a regular file of the bundle, streamed. */
export async function hashRegular(root: string, rel: string): Promise<{ sha256: Digest; bytes: number }> {
  const fh = await openRegular(root, rel);
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream("", { fd: fh, autoClose: true })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: `sha256:${hash.digest("hex")}`, bytes };
}
