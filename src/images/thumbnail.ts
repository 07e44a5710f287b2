/** Small JPEG previews of chat attachments, as data: URIs for transcript pages (rendering allows no file access). */
import { loadSharp } from "./sharp.js";
import { MAX_PIXELS } from "./limits.js";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const MAX_SIDE = 600;
const QUALITY = 80;

let identity: string | undefined;

/** What a thumbnail depends on besides its image: the settings below and sharp's version (for keys of prints that show thumbnails). */
export function thumbnailIdentity(): string {
  return (identity ??= `sharp ${sharpVersion()}, jpeg q${QUALITY}, ${MAX_SIDE} px inside, rotated, on white`);
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

export async function thumbnailDataUri(absPath: string, maxSide = MAX_SIDE): Promise<string | undefined> {
  try {
    const sharp = await loadSharp();
    const jpeg = await sharp(absPath, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: QUALITY })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return undefined; // not an image we can preview (video, audio, damaged): the transcript names the file instead
  }
}
