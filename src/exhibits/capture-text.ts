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
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import { readFile } from "../util/fs.js";

export async function captureText(caseDir: string, it: EvidenceItem, twin: Twin): Promise<ImageText | undefined> {
  if (!it.capture) return undefined;
  const rel = `${it.capture.folder}/${CAPTURE_FILES.text}`;
  let text: string;
  try {
    text = await readFile(join(caseDir, rel), "utf8");
  } catch (e) {
    throw new InvalidInputError({ file: rel }, `cannot read the capture's text boxes: ${(e as Error).message}`);
  }
  const { parseJson, textLayerSchema } = await import("../schema/records.js"); // zod: loaded when a record is read
  const parsed = parseJson(text, textLayerSchema);
  if (!parsed.ok) {
    const errors = parsed.problems.map((p) => {
      const where = { file: rel, ...(p.field ? { field: p.field } : {}) };
      return new InvalidInputError(where, `cannot read the capture's text boxes: ${p.message}`);
    });
    throw errors.length === 1 ? errors[0]! : new InvalidInputErrors(errors);
  }
  const layer: TextLayer = parsed.value;
  const offsetY = it.capture.record.bannerHeight;
  const regions = twin === "public" ? (it.redact ?? []) : [];
  const boxes = regions.length
    ? layer.boxes.filter(
        (b) =>
          !regions.some(
            (r) => b.x < r.x + r.width && b.x + b.width > r.x && b.y + offsetY < r.y + r.height && b.y + offsetY + b.height > r.y,
          ),
      )
    : layer.boxes;
  return { boxes, offsetY };
}
