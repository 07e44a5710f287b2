/**
 * Stage 2 (intake), shared by the image formats (PNG, JPEG, WebP): reading a screenshot or photo's dimensions,
 * orientation and EXIF capture time. The image itself is carried into the exhibit, never re-encoded here.
 */
import { probeImage, ImageBoundError, ImageDamagedError, type ImageFacts } from "../../../images/index.js";
import type { ImagePayload } from "../../../model/evidence.js";
import { InvalidInputError } from "../../../util/errors.js";
import { exifToUtc } from "../../../util/time.js";
import type { FormatReader, FormatReading, ImageProbe } from "../format.js";

type ImageMedia = "png" | "jpeg" | "webp";

/** Look at an image's bytes (dimensions, EXIF, integrity); a damaged image is an input error naming the file. */
export async function probeImageFile(data: Buffer, media: ImageMedia, shown: string, probe: ImageProbe = probeImage): Promise<ImageFacts> {
  try {
    return await probe(data, media);
  } catch (e) {
    if (e instanceof ImageDamagedError) throw new InvalidInputError({ file: shown }, `damaged ${media.toUpperCase()} image: ${e.message}`);
    if (e instanceof ImageBoundError) throw new InvalidInputError({ file: shown }, `${media.toUpperCase()} image refused: ${e.message}`);
    throw e;
  }
}

/** The reader of an image format: the facts of its one file, kept so a rebuild can recall them. */
export function imageReader(media: ImageMedia): FormatReader {
  return async ({ files: [file], timeZone, probeImage }, problems) =>
    problems.attempt(async () => {
      const facts = await probeImageFile(file.data, media, file.shown, probeImage);
      return { ...imageReading(facts, timeZone), imageFacts: facts };
    });
}

/** What intake takes from an image's facts: its payload, whether it looks like a photo, the EXIF capture time. */
export function imageReading(facts: ImageFacts, timeZone: string): FormatReading & { payload: ImagePayload } {
  const reading: FormatReading & { payload: ImagePayload } = {
    payload: { type: "image", width: facts.width, height: facts.height, orientation: facts.orientation },
    ...(facts.camera || facts.exifTime ? { kind: "photo" as const } : {}),
  };
  if (facts.exifTime) {
    const at = exifToUtc(facts.exifTime.local, facts.exifTime.offset, timeZone);
    if (at) {
      const camera = facts.camera ? ` (${facts.camera})` : "";
      const note = facts.exifTime.offset
        ? `EXIF DateTimeOriginal ${facts.exifTime.local} ${facts.exifTime.offset}${camera}`
        : `EXIF DateTimeOriginal ${facts.exifTime.local} with no offset recorded; read as ${timeZone} time${camera}`;
      reading.captured = { at, source: "exif", note, ...(facts.exifTime.offset ? { offset: facts.exifTime.offset } : {}) };
    }
  }
  return reading;
}
