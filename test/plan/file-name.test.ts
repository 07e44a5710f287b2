/** Exhibit file names: cut by UTF-8 bytes at character boundaries, invisible and unsafe characters removed, unique by label. */
import { describe, expect, it } from "vitest";
import { cutToBytes, exhibitFileName, safeName } from "../../src/plan/file-name.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("exhibit file names", () => {
  it("stay under 255 bytes with a volume suffix, whatever the script", () => {
    for (const ch of ["a", "é", "商", "👟", "👩‍👩‍👧"]) {
      const name = exhibitFileName("001", ch.repeat(300), ch.repeat(300));
      expect(bytes(name.replace(/\.pdf$/, " (Part 12 of 12).pdf"))).toBeLessThanOrEqual(255);
      expect(name).not.toMatch(/\uFFFD/);
      expect(name.startsWith("001 ")).toBe(true);
    }
  });

  it("never split a surrogate pair or a UTF-8 sequence", () => {
    const cut = cutToBytes("👟".repeat(10), 10);
    expect(cut).toBe("👟👟");
    expect(cutToBytes("商品a", 4)).toBe("商");
    expect(cutToBytes("e\u0301e\u0301", 3)).toBe("e\u0301");
    for (let n = 0; n < 30; n++) expect(Buffer.from(cutToBytes("a商👟é".repeat(5), n), "utf8").toString("utf8")).not.toMatch(/\uFFFD/);
  });

  it("drop bidi controls and other invisible format characters", () => {
    expect(safeName("Invoice\u202Egnp.exe")).toBe("Invoicegnp.exe");
    expect(safeName("a\u2066b\u2069c\u200Ed\u200Fe\u061Cf\u200Bg\u202Ah\u202Ci\uFEFFj")).toBe("abcdefghij");
  });

  it("turn newlines, separators and reserved characters into spaces", () => {
    expect(safeName("line\nbreak\r\u2028x")).toBe("line break x");
    expect(safeName('a/b\\c:d*e?f"g<h>i|j')).toBe("a b c d e f g h i j");
    expect(safeName("trailing. . .")).toBe("trailing");
  });

  it("are deterministic and unique by their label", () => {
    const long = "商".repeat(500);
    expect(exhibitFileName("001", "X", long)).toBe(exhibitFileName("001", "X", long));
    expect(exhibitFileName("001", "X", long)).not.toBe(exhibitFileName("002", "X", long));
  });

  it("cuts a long title at the end of a word, not inside one", () => {
    const title = "Messages between the investigator and her supervisor coordinating the test purchases";
    expect(safeName(title)).toBe("Messages between the investigator and her supervisor coordinating the test");
    // A cut word far from any space is cut where the limit falls.
    expect(safeName(`ab ${"x".repeat(200)}`)).toBe(`ab ${"x".repeat(77)}`);
  });
});
