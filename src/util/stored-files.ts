/** Files of a tree as StoredFile records (POSIX relative paths, sorted): listed and hashed, written, digested together. */
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Digest, StoredFile } from "../model/digest.js";
import { hexOf, sha256Bytes, sha256File } from "./hash.js";
import { writeFile } from "./fs.js";

export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else out.push(relative(root, abs).split(sep).join("/"));
    }
  };
  await walk(root);
  return out.sort(byPath);
}

export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function storedFile(root: string, path: string): Promise<StoredFile> {
  const { sha256, bytes } = await sha256File(join(root, path));
  return { path, bytes, sha256 };
}

/** Write a file of a tree, taking its size and digest as it is written (so it need not be read again to seal the tree). */
export async function writeStoredFile(root: string, path: string, data: string | Uint8Array): Promise<StoredFile> {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  await writeFile(join(root, path), bytes);
  return { path, bytes: bytes.length, sha256: sha256Bytes(bytes) };
}

/** The case digest: SHA-256 over `sha256sum`-style lines of every input, sorted by path. */
export function caseDigest(inputs: readonly StoredFile[]): Digest {
  return sha256Bytes(digestLines(inputs));
}

export function digestLines(files: readonly StoredFile[]): string {
  return [...files]
    .sort((a, b) => byPath(a.path, b.path))
    .map((f) => `${hexOf(f.sha256)}  ${f.path}\n`)
    .join("");
}
