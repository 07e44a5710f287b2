/**
 * The case.yaml editor of the review page (schema/case-edit.ts): a new `evidence:` entry is appended after the last
 * one with every other line, comment and key kept as written; an entry's title, description and marks are set in
 * place; what the build would refuse (an unknown kind, an empty title, a bad URL) is refused here by the same schema,
 * naming the field, and nothing is returned to write.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { addEvidenceEntry, type CaseEdit, editEvidenceEntry } from "../../src/schema/case-edit.js";

const CASE = readFileSync(join(import.meta.dirname, "../../fixtures/cases/valentino-v-kaitlyn-pan/case.yaml"), "utf8");
const SHOWN = "case/case.yaml";
const COMMENTS = CASE.split("\n").filter((l) => l.trim().startsWith("#"));

const GROUP = {
  files: ["evidence/studline/01-website-product.png", "evidence/studline/02-website-checkout.png"],
  defendant: "studline",
  title: "Test purchase from Studline Outlet",
  kind: "purchase",
};

function ok(r: CaseEdit): { text: string; index: number } {
  if ("problems" in r) throw new Error(JSON.stringify(r.problems));
  return r;
}

describe("addEvidenceEntry", () => {
  it("appends the entry after the last one, keeping every comment and every other line", () => {
    const r = ok(addEvidenceEntry(CASE, SHOWN, GROUP));
    expect(r.index).toBe(2);
    const evidence = (parse(r.text) as { evidence: unknown[] }).evidence;
    expect(evidence).toHaveLength(3);
    expect(evidence[2]).toEqual(GROUP);
    for (const c of COMMENTS) expect(r.text).toContain(c);
    // Every line before the evidence list's end is as it was; the rest of the file follows unchanged.
    const before = CASE.split("\n");
    const after = r.text.split("\n");
    const added = after.length - before.length;
    expect(added).toBeGreaterThanOrEqual(6);
    const start = after.findIndex((l, i) => l !== before[i]);
    expect(after.slice(0, start)).toEqual(before.slice(0, start));
    expect(after.slice(start + added)).toEqual(before.slice(start));
    expect(after.slice(start, start + added).join("\n")).toContain("title: Test purchase from Studline Outlet");
  });

  it("creates the list when case.yaml has none", () => {
    const text = "# my case\nid: x\n";
    const r = addEvidenceEntry(text, SHOWN, GROUP);
    // The rest of case.yaml is missing, so the schema refuses it, naming a field; the entry itself was added.
    expect("problems" in r && r.problems.some((p) => p.field === "caption")).toBe(true);
  });

  it("refuses a kind the schema does not know, naming the new entry's field", () => {
    const r = addEvidenceEntry(CASE, SHOWN, { ...GROUP, kind: "shopping" });
    expect("problems" in r).toBe(true);
    if (!("problems" in r)) return;
    expect(r.problems[0]!.field).toBe("evidence[2].kind");
  });

  it("refuses a defendant id that is not an id", () => {
    const r = addEvidenceEntry(CASE, SHOWN, { ...GROUP, defendant: "Studline Outlet!" });
    expect("problems" in r && r.problems[0]!.field === "evidence[2].defendant").toBe(true);
  });
});

describe("editEvidenceEntry", () => {
  it("sets an entry's title and marks in place and leaves the other entries and comments alone", () => {
    const r = ok(editEvidenceEntry(CASE, SHOWN, 0, { title: "Test purchase received in Chicago", marks: ["rockstud"] }));
    const evidence = (parse(r.text) as { evidence: Record<string, unknown>[] }).evidence;
    expect(evidence[0]!.title).toBe("Test purchase received in Chicago");
    expect(evidence[0]!.marks).toEqual(["rockstud"]);
    expect(evidence[0]!.orders).toEqual(["114-7730215-6620491"]);
    expect(evidence[1]).toEqual((parse(CASE) as { evidence: unknown[] }).evidence[1]);
    for (const c of COMMENTS) expect(r.text).toContain(c);
    const changed = r.text.split("\n").filter((l) => !CASE.split("\n").includes(l));
    expect(changed).toEqual(["    title: Test purchase received in Chicago", "    marks: [rockstud]"]);
  });

  it("removes a description set to empty, and refuses an empty title (the schema wants one)", () => {
    const r = ok(editEvidenceEntry(CASE, SHOWN, 1, { description: "" }));
    expect((parse(r.text) as { evidence: Record<string, unknown>[] }).evidence[1]!.description).toBeUndefined();
    const bad = editEvidenceEntry(CASE, SHOWN, 0, { reachedVia: { url: "not a url", how: "dm-link" } });
    expect("problems" in bad && bad.problems.some((p) => p.field === "evidence[0].reachedVia.url")).toBe(true);
  });

  it("refuses an index past the list", () => {
    const r = editEvidenceEntry(CASE, SHOWN, 7, { title: "x" });
    expect(r).toEqual({ problems: [{ field: "evidence[7]", message: expect.stringContaining("no such entry") }] });
  });
});
