/**
 * The sidecar editor of the review page (schema/sidecar-edit.ts): comments, key order and untouched lines are kept as
 * written; a new box is appended to `redact` (created when absent) in image pixels; values the build would refuse are
 * refused here, by the same schema, naming the field; nothing else in the text changes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { editSidecar } from "../../src/schema/sidecar-edit.js";

const LISTING = readFileSync(
  join(import.meta.dirname, "../../fixtures/cases/valentino-v-kaitlyn-pan/evidence/kpg/01-amazon-listing.png.meta.yaml"),
  "utf8",
);
const SHOWN = "evidence/kpg/01-amazon-listing.png.meta.yaml";
const COMMENT = '# The listing is not found by searching Amazon: the seller sent its link in an Instagram DM (the "hidden link").';

const keys = (text: string) =>
  text
    .split("\n")
    .filter((l) => /^[a-zA-Z]+:/.test(l))
    .map((l) => l.split(":")[0]);

describe("editSidecar", () => {
  it("appends a box to a sidecar without one, keeping every line, the comment and the key order", () => {
    const r = editSidecar(LISTING, SHOWN, { addRedact: { x: 10, y: 20, width: 300, height: 40, reason: "seller's home address" } });
    if ("problems" in r) throw new Error(JSON.stringify(r.problems));
    expect(r.text.startsWith(LISTING)).toBe(true); // nothing before the new lines changed, not even the long description
    expect(r.text.slice(LISTING.length)).toBe("redact:\n  - {x: 10, y: 20, width: 300, height: 40, reason: seller's home address}\n");
    expect(r.meta.redact).toEqual([{ x: 10, y: 20, width: 300, height: 40, reason: "seller's home address" }]);
    expect(r.text).toContain(COMMENT);
  });

  it("appends a second box after the first, and removes one by index", () => {
    const one = editSidecar(LISTING, SHOWN, { addRedact: { x: 1, y: 2, width: 3, height: 4, reason: "a" } });
    if ("problems" in one) throw new Error("refused");
    const two = editSidecar(one.text, SHOWN, {
      addRedact: { x: 5, y: 6, width: 7, height: 8, reason: "b", basis: "Protective Order, Dkt. 31" },
    });
    if ("problems" in two) throw new Error("refused");
    expect(two.meta.redact?.map((b) => b.reason)).toEqual(["a", "b"]);
    expect(two.meta.redact?.[1]?.basis).toBe("Protective Order, Dkt. 31");
    const less = editSidecar(two.text, SHOWN, { removeRedact: 0 });
    if ("problems" in less) throw new Error("refused");
    expect(less.meta.redact?.map((b) => b.reason)).toEqual(["b"]);
  });

  it("changes title, marks and reachedVia in place: order and the comment above reachedVia kept", () => {
    const r = editSidecar(LISTING, SHOWN, {
      title: "Amazon listing: KPG Boutique",
      marks: ["rockstud"],
      reachedVia: { url: "https://www.amazon.com/dp/B0FAKE1234", how: "search" },
    });
    if ("problems" in r) throw new Error(JSON.stringify(r.problems));
    expect(keys(r.text)).toEqual(keys(LISTING));
    expect(r.text).toContain('title: "Amazon listing: KPG Boutique"');
    expect(r.text).toContain(
      "marks: [rockstud]\n" + COMMENT + "\nreachedVia:\n  url: https://www.amazon.com/dp/B0FAKE1234\n  how: search\n",
    );
    expect(r.meta.reachedVia).toEqual({ url: "https://www.amazon.com/dp/B0FAKE1234", how: "search" });
    expect(r.text).not.toContain("note:");
  });

  it("keeps every untouched byte of a sidecar with a padded flow map (the text is spliced, not re-printed)", () => {
    const path = join(
      import.meta.dirname,
      "../../fixtures/cases/valentino-v-kaitlyn-pan/evidence/kpg/03-test-buy/05-received-box.jpg.meta.yaml",
    );
    const text = readFileSync(path, "utf8");
    expect(text).toContain('received: { on: 2026-03-20, at: "Chicago, Illinois" }');
    const box = { x: 1311, y: 881, width: 199, height: 22, reason: "financial-account", basis: "Fed. R. Civ. P. 5.2(a)(4)" };
    const r = editSidecar(text, "05-received-box.jpg.meta.yaml", { addRedact: box });
    if ("problems" in r) throw new Error(JSON.stringify(r.problems));
    expect(r.text).toBe(
      `${text}redact:\n  - {x: 1311, y: 881, width: 199, height: 22, reason: financial-account, basis: Fed. R. Civ. P. 5.2(a)(4)}\n`,
    );
    const two = editSidecar(r.text, "05-received-box.jpg.meta.yaml", { addRedact: { x: 1, y: 2, width: 3, height: 4 }, title: "Box" });
    if ("problems" in two) throw new Error(JSON.stringify(two.problems));
    expect(two.text).toBe(r.text.replace(/^title: .*$/m, "title: Box").concat("  - {x: 1, y: 2, width: 3, height: 4}\n"));
  });

  it("an empty text removes the field", () => {
    const r = editSidecar(LISTING, SHOWN, { description: "" });
    if ("problems" in r) throw new Error("refused");
    expect(r.text).not.toContain("description:");
    expect(r.meta.description).toBeUndefined();
  });

  it("creates a sidecar that did not exist", () => {
    const r = editSidecar(undefined, "evidence/x.png.meta.yaml", { title: "A photo", addRedact: { x: 0, y: 0, width: 5, height: 5 } });
    if ("problems" in r) throw new Error("refused");
    expect(r.text).toBe("title: A photo\nredact:\n  - {x: 0, y: 0, width: 5, height: 5}\n");
  });

  it("refuses what the build's schema refuses, naming the field", () => {
    const bad = (changes: Parameters<typeof editSidecar>[2]) => {
      const r = editSidecar(LISTING, SHOWN, changes);
      if (!("problems" in r)) throw new Error("accepted");
      return r.problems;
    };
    expect(bad({ marks: ["Not An Id"] })[0]).toMatchObject({ field: "marks[0]", message: expect.stringMatching(/expected an id/) });
    expect(bad({ reachedVia: { url: "not a url", how: "dm" } })[0]).toMatchObject({ field: "reachedVia.url" });
    expect(bad({ reachedVia: { url: "https://x.example/", how: "telepathy" } })[0]).toMatchObject({ field: "reachedVia.how" });
    expect(
      bad({ addRedact: { x: -1, y: 0, width: 0, height: 5 } })
        .map((p) => p.field)
        .sort(),
    ).toEqual(["redact[0].width", "redact[0].x"]);
    expect(bad({ title: "x".repeat(201) })[0]).toMatchObject({ field: "title", message: expect.stringMatching(/at most 200/) });
  });

  it("refuses a sidecar that is not a map, and one that cannot be read", () => {
    expect(editSidecar("- a\n- b\n", SHOWN, { title: "t" })).toMatchObject({ problems: [{ field: "" }] });
    expect(editSidecar("title: [unclosed\n", SHOWN, { title: "t" })).toMatchObject({ problems: [{ field: "" }] });
  });
});
