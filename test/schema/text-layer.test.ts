/** The text.json schema (src/schema/text-layer.ts): a capture's visible text boxes. */
import { describe, expect, it } from "vitest";
import { describeProblem, parseJson } from "../../src/schema/json.js";
import { textLayerSchema } from "../../src/schema/text-layer.js";
import { textLayerSample } from "./samples.js";

function problems(spoil: (t: Record<string, any>) => void): string[] {
  const t = textLayerSample() as unknown as Record<string, any>;
  spoil(t);
  const r = parseJson(JSON.stringify(t), textLayerSchema);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe("textLayerSchema", () => {
  it("accepts the boxes as capture writes them, words or not", () => {
    const t = textLayerSample();
    expect(parseJson(JSON.stringify(t), textLayerSchema)).toEqual({ ok: true, value: t });
  });

  it("names the box and field that is wrong", () => {
    expect(problems((t) => (t.boxes = {}))).toEqual(["boxes: expected a list, got an object"]);
    expect(problems((t) => (t.boxes[1].x = "10"))).toEqual(['boxes[1].x: expected number, got "10"']);
    expect(problems((t) => (t.boxes[0].words = [0, "a"]))).toEqual(['boxes[0].words[1]: expected number, got "a"']);
    expect(problems((t) => delete t.boxes[0].text)).toEqual(["boxes[0].text: missing; this field is required"]);
    expect(problems((t) => (t.format = "other"))).toEqual(['format: expected "exhibits-text/1", got "other"']);
  });
});
