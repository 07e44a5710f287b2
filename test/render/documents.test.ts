/**
 * Rendered evidence is printed many documents to a Chromium print: the groups are cut by the pieces' names (so one
 * added document changes the prints around it, not all after it). That each document gets exactly the pages it has
 * when printed alone is checked with Chromium in test/e2e/render/documents.test.ts.
 */
import { describe, expect, it } from "vitest";
import { groupPieces, PIECES_PER_PRINT, WEIGHT_PER_PRINT } from "../../src/render/document-batches.js";

const pieces = (names: string[], weight = 10) => names.map((name) => ({ name, weight }));
const names = (n: number, prefix = "evidence/doe-") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}/chat.txt`);

describe("groupPieces", () => {
  it("keeps every piece in order, each group within the piece and weight limits", () => {
    const all = [...pieces(names(300)), { name: "heavy-1", weight: 600 }, { name: "heavy-2", weight: 600 }, ...pieces(names(40, "x"))];
    const groups = groupPieces(all);
    expect(groups.flat()).toEqual(all);
    for (const g of groups) {
      expect(g.length).toBeLessThanOrEqual(PIECES_PER_PRINT);
      if (g.length > 1) expect(g.reduce((n, p) => n + p.weight, 0)).toBeLessThanOrEqual(WEIGHT_PER_PRINT);
    }
    expect(groups.find((g) => g.some((p) => p.name === "heavy-1"))).not.toContainEqual(expect.objectContaining({ name: "heavy-2" }));
    expect(groups.length).toBeLessThan(all.length / 4); // prints hold many documents
  });

  it("a document added in the middle changes the groups around it, not every group after it", () => {
    const before = pieces(names(400));
    const after = [...before.slice(0, 200), { name: "evidence/new/chat.txt", weight: 10 }, ...before.slice(200)];
    const key = (g: { name: string }[]) => g.map((p) => p.name).join("|");
    const old = new Set(groupPieces(before).map(key));
    const changed = groupPieces(after).filter((g) => !old.has(key(g)));
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);
  });
});
