/**
 * Intake's look at an image: dimensions, EXIF orientation and capture time, and a full integrity check
 * (PNG: chunk CRCs and an inflate of the data; JPEG/WebP: a complete decode), so a damaged file is
 * refused at intake rather than half-rendered later.
 */
import { loadSharp } from "./sharp.js";
import { checkPngData, readPng } from "./png.js";
import { decodePngRows } from "./png-decode.js";
import { jpegFacts } from "./jpeg.js";
import { dimensionProblem, ImageBoundError, MAX_PIXELS } from "./limits.js";
import { webpDimensions } from "./webp-header.js";

export interface ImageFacts {
  width: number;
  height: number;
  orientation: number;
  /** EXIF DateTimeOriginal as written ("2025:03:14 10:22:05"), with its offset if the camera recorded one. */
  exifTime?: { local: string; offset?: string };
  camera?: string;
}

/** Thrown with a plain reason when an image is damaged or not what its header says. */
export class ImageDamagedError extends Error {}

export async function probeImage(data: Buffer, media: "png" | "jpeg" | "webp"): Promise<ImageFacts> {
  try {
    if (media === "png") {
      const info = readPng(data);
      bounded(info.width, info.height);
      if (info.interlaced) decodePngRows(info);
      else await checkPngData(info);
      return { width: info.width, height: info.height, orientation: 1 };
    }
    if (media === "jpeg") {
      const facts = jpegFacts(data);
      bounded(facts.width, facts.height);
    } else {
      const size = webpDimensions(data);
      if (size) bounded(size.width, size.height);
    }
    const sharp = await loadSharp();
    const { info } = await sharp(data, { limitInputPixels: MAX_PIXELS, failOn: "warning" }).raw().toBuffer({ resolveWithObject: true });
    const exif = await readExif(data);
    return { width: info.width, height: info.height, ...exif };
  } catch (e) {
    if (e instanceof ImageDamagedError || e instanceof ImageBoundError) throw e;
    throw new ImageDamagedError((e as Error).message.replace(/^Input buffer /, "").replace(/\s+/g, " "));
  }
}

/** Refuse an image whose header claims dimensions over the bounds, before anything decodes it. */
function bounded(width: number, height: number): void {
  const problem = dimensionProblem(width, height);
  if (problem) throw new ImageBoundError(problem);
}

async function readExif(data: Buffer): Promise<Pick<ImageFacts, "orientation" | "exifTime" | "camera">> {
  const { default: exifr } = await import("exifr"); // loaded when an image is probed (not when it is recalled)
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(data, {
      pick: ["DateTimeOriginal", "OffsetTimeOriginal", "Orientation", "Make", "Model"],
      reviveValues: false,
      translateValues: false,
    });
  } catch {
    tags = undefined; // unreadable EXIF is treated as no EXIF; the pixels were already checked
  }
  const orientation = typeof tags?.Orientation === "number" && tags.Orientation >= 1 && tags.Orientation <= 8 ? tags.Orientation : 1;
  const local = typeof tags?.DateTimeOriginal === "string" ? tags.DateTimeOriginal.trim() : undefined;
  const offset = typeof tags?.OffsetTimeOriginal === "string" ? tags.OffsetTimeOriginal.trim() : undefined;
  const camera =
    [tags?.Make, tags?.Model]
      .filter((v) => typeof v === "string")
      .join(" ")
      .trim() || undefined;
  return {
    orientation,
    exifTime: local && /^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/.test(local) ? { local, offset } : undefined,
    camera,
  };
}
