/** Small JPEG previews of chat attachments, as data: URIs for transcript pages (rendering allows no file access). */
import { loadSharp } from "./sharp.js";
import { MAX_PIXELS } from "./limits.js";

export async function thumbnailDataUri(absPath: string, maxSide = 600): Promise<string | undefined> {
  try {
    const sharp = await loadSharp();
    const jpeg = await sharp(absPath, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 80 })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return undefined; // not an image we can preview (video, audio, damaged): the transcript names the file instead
  }
}
