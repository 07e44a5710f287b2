/**
 * The capture.json schema (src/schema/capture.ts), applied as intake applies it (parseYaml: capture.json is
 * JSON, which is YAML), so a damaged record is refused naming file, line and field.
 */
import { describe, expect, it } from "vitest";
import { captureRecordSchema } from "../../src/schema/capture.js";
import { parseYaml } from "../../src/schema/validate.js";
import { captureRecordSample } from "./samples.js";

const FILE = "evidence/kpg/20261125T171524Z-shop.example-item-123/capture.json";

function errorsOf(spoil: (r: Record<string, any>) => void): string[] {
  const r = captureRecordSample() as unknown as Record<string, any>;
  spoil(r);
  const parsed = parseYaml(JSON.stringify(r, null, 2), FILE, captureRecordSchema);
  return "errors" in parsed ? parsed.errors.map((e) => e.message) : [];
}

describe("captureRecordSchema", () => {
  it("accepts a record as capture writes it, unchanged", () => {
    const record = captureRecordSample();
    const parsed = parseYaml(JSON.stringify(record, null, 2), FILE, captureRecordSchema);
    expect("errors" in parsed ? parsed.errors : parsed.value).toEqual(record);
  });

  it("names file, line and field of what is wrong", () => {
    const spoilt = JSON.stringify({ ...captureRecordSample(), files: { "text.json": { bytes: 50, sha256: "sha256:xyz" } } }, null, 2).split(
      "\n",
    );
    const line = spoilt.findIndex((l) => l.includes('"sha256:xyz"')) + 1;
    const column = spoilt[line - 1]!.indexOf('"sha256:xyz"') + 1;
    expect(errorsOf((r) => (r.files = { "text.json": { bytes: 50, sha256: "sha256:xyz" } }))).toEqual([
      `${FILE}:${line}:${column} (field files.text.json.sha256): expected sha256: followed by 64 lowercase hex digits`,
    ]);
    expect(errorsOf((r) => (r.format = "exhibits-capture/2"))[0]).toContain('(field format): expected "exhibits-capture/1"');
    expect(errorsOf((r) => (r.startedAt = "yesterday"))[0]).toContain("(field startedAt): expected an ISO 8601 time with its zone");
    expect(errorsOf((r) => (r.exhibitImage = "other.png"))[0]).toContain("(field exhibitImage)");
    expect(errorsOf((r) => (r.files["capture.json"] = { bytes: 1, sha256: r.files["text.json"].sha256 }))[0]).toContain(
      "capture.json cannot list itself",
    );
    expect(errorsOf((r) => (r.files["../x"] = { bytes: 1, sha256: r.files["text.json"].sha256 }))[0]).toContain(
      "expected a plain file name inside the capture folder",
    );
    expect(errorsOf((r) => delete r.operator)[0]).toContain("(field operator): missing; this field is required");
  });
});
