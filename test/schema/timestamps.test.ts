/** The timestamps.json schema (src/schema/timestamps.ts). */
import { describe, expect, it } from "vitest";
import { describeProblem, parseJson } from "../../src/schema/json.js";
import { timestampsFileSchema } from "../../src/schema/timestamps.js";
import { timestampsSample } from "./samples.js";

function problems(spoil: (t: Record<string, any>) => void): string[] {
  const t = timestampsSample() as unknown as Record<string, any>;
  spoil(t);
  const r = parseJson(JSON.stringify(t), timestampsFileSchema);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe("timestampsFileSchema", () => {
  it("accepts the record as the build writes it, with and without answers", () => {
    const t = timestampsSample();
    expect(parseJson(JSON.stringify(t), timestampsFileSchema)).toEqual({ ok: true, value: t });
    expect(parseJson(JSON.stringify({ ...t, tokens: [] }), timestampsFileSchema).ok).toBe(true);
  });

  it("names what is wrong, and refuses token paths that leave the bundle", () => {
    expect(problems((t) => (t.tokens[0].file = "../../root/.ssh/id_rsa"))).toEqual([
      "tokens[0].file: a path that leaves its folder (absolute, or with '..'); expected a relative path inside it",
    ]);
    expect(problems((t) => delete t.tokens[0].sha256)).toEqual(["tokens[0].sha256: missing; this field is required"]);
    expect(problems((t) => (t.manifest = "md5:00"))).toEqual(["manifest: expected sha256: followed by 64 lowercase hex digits"]);
    expect(problems((t) => (t.failures = [{ tsa: "x" }]))).toEqual([
      "failures[0].subject: missing; this field is required",
      "failures[0].error: missing; this field is required",
    ]);
  });

  it("judges another version on its version alone", () => {
    expect(problems((t) => ((t.version = 3), delete t.tokens))).toEqual(["version: unsupported version 3 (this tool reads version 1)"]);
  });
});
