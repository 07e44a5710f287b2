/** parseJson and checkJson (src/schema/json.ts): JSON text → a validated value, or problems naming the field. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkJson, describeProblem, fieldName, parseJson } from "../../src/schema/json.js";

const schema = z.strictObject({
  name: z.string(),
  count: z.number().int().min(1),
  kind: z.enum(["a", "b"]),
  tags: z.array(z.string()).min(1),
  nested: z.strictObject({ list: z.array(z.strictObject({ value: z.number() })) }),
  id: z.string().regex(/^x/, "expected an id starting with x").optional(),
});
const good = { name: "n", count: 2, kind: "a", tags: ["t"], nested: { list: [{ value: 1 }] } };

describe("parseJson", () => {
  it("returns the validated value", () => {
    expect(parseJson(JSON.stringify(good), schema)).toEqual({ ok: true, value: good });
  });

  it("says text that is not JSON is not valid JSON, for the whole value", () => {
    const r = parseJson("{ not json", schema);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].field).toBeUndefined();
      expect(r.problems[0].message).toMatch(/^not valid JSON \(.+\)$/);
    }
  });

  it("names every field that is wrong, with what was expected and what was found", () => {
    const bad = { name: 7, count: 0, kind: "c", tags: [], nested: { list: [{ value: 1 }, { value: "2" }] }, id: "y", extra: true };
    const r = checkJson(bad, schema);
    expect(r.ok ? [] : r.problems.map(describeProblem)).toEqual([
      "name: expected string, got 7",
      "count: expected a number ≥ 1, got 0",
      'kind: expected "a" or "b", got "c"',
      "tags: expected at least 1 item",
      'nested.list[1].value: expected number, got "2"',
      "id: expected an id starting with x",
      "unknown field 'extra'",
    ]);
  });

  it("says a missing field is missing, and shows lists, objects, null and long texts briefly", () => {
    const r = checkJson({ name: null, count: [1], kind: {}, tags: ["t"], nested: { list: "x".repeat(100) } }, schema);
    expect(r.ok ? [] : r.problems.map(describeProblem)).toEqual([
      "name: expected string, got null",
      "count: expected number, got a list",
      'kind: expected "a" or "b", got an object',
      `nested.list: expected a list, got "${"x".repeat(39)}…"`,
    ]);
    const missing = checkJson({ count: 1, kind: "a", tags: ["t"], nested: { list: [] } }, schema);
    expect(missing.ok ? [] : missing.problems).toEqual([{ field: "name", message: "missing; this field is required" }]);
    const whole = checkJson([good], schema);
    expect(whole.ok ? [] : whole.problems).toEqual([{ message: "expected an object, got a list" }]);
  });
});

describe("fieldName", () => {
  it("writes a path as a user reads it", () => {
    expect(fieldName(["exhibits", 0, "bates", "first"])).toBe("exhibits[0].bates.first");
    expect(fieldName([0, "a"])).toBe("[0].a");
    expect(fieldName([])).toBe("");
  });
});
