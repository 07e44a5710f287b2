/**
 * Write a file and hash it in the same pass: each chunk is hashed as it goes to disk, so the recorded
 * digest is of the bytes written, not of a later re-read. The file is flushed to the disk before returning.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { Digest } from "../model/digest.js";

const CHUNK = 1 << 20;

export async function writeHashed(path: string, data: Uint8Array | string): Promise<{ bytes: number; sha256: Digest }> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const hash = createHash("sha256");
  const fh = await open(path, "wx");
  try {
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const chunk = bytes.subarray(at, Math.min(at + CHUNK, bytes.length));
      let written = 0;
      while (written < chunk.length) written += (await fh.write(chunk, written, chunk.length - written)).bytesWritten;
      hash.update(chunk);
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { bytes: bytes.length, sha256: `sha256:${hash.digest("hex")}` };
}
