/** captureText (src/commands/exhibit-natives.ts): a capture's text.json, read through its schema and placed on the exhibit image. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureText } from "../../src/exhibits/capture-text.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";
import { captureRecordSample, textLayerSample } from "../schema/samples.js";

const FOLDER = "evidence/kpg/20261125T171524Z-shop.example-item-123";

function caseWith(text: string): { dir: string; item: EvidenceItem } {
  const dir = mkdtempSync(join(tmpdir(), "exhibits-text-"));
  mkdirSync(join(dir, FOLDER), { recursive: true });
  writeFileSync(join(dir, FOLDER, "text.json"), text);
  const record = { ...captureRecordSample(), bannerHeight: 40 };
  const item = {
    id: `${FOLDER}/screenshot.png`,
    capture: { folder: FOLDER, record },
    redact: [{ x: 0, y: 50, width: 400, height: 20 }],
  } as unknown as EvidenceItem;
  return { dir, item };
}

describe("captureText", () => {
  it("places the boxes below the banner; the public twin leaves out text under a redaction", async () => {
    const layer = textLayerSample();
    const { dir, item } = caseWith(JSON.stringify(layer));
    expect(await captureText(dir, item, "sealed")).toEqual({ boxes: layer.boxes, offsetY: 40 });
    // Box 0 spans y 20–38 (+40 = 60–78): under the region 50–70. Box 1 spans 40–58 (+40 = 80–98): clear of it.
    expect(await captureText(dir, item, "public")).toEqual({ boxes: [layer.boxes[1]], offsetY: 40 });
  });

  it("refuses a malformed text.json naming the file and the field", async () => {
    const { dir, item } = caseWith(JSON.stringify({ ...textLayerSample(), boxes: [{ x: 1, y: 2, width: 3, height: "4", text: "a" }] }));
    await expect(captureText(dir, item, "sealed")).rejects.toThrow(
      new InvalidInputError(
        { file: `${FOLDER}/text.json`, field: "boxes[0].height" },
        `cannot read the capture's text boxes: expected number, got "4"`,
      ),
    );
    const two = caseWith(JSON.stringify({ format: "exhibits-text/1", width: 1, height: 1 }));
    await expect(captureText(two.dir, two.item, "sealed")).rejects.toBeInstanceOf(InvalidInputError);
    const notJson = caseWith("{");
    await expect(captureText(notJson.dir, notJson.item, "sealed")).rejects.toThrow(
      /text\.json: cannot read the capture's text boxes: not valid JSON \(/,
    );
    const many = caseWith(JSON.stringify({ format: "exhibits-text/2", width: "1", height: 1, boxes: [] }));
    await expect(captureText(many.dir, many.item, "sealed")).rejects.toBeInstanceOf(InvalidInputErrors);
  });
});
