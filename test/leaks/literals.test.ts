/** Literal targets are found across separators and line breaks, at word boundaries only, case-folded. */
import { describe, expect, it } from "vitest";
import { LiteralSet, literalOf } from "../../src/leaks/literals.js";

const set = (...values: string[]) => new LiteralSet(values.map((v) => literalOf(v)).filter((l) => l !== undefined));
const hits = (s: LiteralSet, text: string) => s.find(text).map((h) => text.slice(h.start, h.end));

describe("literal targets", () => {
  it("finds a phone number however it is written", () => {
    const s = set("(312) 555-0142");
    for (const t of ["call 312.555.0142 now", "312 555 0142", "tel:3125550142", "(312)\n555-0142"]) expect(hits(s, t)).toHaveLength(1);
  });

  it("finds a street line broken over lines, case-folded", () => {
    expect(hits(set("4410 N Ravenswood Ave"), "Ship to:\n4410 N. RAVENSWOOD\nAve., Apt 2")).toEqual(["4410 N. RAVENSWOOD\nAve"]);
  });

  it("never matches inside a longer number or word", () => {
    const s = set("555-0142", "Ravenswood");
    expect(hits(s, "95550142 and 5550142x and Ravenswoods")).toEqual([]);
    expect(hits(s, "5550142")).toEqual(["5550142"]);
  });

  it("does not join pieces across a long gap", () => {
    expect(hits(set("312 555 0142"), "312 — see page 4 — 555 0142")).toEqual([]);
  });

  it("refuses literals too short to hunt safely", () => {
    expect(literalOf("1990")).toBeUndefined();
    expect(literalOf("IL 60640")).toEqual({ folded: "il60640" });
  });

  it("merges overlapping finds", () => {
    expect(hits(set("4111 1111 1111 1111", "1111 1111 1111 99"), "card 4111 1111 1111 1111 99")).toEqual(["4111 1111 1111 1111 99"]);
  });
});
