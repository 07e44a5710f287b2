/** SHA-256 digests of files and buffers, computed as the bytes stream past (never a second read). */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Digest } from "../model/digest.js";

export function sha256Bytes(data: Uint8Array | string): Digest {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** The SHA-256 of pieces taken one after another (as they are written). */
export function sha256Pieces(pieces: readonly Uint8Array[]): Digest {
  const h = createHash("sha256");
  for (const p of pieces) h.update(p);
  return `sha256:${h.digest("hex")}`;
}

/** Hash a file by streaming it; returns the digest and the byte count seen. */
export async function sha256File(path: string): Promise<{ sha256: Digest; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: `sha256:${hash.digest("hex")}`, bytes };
}

/** The 64 hex digits of a digest, without the algorithm prefix. */
export function hexOf(d: Digest): string {
  return d.slice("sha256:".length);
}

/** A short form for page footers: the first 12 hex digits. */
export function shortHex(d: Digest): string {
  return hexOf(d).slice(0, 12);
}
