/**
 * case.yaml written from the review page (review/case-write.ts, commands/review-edits.ts): a group of two items of one
 * defendant becomes a new evidence entry (comments kept, digests before and after, a custody `edited` entry naming
 * case.yaml); items of different defendants, of none, already in an entry, or fewer than two are refused naming the
 * field, and nothing is written; an item whose title comes from its entry has the title edited in the entry, the rest
 * of its fields in its sidecar; an unchanged form writes nothing.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { editItem, groupItems } from "../../src/commands/review-edits.js";
import type { ReviewItem } from "../../src/review/types.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/cases/valentino-v-kaitlyn-pan");
const MARKS = new Set(["rockstud", "v-logo", "stud-design"]);
const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

function caseCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "review-case-")), "case");
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const item = (path: string, more: Partial<ReviewItem> = {}): ReviewItem => ({
  id: path,
  path,
  sidecar: `${path}.meta.yaml`,
  kind: "screenshot",
  title: path,
  marks: [],
  redact: [],
  ...more,
});

const PRODUCT = item("evidence/studline/01-website-product.png", { defendantId: "studline", kind: "listing" });
const CHECKOUT = item("evidence/studline/02-website-checkout.png", { defendantId: "studline", kind: "purchase" });
const LISTING = item("evidence/kpg/01-amazon-listing.png", { defendantId: "kpg" });
const REGISTRATIONS = item("evidence/00-trademark-registrations.pdf");
const BOX = item("evidence/kpg/03-test-buy/05-received-box.jpg", {
  defendantId: "kpg",
  kind: "photo",
  title: "Test purchase shipped to Chicago, Illinois (order 114-7730215-6620491)",
  marks: ["rockstud"],
  entry: { index: 0, fields: ["title", "description"], files: 5, line: 165 },
});
const ITEMS = new Map([PRODUCT, CHECKOUT, LISTING, REGISTRATIONS, BOX].map((i) => [i.id, i]));

const custody = (dir: string) =>
  existsSync(join(dir, "custody-log.jsonl"))
    ? readFileSync(join(dir, "custody-log.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .filter((e) => e.event === "edited")
    : [];

describe("grouping items as a test buy", () => {
  it("writes a new entry with the comments kept and logs the edit of case.yaml", async () => {
    const dir = caseCopy();
    const before = readFileSync(join(dir, "case.yaml"));
    const ctx = { dir, shownDir: "case", markIds: MARKS, operator: "P. Alegal" };
    const r = await groupItems(ctx, ITEMS, { ids: [PRODUCT.id, CHECKOUT.id], title: "Test purchase from Studline Outlet" });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const after = readFileSync(join(dir, "case.yaml"));
    expect(after.toString()).toContain("# A second test buy from the same order-history export");
    expect((parse(after.toString()) as { evidence: unknown[] }).evidence[2]).toEqual({
      files: [PRODUCT.path, CHECKOUT.path],
      defendant: "studline",
      kind: "purchase",
      title: "Test purchase from Studline Outlet",
    });
    expect(r.written).toEqual({ path: "case.yaml", before: sha(before), after: sha(after), entry: "evidence[2]", fields: ["evidence"] });
    const [edit] = custody(dir);
    expect(edit).toMatchObject({ item_id: "case.yaml", actor: "P. Alegal", inputs: [sha(before)], outputs: [sha(after)] });
    expect(edit.details).toMatchObject({ file: "case.yaml", entry: "evidence[2]", files: `${PRODUCT.path}, ${CHECKOUT.path}` });
  });

  it("refuses items of different defendants, of none, already in an entry, or a single one — writing nothing", async () => {
    const dir = caseCopy();
    const before = readFileSync(join(dir, "case.yaml"));
    const ctx = { dir, shownDir: "case", markIds: MARKS };
    const group = (ids: string[]) => groupItems(ctx, ITEMS, { ids, title: "Test purchase" });
    const fields = async (ids: string[]) => {
      const r = await group(ids);
      return r.ok ? [] : r.problems.map((p) => p.field);
    };
    expect(await fields([PRODUCT.id, LISTING.id])).toEqual(["defendant"]);
    expect(await fields([PRODUCT.id, REGISTRATIONS.id])).toEqual(["defendant"]);
    expect(await fields([LISTING.id, BOX.id])).toEqual(["files[1]"]);
    expect(await fields([PRODUCT.id])).toEqual(["files"]);
    expect(await fields([PRODUCT.id, "evidence/none.png"])).toEqual(["files[1]"]);
    const mixed = await group([PRODUCT.id, LISTING.id]);
    expect(!mixed.ok && mixed.problems[0]!.message).toMatch(/different defendants \(studline: .*; kpg: .*\)/);
    expect(readFileSync(join(dir, "case.yaml")).equals(before)).toBe(true);
    expect(custody(dir)).toEqual([]);
  });
});

describe("editing an item whose fields come from a case.yaml entry", () => {
  it("writes the title to the entry and the marks to the sidecar, each logged", async () => {
    const dir = caseCopy();
    const ctx = { dir, shownDir: "case", markIds: MARKS };
    const r = await editItem(ctx, BOX, {
      title: "Test purchase received in Chicago",
      description: undefined,
      marks: ["rockstud", "stud-design"],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const entry = (parse(readFileSync(join(dir, "case.yaml"), "utf8")) as { evidence: { title: string }[] }).evidence[0]!;
    expect(entry.title).toBe("Test purchase received in Chicago");
    const sidecar = parse(readFileSync(join(dir, `${BOX.path}.meta.yaml`), "utf8")) as { title?: string; marks: string[] };
    expect(sidecar.marks).toEqual(["rockstud", "stud-design"]);
    expect(sidecar.title).not.toBe("Test purchase received in Chicago");
    expect(custody(dir).map((e) => [e.details.sidecar ?? e.details.file, e.details.fields])).toEqual([
      [`${BOX.path}.meta.yaml`, "marks"],
      ["case.yaml", "title"],
    ]);
  });

  it("writes nothing when the form holds the values the build read", async () => {
    const dir = caseCopy();
    const before = readFileSync(join(dir, "case.yaml"));
    const r = await editItem({ dir, shownDir: "case", markIds: MARKS }, BOX, { title: BOX.title, marks: ["rockstud"], reachedVia: null });
    expect(r).toEqual({ ok: true, written: [] });
    expect(readFileSync(join(dir, "case.yaml")).equals(before)).toBe(true);
    expect(custody(dir)).toEqual([]);
  });

  it("refuses an unknown mark for the entry naming the entry's field, and writes neither file", async () => {
    const dir = caseCopy();
    const withMarks = { ...BOX, entry: { ...BOX.entry!, fields: ["title", "marks"] } };
    const before = readFileSync(join(dir, `${BOX.path}.meta.yaml`));
    const r = await editItem({ dir, shownDir: "case", markIds: MARKS }, withMarks, { marks: ["nope"], description: "new" });
    expect(r).toEqual({
      ok: false,
      problems: [{ field: "evidence[0].marks[0]", message: expect.stringContaining("unknown mark id 'nope'") }],
    });
    expect(readFileSync(join(dir, `${BOX.path}.meta.yaml`)).equals(before)).toBe(true);
  });
});
