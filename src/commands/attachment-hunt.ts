/**
 * Stage 6 (redact) on the photos sent in chats, before the transcripts are laid out (stage 3): each photo attachment
 * shown as a picture in a transcript is read by OCR (the same engine, settings and word cache as stage 2b) and its
 * words are hunted like a screenshot's. A word a target touches is burned out of the public twin's picture of it;
 * the value joins the values hunted everywhere. A photo of a shipping label sent in a DM is as public as the
 * screenshot of a checkout page, and redacted the same way.
 */
import { join } from "node:path";
import { ocrWords } from "../cache/ocr-words.js";
import type { EntryStore } from "../cache/ports.js";
import { loadSharp } from "../images/sharp.js";
import { MAX_PIXELS } from "../images/limits.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { AttachmentBurn, PixelRegion } from "../model/redaction.js";
import type { ImagePayload } from "../model/evidence.js";
import { InvalidInputError } from "../util/errors.js";
import { mapLimit } from "../util/concurrency.js";
import { sha256File } from "../util/hash.js";
import { recogniseEvidence } from "../ocr/index.js";
import { regionsOfWords, type Redactor } from "../redact/index.js";

/** The photo attachments of the chats among `items`, each once: its case-relative path and the item it is in. */
function photoAttachments(items: readonly EvidenceItem[]): { path: string; item: EvidenceItem }[] {
  const seen = new Map<string, EvidenceItem>();
  for (const item of items) {
    if (item.payload.type !== "conversation") continue;
    for (const m of item.payload.conversation.messages)
      for (const a of m.attachments) if (a.kind === "photo" && a.path && !seen.has(a.path)) seen.set(a.path, item);
  }
  return [...seen].map(([path, item]) => ({ path, item }));
}

const sidecarField = (item: EvidenceItem, field: string) => ({ file: item.sidecar?.path ?? "case.yaml", field });

/**
 * The boxes typed in chats' sidecars (`redactPhotos`), by photo path; a box for a file that is not a photo sent in
 * that chat is refused, naming the sidecar and the key (a box that burns nothing must not pass for a redaction).
 */
function typedRegions(items: readonly EvidenceItem[]): Map<string, PixelRegion[]> {
  const out = new Map<string, PixelRegion[]>();
  for (const item of items) {
    for (const [path, regions] of Object.entries(item.redactPhotos ?? {})) {
      const name = path.split("/").pop()!;
      if (!photoAttachments([item]).some((p) => p.path === path))
        throw new InvalidInputError(
          sidecarField(item, `redactPhotos.${name}`),
          `expected the path of a photo sent in this chat, relative to the export's folder (${path} is not one)`,
        );
      out.set(path, regions);
    }
  }
  return out;
}

/** The photo as an image item of its own (for OCR): its size and EXIF orientation, or undefined when it cannot be read. */
async function asImageItem(caseDir: string, path: string, item: EvidenceItem): Promise<EvidenceItem | undefined> {
  try {
    // A chat export's photos are its related files; a WhatsApp chat's are added to it only after its text is read.
    const file = item.related?.find((r) => r.path === path) ?? { path, ...(await sha256File(join(caseDir, path))) };
    const sharp = await loadSharp();
    const meta = await sharp(join(caseDir, path), { limitInputPixels: MAX_PIXELS }).metadata();
    if (!meta.width || !meta.height) return undefined;
    return {
      ...item,
      id: path,
      source: file,
      capture: undefined,
      payload: { type: "image", width: meta.width, height: meta.height, orientation: meta.orientation ?? 1 },
    };
  } catch {
    return undefined; // not a picture we can read: the transcript names the file and shows no preview of it
  }
}

/**
 * The regions to burn out of each chat photo's public picture, by the photo's path (only photos with a hit), as
 * boxes in the photo's pixels after its EXIF orientation is applied. Nothing when OCR is off or not installed (the
 * OCR stage says so).
 */
export async function huntChatPhotos(
  loaded: LoadedCase,
  items: readonly EvidenceItem[],
  store: EntryStore,
  redactor: Redactor,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Map<string, AttachmentBurn>> {
  const burns = new Map<string, AttachmentBurn>();
  const photos = photoAttachments(items);
  const typed = typedRegions(items);
  if (photos.length === 0) return burns;
  const read = await mapLimit(photos, 8, (p) => asImageItem(loaded.dir, p.path, p.item));
  // A photo with boxes typed for it must be read to be burned: one that cannot be is an error, never a silent skip.
  read.forEach((image, i) => {
    const p = photos[i]!;
    if (!image && typed.has(p.path))
      throw new InvalidInputError(
        sidecarField(p.item, `redactPhotos.${p.path.split("/").pop()}`),
        "the photo cannot be read as an image (a format the tool does not decode, or a damaged file), so these boxes cannot be " +
          "burned into it: convert the photo to JPEG or PNG in the export, or withhold the chat",
      );
  });
  const images = read.filter((i): i is EvidenceItem => i !== undefined);
  for (const image of images) {
    const regions = typed.get(image.id);
    if (!regions) continue;
    const p = image.payload as ImagePayload;
    const [width, height] = p.orientation >= 5 ? [p.height, p.width] : [p.width, p.height];
    const outside = regions.findIndex((r) => r.x + r.width > width || r.y + r.height > height);
    if (outside >= 0) {
      const r = regions[outside]!;
      throw new InvalidInputError(
        sidecarField(image, `redactPhotos.${image.id.split("/").pop()}[${outside}]`),
        `the box (x ${r.x}, y ${r.y}, ${r.width}×${r.height}) reaches outside the photo, which is ${width} × ${height} px as shown`,
      );
    }
    burns.set(image.id, { width, height, regions });
  }
  if (loaded.config.ocr.mode === "off") return burns;
  const layer = await recogniseEvidence(images, {
    caseDir: loaded.dir,
    mode: loaded.config.ocr.mode === "required" ? "required" : "auto",
    languages: loaded.config.ocr.languages,
    memo: ocrWords(store, env),
    env,
  });
  for (const image of images) {
    const page = layer.items.get(image.id)?.pages[0];
    if (!page) continue;
    const regions = regionsOfWords(page.words, redactor, "ocr");
    const before = burns.get(image.id)?.regions ?? [];
    if (regions.length > 0) burns.set(image.id, { width: page.width, height: page.height, regions: [...before, ...regions] });
  }
  return burns;
}
