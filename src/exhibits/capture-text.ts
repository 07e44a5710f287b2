/**
 * The text boxes of a live capture (text.json), placed on the exhibit's screenshot as its invisible text layer
 * (below the banner, when there is one). In the public twin, text under a redacted region is left out: hidden
 * pixels must not stay searchable.
 */
import { join } from "node:path";
import { CAPTURE_FILES, type TextLayer } from "../model/capture.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { Twin } from "../model/twin.js";
import type { ImageText } from "../pdf/text-layer.js";
import { InvalidInputError } from "../util/errors.js";
import { readFile } from "../util/fs.js";

export async function captureText(caseDir: string, it: EvidenceItem, twin: Twin): Promise<ImageText | undefined> {
  if (!it.capture) return undefined;
  const rel = `${it.capture.folder}/${CAPTURE_FILES.text}`;
  let layer: TextLayer;
  try {
    layer = JSON.parse(await readFile(join(caseDir, rel), "utf8")) as TextLayer;
  } catch (e) {
    throw new InvalidInputError({ file: rel }, `cannot read the capture's text boxes: ${(e as Error).message}`);
  }
  if (!Array.isArray(layer.boxes)) throw new InvalidInputError({ file: rel, field: "boxes" }, "expected a list of text boxes");
  const offsetY = it.capture.record.bannerHeight;
  const regions = twin === "public" ? (it.redact ?? []) : [];
  const boxes = regions.length
    ? layer.boxes.filter((b) => !regions.some((r) => b.x < r.x + r.width && b.x + b.width > r.x && b.y + offsetY < r.y + r.height && b.y + offsetY + b.height > r.y))
    : layer.boxes;
  return { boxes, offsetY };
}
