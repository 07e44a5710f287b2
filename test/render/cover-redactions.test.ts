/**
 * A cover's redaction note says what the redaction log records of its exhibit — how many, on which Bates pages, under
 * which bases — and names no rule the log does not (no blanket "Fed. R. Civ. P. 5.2" for a street address).
 */
import { describe, expect, it } from "vitest";
import { BASIS_FOR_COUNSEL } from "../../src/model/redaction.js";
import { planExhibits } from "../../src/plan/index.js";
import { coverModel } from "../../src/render/cover-model.js";
import { config, screenshot } from "../helpers/items.js";

const item = screenshot("evidence/a/shot.png", 800);
const cfg = config();
const [exhibit] = planExhibits(cfg, [item]);
const items = new Map([[item.id, item]]);
const line = (twin: "public" | "sealed" | "single", r?: { count: number; pages: string[]; bases: string[] }) =>
  coverModel(cfg, exhibit!, items, twin, r).twinLine;

describe("the cover's redaction note", () => {
  it("says nothing is redacted, or gives count, pages and bases as the log records them", () => {
    expect(line("public")).toBe("Public copy: nothing in this exhibit is redacted. An unredacted copy is filed under seal.");
    expect(line("public", { count: 1, pages: ["T000002"], bases: [BASIS_FOR_COUNSEL] })).toBe(
      `Public copy: 1 redaction (on T000002, under ${BASIS_FOR_COUNSEL}), listed with its basis in redaction-log.csv. ` +
        "An unredacted copy is filed under seal.",
    );
    expect(
      line("public", { count: 3, pages: ["T000002", "T000003"], bases: ["Fed. R. Civ. P. 5.2(a)(4)", "Protective Order, Dkt. 31"] }),
    ).toBe(
      "Public copy: 3 redactions (on T000002 and T000003, under Fed. R. Civ. P. 5.2(a)(4); Protective Order, Dkt. 31), each listed " +
        "with its basis in redaction-log.csv. An unredacted copy is filed under seal.",
    );
  });

  it("says in the sealed copy which redactions are highlighted, in the singular or plural", () => {
    expect(line("sealed", { count: 1, pages: ["T000002"], bases: [BASIS_FOR_COUNSEL] })).toBe(
      `Unredacted copy: the redaction of the public copy is highlighted (on T000002, under ${BASIS_FOR_COUNSEL}).`,
    );
    const many = Array.from({ length: 10 }, (_, i) => `T00000${i}`);
    expect(line("sealed", { count: 12, pages: many, bases: ["Fed. R. Civ. P. 5.2(a)(1)"] })).toBe(
      "Unredacted copy: the 12 redactions of the public copy are highlighted (on T000000, T000001, T000002, " +
        "T000003, T000004, T000005, T000006 and 3 more pages, under Fed. R. Civ. P. 5.2(a)(1)).",
    );
    expect(line("single")).toBeUndefined();
  });

  it("never names Rule 5.2 for a redaction the log rests on another basis", () => {
    const l = line("public", { count: 2, pages: ["T000002"], bases: ["LR 26.2 leave, Dkt. 12"] })!;
    expect(l).not.toMatch(/5\.2/);
  });
});
