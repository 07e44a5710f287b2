/** Word hits: finds over a page's words map back to whole words and to one padded box per line run. */
import { describe, expect, it } from "vitest";
import { LiteralSet, literalOf } from "../../src/leaks/literals.js";
import { covered, linesOf, pageText, wordHits, type PageWord } from "../../src/leaks/word-hits.js";

const literals = (...values: string[]) => {
  const set = new LiteralSet(values.map((v) => literalOf(v)).filter((l) => l !== undefined));
  return (text: string) => set.find(text);
};

/** Words laid out left to right on lines 20 units apart, each 8 units per character, 12 high. */
function layout(lines: string[][]): PageWord[] {
  const words: PageWord[] = [];
  for (const [k, line] of lines.entries()) {
    let x = 10;
    for (const text of line) {
      words.push({ text, x, y: 10 + 20 * k, width: 8 * text.length, height: 12 });
      x += 8 * text.length + 5;
    }
  }
  return words;
}

describe("word hits", () => {
  it("finds a phone number split over three words, and burns one box around them", () => {
    const words = layout([["Call", "(312)", "555-", "0142", "today"]]);
    const hits = wordHits(words, literals("(312) 555-0142"));
    expect(hits.words).toEqual([1, 2, 3]);
    const [first, last] = [words[1]!, words[3]!];
    expect(hits.boxes).toEqual([{ x: first.x - 1, y: first.y - 1, width: last.x + last.width - first.x + 2, height: 14 }]);
  });

  it("finds an address over two lines: one box per line", () => {
    const words = layout([
      ["Ship", "to", "1234", "North", "Lake"],
      ["Shore", "Drive", "Chicago"],
    ]);
    const hits = wordHits(words, literals("1234 North Lake Shore Drive"));
    expect(hits.words.map((i) => words[i]!.text)).toEqual(["1234", "North", "Lake", "Shore", "Drive"]);
    expect(hits.boxes).toHaveLength(2);
    expect(hits.boxes[0]!.y).toBe(9);
    expect(hits.boxes[1]!.y).toBe(29);
    expect(hits.boxes[1]!.x).toBe(9);
    // "Chicago" is not under the second box.
    expect(hits.boxes[1]!.x + hits.boxes[1]!.width).toBeLessThan(words[7]!.x);
  });

  it("finds a value a one-line pattern misses when it is broken over two lines (the page joined by spaces)", () => {
    const words = layout([
      ["phone", "(312)"],
      ["555-0142", "thanks"],
    ]);
    const phone = (text: string) =>
      [...text.matchAll(/\(\d{3}\) \d{3}-\d{4}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    expect(phone(pageText(words).text)).toEqual([]);
    const hits = wordHits(words, phone);
    expect(hits.words).toEqual([1, 2]);
    expect(hits.boxes).toHaveLength(2);
  });

  it("removes a whole word when a find covers only part of it", () => {
    const words = layout([["ref", "ABC123456XYZ", "done"]]);
    const part = (text: string) => {
      const at = text.indexOf("123456");
      return at < 0 ? [] : [{ start: at, end: at + 6 }];
    };
    const hits = wordHits(words, part);
    expect(hits.words).toEqual([1]);
    const w = words[1]!;
    expect(hits.boxes).toEqual([{ x: w.x - 1, y: w.y - 1, width: w.width + 2, height: w.height + 2 }]);
  });

  it("gives nothing when nothing is found", () => {
    const words = layout([["nothing", "to", "see"], ["here"]]);
    expect(wordHits(words, literals("(312) 555-0142"))).toEqual({ words: [], boxes: [] });
    expect(wordHits([], literals("(312) 555-0142"))).toEqual({ words: [], boxes: [] });
  });

  it("burns two boxes for two finds on one line with a kept word between them", () => {
    const words = layout([["555-0142", "or", "555-0199"]]);
    const hits = wordHits(words, literals("555-0142", "555-0199"));
    expect(hits.words).toEqual([0, 2]);
    expect(hits.boxes).toHaveLength(2);
  });

  it("groups words into lines by their line numbers when given, else by close vertical centres", () => {
    const words = layout([["a", "b"], ["c"]]);
    expect(linesOf(words)).toEqual([[0, 1], [2]]);
    // A word a little lower (a subscript, a taller glyph) stays on its line.
    words[1]!.y += 3;
    expect(linesOf(words)).toEqual([[0, 1], [2]]);
    // Words of a vertical line (a rotated page) are one line when the reader says so.
    const vertical: PageWord[] = ["up", "the", "side"].map((text, i) => ({ text, x: 5, y: 10 + 30 * i, width: 12, height: 25, line: 7 }));
    expect(linesOf(vertical)).toEqual([[0, 1, 2]]);
    expect(pageText(vertical).text).toBe("up the side");
  });

  it("says which words a burned box hides", () => {
    const box = { x: 0, y: 0, width: 50, height: 20 };
    expect(covered({ x: 5, y: 5, width: 20, height: 10 }, [box])).toBe(true);
    expect(covered({ x: 49, y: 5, width: 20, height: 10 }, [box])).toBe(false);
    expect(covered({ x: 60, y: 5, width: 20, height: 10 }, [box])).toBe(false);
  });
});
