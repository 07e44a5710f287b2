/** The custody entry schema (src/schema/custody.ts): one line of custody-log.jsonl. */
import { describe, expect, it } from "vitest";
import { CUSTODY_EVENTS } from "../../src/model/custody.js";
import { custodyEntrySchema } from "../../src/schema/custody.js";
import { checkJson, describeProblem } from "../../src/schema/json.js";
import { custodySample } from "./samples.js";

function problems(spoil: (e: Record<string, any>) => void): string[] {
  const e = custodySample() as unknown as Record<string, any>;
  spoil(e);
  const r = checkJson(e, custodyEntrySchema);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe("custodyEntrySchema", () => {
  it("accepts an entry as the build writes it, for every event", () => {
    for (const event of CUSTODY_EVENTS) expect(checkJson({ ...custodySample(), event }, custodyEntrySchema).ok).toBe(true);
  });

  it("keeps the entry exactly as written (the identity and CSV row are made from it)", () => {
    const e = custodySample();
    const r = checkJson(JSON.parse(JSON.stringify(e)), custodyEntrySchema);
    expect(r.ok && JSON.stringify(r.value)).toBe(JSON.stringify(e));
  });

  it("names an unknown event, a mistyped field, a missing one and one the build never writes", () => {
    expect(problems((e) => (e.event = "deleted"))).toEqual(["event: unknown event 'deleted'"]);
    expect(problems((e) => (e.seq = "1"))).toEqual(['seq: expected number, got "1"']);
    expect(problems((e) => (e.seq = 0))).toEqual(["seq: expected a number ≥ 1, got 0"]);
    expect(problems((e) => (e.details = { bytes: 1000 }))).toEqual(["details.bytes: expected string, got 1000"]);
    expect(problems((e) => (e.inputs = "sha256:…"))).toEqual(['inputs: expected a list, got "sha256:…"']);
    expect(problems((e) => delete e.prev)).toEqual(["prev: missing; this field is required"]);
    expect(problems((e) => (e.note = "edited by hand"))).toEqual(["unknown field 'note'"]);
  });
});
