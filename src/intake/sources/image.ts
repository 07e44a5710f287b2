/** Reader for screenshots and photos (PNG, JPEG, WebP): dimensions, orientation, EXIF capture time. */
import { probeImage, ImageDamagedError, type ImageFacts } from "../../images/index.js";
import type { ImagePayload } from "../../model/evidence.js";
import { InvalidInputError } from "../../util/errors.js";
import { exifToUtc } from "../../util/time.js";
import type { SourceReading } from "./reading.js";

/** How intake looks at an image: probeImage, or the build cache's memo of it (by the image's SHA-256). */
export type ImageProbe = (data: Buffer, media: "png" | "jpeg" | "webp") => Promise<ImageFacts>;

export async function readImage(data: Buffer, media: "png" | "jpeg" | "webp", shown: string, timeZone: string, probe: ImageProbe = probeImage): Promise<SourceReading<ImagePayload>> {
  let facts;
  try {
    facts = await probe(data, media);
  } catch (e) {
    if (e instanceof ImageDamagedError) throw new InvalidInputError({ file: shown }, `damaged ${media.toUpperCase()} image: ${e.message}`);
    throw e;
  }
  const reading: SourceReading<ImagePayload> = {
    payload: { type: "image", width: facts.width, height: facts.height, orientation: facts.orientation },
    looksLikePhoto: Boolean(facts.camera || facts.exifTime),
  };
  if (facts.exifTime) {
    const at = exifToUtc(facts.exifTime.local, facts.exifTime.offset, timeZone);
    if (at) {
      reading.capturedAt = at;
      reading.capturedAtNote = facts.exifTime.offset
        ? `EXIF DateTimeOriginal ${facts.exifTime.local} ${facts.exifTime.offset}${facts.camera ? ` (${facts.camera})` : ""}`
        : `EXIF DateTimeOriginal ${facts.exifTime.local} with no offset recorded; read as ${timeZone} time${facts.camera ? ` (${facts.camera})` : ""}`;
    }
  }
  return reading;
}
