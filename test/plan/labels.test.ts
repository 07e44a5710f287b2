import { describe, expect, it } from "vitest";
import { labelFor, lettersFor } from "../../src/plan/index.js";

describe("exhibit labels", () => {
  it("numbers count from the configured start, with a prefix", () => {
    const s = { style: "numbers" as const, start: 1, prefix: "" };
    expect([0, 1, 9, 99].map((i) => labelFor(s, i))).toEqual(["1", "2", "10", "100"]);
    expect(labelFor({ style: "numbers", start: 12, prefix: "PX-" }, 0)).toBe("PX-12");
  });

  it("letters run A…Z, then AA, AB … ZZ, then AAA (bijective base 26)", () => {
    expect(lettersFor(1)).toBe("A");
    expect(lettersFor(26)).toBe("Z");
    expect(lettersFor(27)).toBe("AA");
    expect(lettersFor(28)).toBe("AB");
    expect(lettersFor(52)).toBe("AZ");
    expect(lettersFor(53)).toBe("BA");
    expect(lettersFor(702)).toBe("ZZ");
    expect(lettersFor(703)).toBe("AAA");
  });

  it("letter labels are unique and consecutive past Z", () => {
    const s = { style: "letters" as const, start: 1, prefix: "" };
    const labels = Array.from({ length: 800 }, (_, i) => labelFor(s, i));
    expect(new Set(labels).size).toBe(800);
    expect(labels.slice(24, 29)).toEqual(["Y", "Z", "AA", "AB", "AC"]);
  });

  it("refuses a letter label below 1", () => {
    expect(() => lettersFor(0)).toThrow(RangeError);
  });
});
