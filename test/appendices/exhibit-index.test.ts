/**
 * The exhibit index is laid out in chunks (cached one by one, so a rebuild re-renders one chunk): chunks keep every
 * row in order and end only between defendants. Joining rendered chunks is checked in
 * test/e2e/appendices/exhibit-index.test.ts.
 */
import { describe, expect, it } from "vitest";
import { exhibitIndexChunks } from "../../src/appendices/exhibit-index.js";

const rowsOf = (defendants: number[]) =>
  defendants.flatMap((n, d) => Array.from({ length: n }, (_, i) => ({ defendant: `Doe ${d + 1}`, i })));

describe("exhibitIndexChunks", () => {
  it("keeps every row in order, each chunk but the last at least the chunk size, cut only between defendants", () => {
    const rows = rowsOf([3, 5, 2, 7, 1, 4, 6, 2, 2, 9]);
    const chunks = exhibitIndexChunks(rows, 6);
    expect(chunks.flat()).toEqual(rows);
    expect(chunks.length).toBeGreaterThan(2);
    for (const [k, c] of chunks.entries()) {
      if (k < chunks.length - 1) {
        expect(c.length).toBeGreaterThanOrEqual(6);
        expect(c.at(-1)!.defendant).not.toBe(chunks[k + 1]![0]!.defendant);
      }
    }
  });

  it("a short index is one chunk; one defendant's rows are never split; no rows is one empty chunk", () => {
    expect(exhibitIndexChunks(rowsOf([2, 3]), 100)).toHaveLength(1);
    expect(exhibitIndexChunks(rowsOf([40]), 6)).toHaveLength(1);
    expect(exhibitIndexChunks([], 6)).toEqual([[]]);
  });
});
