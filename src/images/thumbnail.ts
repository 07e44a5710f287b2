/** Small JPEG previews of chat attachments, as data: URIs for transcript pages (rendering allows no file access). */
import { loadSharp } from "./sharp.js";
import { MAX_PIXELS } from "./limits.js";
import type { AttachmentBurn } from "../model/redaction.js";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const THUMBNAIL_MAX_SIDE = 600;
const MAX_SIDE = THUMBNAIL_MAX_SIDE;
const QUALITY = 80;

let identity: string | undefined;

/** What a thumbnail depends on besides its image: the settings below and sharp's version (for keys of prints that show thumbnails). */
export function thumbnailIdentity(): string {
  return (identity ??= `sharp ${sharpVersion()}, jpeg q${QUALITY}, ${MAX_SIDE} px inside, rotated, on white, burns padded ${BURN_PAD} px`);
}

/** sharp's version from its package.json (which its exports do not expose), without loading sharp. */
function sharpVersion(): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve("sharp"));
    while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
    return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Pixels added around a burned region of a preview, on every side (the preview's own pixels). */
const BURN_PAD = 2;

/**
 * The preview of an image as a data: URI; with `burn`, its regions (in the oriented image's pixels) filled black in
 * the preview's pixels, before it is encoded: the public twin's picture never holds what was under them.
 */
export async function thumbnailDataUri(absPath: string, burn?: AttachmentBurn, maxSide = MAX_SIDE): Promise<string | undefined> {
  try {
    const sharp = await loadSharp();
    const { data, info } = await sharp(absPath, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (burn) burnRegions(data, info.width, info.height, info.channels, burn);
    const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .jpeg({ quality: QUALITY })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return undefined; // not an image we can preview (video, audio, damaged): the transcript names the file instead
  }
}

/** Fill `burn`'s regions, scaled from the oriented image to the preview and padded, with black. */
function burnRegions(data: Buffer, width: number, height: number, channels: number, burn: AttachmentBurn): void {
  const sx = width / burn.width;
  const sy = height / burn.height;
  for (const r of burn.regions) {
    const x0 = Math.max(0, Math.floor(r.x * sx) - BURN_PAD);
    const y0 = Math.max(0, Math.floor(r.y * sy) - BURN_PAD);
    const x1 = Math.min(width, Math.ceil((r.x + r.width) * sx) + BURN_PAD);
    const y1 = Math.min(height, Math.ceil((r.y + r.height) * sy) + BURN_PAD);
    for (let y = y0; y < y1; y++) data.fill(0, (y * width + x0) * channels, (y * width + x1) * channels);
  }
}
