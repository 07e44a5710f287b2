/** The manifest schema (src/schema/manifest.ts): what verify accepts as manifest.json, and how it names what is wrong. */
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/model/manifest.js";
import { describeProblem, parseJson } from "../../src/schema/json.js";
import { manifestSchema } from "../../src/schema/manifest.js";
import { manifestSample } from "./samples.js";

/** The problems of the sample manifest after `spoil`, as verify prints them after "manifest.json: ". */
function problems(spoil: (m: Record<string, any>) => void): string[] {
  const m = manifestSample() as unknown as Record<string, any>;
  spoil(m);
  const r = parseJson(JSON.stringify(m), manifestSchema);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe("manifestSchema", () => {
  it("accepts a manifest as the build writes it, unchanged", () => {
    const m: Manifest = manifestSample();
    expect(parseJson(JSON.stringify(m, null, 2), manifestSchema)).toEqual({ ok: true, value: m });
    const single = { ...m, twin: undefined, redactions: undefined, timestamps: [] };
    expect(parseJson(JSON.stringify(single), manifestSchema).ok).toBe(true);
  });

  it("names the entry and field that is wrong", () => {
    expect(problems((m) => (m.exhibits[0].bates.first = 7))).toEqual(["exhibits[0].bates.first: expected string, got 7"]);
    expect(problems((m) => delete m.exhibits[0].file)).toEqual(["exhibits[0].file: missing; this field is required"]);
    expect(problems((m) => (m.outputs[1].sha256 = "sha256:ABC"))).toEqual([
      "outputs[1].sha256: expected sha256: followed by 64 lowercase hex digits",
    ]);
    expect(problems((m) => (m.inputs[0].bytes = -1))).toEqual(["inputs[0].bytes: expected a number ≥ 0, got -1"]);
    expect(problems((m) => (m.bates.digits = 6.5))).toEqual(["bates.digits: expected a whole number, got 6.5"]);
    expect(problems((m) => (m.builtAtSource = "guess"))).toEqual([
      'builtAtSource: expected "SOURCE_DATE_EPOCH" or "asOf" or "clock", got "guess"',
    ]);
    expect(problems((m) => (m.twin = "draft"))).toEqual(['twin: expected "public" or "sealed", got "draft"']);
    expect(problems((m) => (m.exhibits = {}))).toEqual(["exhibits: expected a list, got an object"]);
  });

  it("refuses paths that leave the bundle (verify opens every listed path)", () => {
    const leaves = "a path that leaves its folder (absolute, or with '..'); expected a relative path inside it";
    expect(problems((m) => (m.outputs[0].path = "../../etc/passwd"))).toEqual([`outputs[0].path: ${leaves}`]);
    expect(problems((m) => (m.exhibits[0].file.path = "/tmp/x.pdf"))).toEqual([`exhibits[0].file.path: ${leaves}`]);
    expect(problems((m) => (m.bundle.file.path = ""))).toEqual(["bundle.file.path: expected a relative path, got an empty text"]);
  });

  it("refuses fields the build does not write", () => {
    expect(problems((m) => (m.signedBy = "someone"))).toEqual(["unknown field 'signedBy'"]);
    expect(problems((m) => (m.exhibits[0].note = "x"))).toEqual(["exhibits[0]: unknown field 'note'"]);
  });

  it("judges another version's manifest on its version alone", () => {
    expect(problems((m) => ((m.version = 2), delete m.bates))).toEqual([
      "version: unsupported manifest version 2 (this tool reads version 1)",
    ]);
    expect(problems((m) => delete m.version)).toEqual(["version: missing; this field is required"]);
    expect(parseJson("[]", manifestSchema)).toEqual({ ok: false, problems: [{ message: "expected an object, got a list" }] });
  });

  it("checks a builtAt time with its zone", () => {
    expect(problems((m) => (m.builtAt = "2026-01-01 00:00"))[0]).toMatch(/^builtAt: expected an ISO 8601 time with its zone/);
  });
});
