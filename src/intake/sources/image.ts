/** Reader for screenshots and photos (PNG, JPEG, WebP): dimensions, orientation, EXIF capture time. */
import { probeImage, ImageDamagedError, type ImageFacts } from "../../images/index.js";
import type { ImagePayload } from "../../model/evidence.js";
import type { EvidenceMeta } from "../../model/case.js";
import { InvalidInputError } from "../../util/errors.js";
import { exifToUtc } from "../../util/time.js";
import type { SourceReading } from "./reading.js";
import type { Stats } from "node:fs";
import type { Digest } from "../../model/digest.js";

/** How intake looks at an image: probeImage, or the build cache's memo of it (by the image's SHA-256). */
export type ImageProbe = (data: Buffer, media: "png" | "jpeg" | "webp") => Promise<ImageFacts>;

/** Look at an image's bytes (dimensions, EXIF, integrity); a damaged image is an input error naming the file. */
export async function probeImageFile(data: Buffer, media: "png" | "jpeg" | "webp", shown: string, probe: ImageProbe = probeImage): Promise<ImageFacts> {
  try {
    return await probe(data, media);
  } catch (e) {
    if (e instanceof ImageDamagedError) throw new InvalidInputError({ file: shown }, `damaged ${media.toUpperCase()} image: ${e.message}`);
    throw e;
  }
}

export async function readImage(data: Buffer, media: "png" | "jpeg" | "webp", shown: string, timeZone: string, probe: ImageProbe = probeImage): Promise<SourceReading<ImagePayload>> {
  return imageReading(await probeImageFile(data, media, shown, probe), timeZone);
}

/** What intake takes from an image's facts: its payload, whether it looks like a photo, the EXIF capture time. */
export function imageReading(facts: ImageFacts, timeZone: string): SourceReading<ImagePayload> {
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

/** What intake learnt from reading an evidence image; the build cache keeps it so a rebuild need not read it again. */
export interface KnownImage {
  bytes: number;
  sha256: Digest;
  media: "png" | "jpeg" | "webp";
  facts: ImageFacts;
}

/** What reading a sidecar gave: its size, digest and validated metadata. */
export interface KnownSidecar {
  bytes: number;
  sha256: Digest;
  meta?: EvidenceMeta;
}

/** Where intake recalls and records what it learnt from files (the build cache's KnownSources). */
export interface KnownFiles {
  /** The recorded facts of the image at `abs`, when it is unchanged since they were recorded. */
  lookup(abs: string): Promise<KnownImage | undefined>;
  /** Record facts learnt from `abs`, with its stat taken before it was read. */
  remember(abs: string, before: Stats | undefined, image: KnownImage): void;
  /** The same for a sidecar. */
  lookupSidecar(abs: string): Promise<KnownSidecar | undefined>;
  rememberSidecar(abs: string, before: Stats | undefined, sidecar: KnownSidecar): void;
  /**
   * Whole readings: what reading a candidate (one file, or a thread or capture folder) gave, recalled when
   * none of the files it came from changed (`files`: absolute paths, sidecars included, existing or not)
   * and case.yaml is the same. Optional: without them every candidate is read (its images and sidecars may
   * still be recalled one by one).
   */
  readings?: KnownReadings;
}

/** The stat of each file a reading came from, taken before reading (see KnownReadings.before). */
export type FileStamps = readonly (readonly number[] | null)[];

export interface KnownReadings {
  /**
   * The reading recorded for exactly these files, when every one still has its recorded stat, with a digest
   * that names it (the same one remember() gave when it was recorded).
   */
  recall<T>(files: readonly string[]): { reading: T; digest: string } | undefined;
  /**
   * Whether these files have certainly changed since their reading was recorded, by a quick look at their
   * sizes (a file appeared, went, or changed size): a change known before anything is read. A file of the
   * same size may still have changed, and a new file has no reading: those are found when they are read.
   */
  certainlyChanged(files: readonly string[]): boolean;
  /** The files' stats now: taken before reading them, and recorded with the reading. */
  before(files: readonly string[]): FileStamps;
  /**
   * Record a reading (copied now: later changes to it are not recorded). `differs` is false when it is the
   * reading already recorded for these files (read again only because a stat changed); `digest` names it.
   */
  remember(files: readonly string[], stamps: FileStamps, reading: unknown): { differs: boolean; digest: string };
}
