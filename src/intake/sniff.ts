/** File type from content (magic bytes), never from the extension. */
import type { MediaType } from "../model/evidence.js";

export function sniffMedia(head: Buffer): MediaType | undefined {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head.length >= 12 && head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return "webp";
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (head.subarray(0, 1024).toString("latin1").includes("%PDF-")) return "pdf";
  return undefined;
}

export const SUPPORTED_DESCRIPTION = "a PNG, JPEG or WebP image, or a PDF document";
