/**
 * An edit written to the sidecar (review/sidecar-write.ts): written in place with the comment kept and the digests
 * before and after returned; refused without writing a byte when a mark is not one of the case's or a box runs
 * outside the image, naming the field; a sidecar created when there was none.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSidecarEdit } from "../../src/review/sidecar-write.js";
import type { ReviewItem } from "../../src/review/types.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/cases/valentino-v-kaitlyn-pan");
const PATH = "evidence/kpg/01-amazon-listing.png";
const MARKS = new Set(["rockstud", "v-logo", "stud-design"]);

function caseCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "review-write-")), "case");
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const item = (path = PATH): ReviewItem => ({
  id: path,
  path,
  sidecar: `${path}.meta.yaml`,
  kind: "listing",
  title: "Amazon listing",
  marks: [],
  image: { width: 1280, height: 8450 },
  redact: [],
});
const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

describe("writeSidecarEdit", () => {
  it("writes the box in place, keeps the comment, and gives the digests before and after", async () => {
    const dir = caseCopy();
    const file = join(dir, `${PATH}.meta.yaml`);
    const before = readFileSync(file);
    const r = await writeSidecarEdit(dir, item(), { addRedact: { x: 100, y: 200, width: 300, height: 40, reason: "address" } }, MARKS);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const after = readFileSync(file);
    expect(after.toString()).toContain("# The listing is not found by searching Amazon");
    expect(after.toString()).toContain("  - {x: 100, y: 200, width: 300, height: 40, reason: address}\n");
    expect(r.written).toEqual({ path: `${PATH}.meta.yaml`, before: sha(before), after: sha(after), fields: ["redact"] });
  });

  it("refuses an unknown mark and a box outside the image, writing nothing", async () => {
    const dir = caseCopy();
    const file = join(dir, `${PATH}.meta.yaml`);
    const before = readFileSync(file);
    const marks = await writeSidecarEdit(dir, item(), { marks: ["rockstud", "no-such-mark"] }, MARKS);
    expect(marks).toMatchObject({
      ok: false,
      problems: [{ field: "marks[1]", message: expect.stringMatching(/unknown mark id 'no-such-mark'/) }],
    });
    const box = await writeSidecarEdit(dir, item(), { addRedact: { x: 1200, y: 10, width: 200, height: 10, reason: "r" } }, MARKS);
    expect(box).toMatchObject({
      ok: false,
      problems: [{ field: "redact[0]", message: expect.stringMatching(/outside the 1280×8450 px image/) }],
    });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("creates the sidecar of an item that had none", async () => {
    const dir = caseCopy();
    const path = "evidence/studline/09-extra-photo.png";
    cpSync(join(dir, "evidence/studline/01-website-product.png"), join(dir, path));
    const r = await writeSidecarEdit(dir, item(path), { title: "New title" }, MARKS);
    if (!r.ok) throw new Error("refused");
    expect(r.written.before).toBeUndefined();
    expect(readFileSync(join(dir, `${path}.meta.yaml`), "utf8")).toBe("title: New title\n");
  });
});
