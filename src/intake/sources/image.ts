/** Reader for screenshots and photos (PNG, JPEG, WebP): dimensions, orientation, EXIF capture time. */
import { probeImage, ImageDamagedError } from "../../images/index.js";
import type { ImagePayload } from "../../model/evidence.js";
import { InvalidInputError } from "../../util/errors.js";
import { exifToUtc } from "../../util/time.js";
import type { SourceReading } from "./reading.js";

export async function readImage(data: Buffer, media: "png" | "jpeg" | "webp", shown: string, timeZone: string): Promise<SourceReading<ImagePayload>> {
  let facts;
  try {
    facts = await probeImage(data, media);
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
