/**
 * Fill the signature placeholder of a PDF written by joinPdfParts: set /ByteRange to everything but the
 * /Contents hex string, hash those bytes as a stream, get the CMS signature over the digest from the
 * caller, and write it into /Contents. The file keeps its length, so no offset moves.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { SignatureSlot } from "./join-parts.js";

async function hashRange(path: string, start: number, end: number, hash: ReturnType<typeof createHash>): Promise<void> {
  if (end <= start) return;
  for await (const chunk of createReadStream(path, { start, end: end - 1 })) hash.update(chunk as Buffer);
}

export async function signWrittenPdf(path: string, slot: SignatureSlot, sign: (digest: Uint8Array) => Promise<Uint8Array>): Promise<void> {
  const size = (await stat(path)).size;
  const gapStart = slot.contentsAt;
  const gapEnd = slot.contentsAt + slot.contentsLength;
  const range = `0 ${gapStart} ${gapEnd} ${size - gapEnd}`.padEnd(slot.byteRangeWidth, " ");
  if (range.length > slot.byteRangeWidth) throw new Error("the PDF is too large for the signature's byte range field");
  const fh = await open(path, "r+");
  try {
    await fh.write(Buffer.from(range, "latin1"), 0, range.length, slot.byteRangeAt);
    await fh.sync();
    const hash = createHash("sha256");
    await hashRange(path, 0, gapStart, hash);
    await hashRange(path, gapEnd, size, hash);
    const cms = await sign(hash.digest());
    const hex = Buffer.from(cms).toString("hex").toUpperCase();
    if (hex.length > slot.contentsLength - 2)
      throw new Error(`the signature (${cms.length} bytes) is larger than the space reserved for it`);
    await fh.write(Buffer.from(hex, "latin1"), 0, hex.length, slot.contentsAt + 1);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
