/** The provenance record schema (src/schema/provenance.ts): the JSON in an exhibit PDF's /ExhibitsProvenance. */
import { describe, expect, it } from "vitest";
import { describeProblem, parseJson } from "../../src/schema/json.js";
import { exhibitProvenanceSchema } from "../../src/schema/provenance.js";
import { provenanceSample } from "./samples.js";

function problems(spoil: (p: Record<string, any>) => void): string[] {
  const p = provenanceSample() as unknown as Record<string, any>;
  spoil(p);
  const r = parseJson(JSON.stringify(p), exhibitProvenanceSchema);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe("exhibitProvenanceSchema", () => {
  it("accepts the record as the build writes it, for a whole exhibit and for a part", () => {
    const p = provenanceSample();
    expect(parseJson(JSON.stringify(p), exhibitProvenanceSchema)).toEqual({ ok: true, value: p });
    const whole = { ...p, volume: undefined, twin: undefined };
    expect(parseJson(JSON.stringify(whole), exhibitProvenanceSchema).ok).toBe(true);
  });

  it("names what is wrong", () => {
    expect(problems((p) => (p.format = "exhibits-provenance/2"))).toEqual([
      'format: expected "exhibits-provenance/1", got "exhibits-provenance/2"',
    ]);
    expect(problems((p) => (p.sources[1].sha256 = "deadbeef"))).toEqual([
      "sources[1].sha256: expected sha256: followed by 64 lowercase hex digits",
    ]);
    expect(problems((p) => (p.sources[0].attached = "yes"))).toEqual(['sources[0].attached: expected boolean, got "yes"']);
    expect(problems((p) => (p.sources = null))).toEqual(["sources: expected a list, got null"]);
    expect(problems((p) => (p.volume = { part: 0, of: 2 }))).toEqual(["volume.part: expected a number ≥ 1, got 0"]);
    expect(problems((p) => (p.sources[0].path = "../secret.txt"))).toEqual([
      "sources[0].path: a path that leaves its folder (absolute, or with '..'); expected a relative path inside it",
    ]);
  });
});
