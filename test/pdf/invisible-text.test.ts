/** The invisible text layer: its own font program, and text placed over the rows of the band it belongs to. */
import { describe, expect, it } from "vitest";
import { buildGlyphlessTrueType, encodeInvisible } from "../../src/pdf/invisible-font.js";
import { invisibleTextOps } from "../../src/pdf/text-layer.js";

describe("glyphless TrueType program", () => {
  const font = buildGlyphlessTrueType();
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, { offset: number; length: number; checksum: number }>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const r = 12 + 16 * i;
    tables.set(String.fromCharCode(...font.subarray(r, r + 4)), {
      checksum: v.getUint32(r + 4),
      offset: v.getUint32(r + 8),
      length: v.getUint32(r + 12),
    });
  }
  const sum = (from: number, len: number) => {
    let s = 0;
    for (let i = from; i < from + Math.ceil(len / 4) * 4; i += 4) s = (s + (i + 4 <= font.length ? v.getUint32(i) : 0)) >>> 0;
    return s;
  };

  it("has the tables a PDF TrueType font needs, sorted, each with a correct checksum", () => {
    expect([...tables.keys()]).toEqual(["OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"]);
    for (const [tag, t] of tables) if (tag !== "head") expect(sum(t.offset, t.length), tag).toBe(t.checksum);
  });

  it("has a whole-font checksum of 0xB1B0AFBA (head.checkSumAdjustment right)", () => {
    expect(sum(0, font.length)).toBe(0xb1b0afba);
  });

  it("declares two empty glyphs of half an em", () => {
    const maxp = tables.get("maxp")!;
    expect(v.getUint16(maxp.offset + 4)).toBe(2);
    const hmtx = tables.get("hmtx")!;
    expect([v.getUint16(hmtx.offset), v.getUint16(hmtx.offset + 4)]).toEqual([500, 500]);
    expect(tables.get("glyf")!.length).toBe(0);
  });

  it("is the same bytes every time", () => {
    expect(Buffer.from(buildGlyphlessTrueType()).equals(Buffer.from(font))).toBe(true);
  });
});

describe("encodeInvisible", () => {
  it("writes UTF-16 codes and replaces what the BMP cannot hold", () => {
    expect(encodeInvisible("A€").hex).toBe("004120AC");
    expect(encodeInvisible("深圳").hex).toBe("6DF15733");
    expect(encodeInvisible("a🛒").hex).toBe("0061FFFD");
    expect(encodeInvisible("a🛒").count).toBe(2);
  });
});

describe("invisibleTextOps", () => {
  const text = {
    offsetY: 0,
    boxes: [
      { x: 100, y: 50, width: 200, height: 20, text: "Title" },
      { x: 10, y: 1500, width: 50, height: 10, text: "Lower" },
    ],
  };
  const placement = { x: 36, y: -1000, width: 540, height: 2000 }; // a 1080 × 4000 px image at 0.5 pt/px

  it("writes only the boxes centred in this page's rows, in render mode 3", () => {
    const ops = invisibleTextOps(text, placement, 1080, { from: 0, to: 1000 });
    expect(ops).toContain("3 Tr");
    expect(ops).toContain(`<${encodeInvisible("Title").hex}>`);
    expect(ops).not.toContain(encodeInvisible("Lower").hex);
  });

  it("places each line at its pixels: left edge, height and width", () => {
    const ops = invisibleTextOps(text, placement, 1080, { from: 0, to: 1000 });
    // 20 px tall at 0.5 pt/px → 10 pt; 5 glyphs of 0.5 em = 25 pt natural, stretched to 100 pt → 400 %.
    // x = 36 + 100 × 0.5 = 86; top = -1000 + 2000 - 25 = 975; baseline = 975 - 0.8 × 10 = 967.
    expect(ops).toMatch(/400 Tz 10 0 0 10 86 967 Tm/);
  });

  it("shifts boxes below a banner added above the page", () => {
    const ops = invisibleTextOps({ ...text, offsetY: 58 }, placement, 1080, { from: 0, to: 1000 });
    expect(ops).toMatch(/ 86 938 Tm/);
  });
});

describe("invisibleTextOps with word edges", () => {
  it("places each word over its own pixels", () => {
    const text = { offsetY: 0, boxes: [{ x: 100, y: 50, width: 200, height: 20, text: "ab cde", words: [0, 40, 100, 200] }] };
    const ops = invisibleTextOps(text, { x: 0, y: 0, width: 1000, height: 1000 }, 1000);
    // "ab": 2 glyphs × 10 = 20 pt natural over 40 pt → 200 %, at x 100; "cde": 30 pt over 100 pt → 333.3333 %, at x 200.
    expect(ops).toMatch(/200 Tz 20 0 0 20 100 934 Tm <00610062> Tj 333\.3333 Tz 20 0 0 20 200 934 Tm <006300640065> Tj/);
  });
});
