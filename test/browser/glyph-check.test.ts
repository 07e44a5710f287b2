/**
 * The glyph check (src/browser/glyph-check.ts, html-text.ts, font-coverage.ts): the characters an HTML document
 * asks Chromium to draw, compared with a print's text layer without false alarms (case, ligatures, shaping,
 * ignorable characters), and the errors a miss becomes: exit 3 naming the file, message and character when no
 * standard font draws it, exit 5 naming the package to install when one does.
 */
import { describe, expect, it } from "vitest";
import { visibleText } from "../../src/browser/html-text.js";
import { decodeEntities } from "../../src/util/html-entities.js";
import { UndrawnCharactersError, undrawnCharacters } from "../../src/browser/glyph-check.js";
import { describeCharacter, fontPackagesFor, undrawnError, type FontProbe } from "../../src/browser/font-coverage.js";
import { EnvironmentError, ExitCode, InvalidInputError } from "../../src/util/errors.js";
import type { PrintedText } from "../../src/pdf/printed-text.js";

const html = (body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Title ✓</title><style>p::before { color: red } a > b {}</style>` +
  `</head><body>${body}</body></html>`;
const printed = (...pages: string[]): PrintedText => ({ pages, notdef: [] });

describe("visibleText", () => {
  it("keeps the body's text, decoded, and leaves out the head, styles, comments, attributes and hidden elements", () => {
    const text = visibleText(
      html(
        `<nav style="display:none"><a href="#d-1">secret-nav</a><nav>inner</nav>still hidden</nav>` +
          `<p title="attr-text">Hello &amp; &lt;b&gt; &#x4E2D;&#25991; &quot;x&#x27; &nbsp;&middot;</p><!-- a comment -->` +
          `<div hidden>not shown</div><img alt="alt-text" src="data:,"><br/>end`,
      ),
    );
    expect(text).toBe("Hello & <b> 中文 \"x' \u00a0·end");
  });

  it("drops an unknown named reference rather than guessing it", () => {
    expect(decodeEntities("a&bogus;b&#0;c", "drop")).toBe("ab\ufffdc");
  });
});

describe("undrawnCharacters", () => {
  it("finds nothing missing when every character is in the text layer, whatever the order, case and form", () => {
    const source = html(
      "<p>Привет مرحبا שלום สวัสดี नमस्ते 中文 日本語 한국어 straße ﬁne é e\u0301 ①</p>" +
        "<p>👩\u200d👩\u200d👧 ❤\ufe0f \u200e\u00ad x\u2009y</p>",
    );
    // As Chromium writes it: RTL runs reversed, "ß" upper-cased to "SS" (text-transform), a ligature glyph,
    // precomposed accents, Hangul and emoji from ActualText spans, no ignorable characters.
    const layer = "ТЕВИРП ابحرم םולש สวัสดี नमस्ते 中文 日本語 한국어 STRASSE ﬁne é é 1 👩👩👧 ❤ xy";
    expect(undrawnCharacters(source, printed(layer))).toBeUndefined();
  });

  it("names each character missing from the text layer, once, in code point order", () => {
    const undrawn = undrawnCharacters(html("<p>a\uE000b 中 \uE000</p>"), printed("ab"));
    expect(undrawn).toEqual({ characters: ["中", "\uE000"], boxes: [] });
  });

  it("names the base character of a .notdef glyph drawn in a labelled span, not the marks on it", () => {
    const undrawn = undrawnCharacters(html("<p>A\uE000\u0301B</p>"), {
      pages: ["A\uE000\u0301B"],
      notdef: [
        { page: 0, font: "F", actualText: "\uE000\u0301" },
        { page: 0, font: "F", actualText: "\uE000\u0301" },
      ],
    });
    expect(undrawn?.characters).toEqual(["\uE000"]);
  });

  it("names the marks drawn as boxes on a base the font has, not the base", () => {
    const undrawn = undrawnCharacters(html("<p>a\u0323\u0302 1\ufe0f\u20e3</p>"), {
      pages: ["a\u0323\u0302 1\ufe0f\u20e3"],
      notdef: [
        { page: 0, font: "F", actualText: "a\u0323\u0302", drawnInSpan: "a\u0302" },
        { page: 0, font: "F", actualText: "1\ufe0f\u20e3", drawnInSpan: "1" },
      ],
    });
    expect(undrawn?.characters).toEqual(["\u0323", "\u20e3"]);
  });

  it("reports a box it cannot name by its font and page, unless a missing character explains it", () => {
    expect(undrawnCharacters(html("<p>ab</p>"), { pages: ["ab"], notdef: [{ page: 1, font: "F" }] })).toEqual({
      characters: [],
      boxes: [{ page: 1, font: "F" }],
    });
    expect(undrawnCharacters(html("<p>a\u0007b</p>"), { pages: ["ab"], notdef: [{ page: 0, font: "F" }] })).toEqual({
      characters: ["\u0007"],
      boxes: [],
    });
  });

  it("gives an error that says what was not drawn", () => {
    const e = new UndrawnCharactersError({ characters: ["\uE000"], boxes: [] });
    expect(e.message).toContain("U+E000 (private use)");
    expect(e.exitCode).toBe(ExitCode.environment);
  });
});

describe("describeCharacter and fontPackagesFor", () => {
  it("names the code point, shows the character and says its script or kind", () => {
    expect(["中", "\uE000", "\u0378", "👩", "\u0301", "ไ", "€", "\u0007"].map(describeCharacter)).toEqual([
      "U+4E2D 中 (Han script)",
      "U+E000 (private use)",
      "U+0378 (unassigned)",
      "U+1F469 👩 (emoji)",
      "U+0301 ◌\u0301 (combining mark)",
      "U+0E44 ไ (Thai script)",
      "U+20AC € (symbol)",
      "U+0007 (control character)",
    ]);
  });

  it("knows which Debian package draws a script, and that none draws private use", () => {
    expect(fontPackagesFor("中")).toEqual(["fonts-noto-cjk", "fonts-hanazono"]);
    expect(fontPackagesFor("한")).toEqual(["fonts-noto-cjk"]);
    expect(fontPackagesFor("😀")).toEqual(["fonts-noto-color-emoji"]);
    expect(fontPackagesFor("ท")).toEqual(["fonts-noto-core"]);
    expect(fontPackagesFor("\uE000")).toEqual([]);
    expect(fontPackagesFor("\u{F0000}")).toEqual([]);
  });
});

describe("undrawnError", () => {
  const probe = (installed: string[], covering: string[] = []): FontProbe => ({
    covering: async () => covering,
    installed: async (pkg) => installed.includes(pkg),
  });
  const places = (ch: string) => (ch === "\uE000" ? [{ file: "evidence/doe/chat.txt", field: "message M00002" }] : []);

  it("is exit 3 naming the file, the message and U+E000 when no standard font draws the character", async () => {
    const e = await undrawnError({ characters: ["\uE000"], boxes: [] }, "the rendered evidence", places, probe([]));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.exitCode).toBe(ExitCode.invalidInput);
    expect(e.message).toBe(
      "evidence/doe/chat.txt (field message M00002): U+E000 (private use) cannot be printed: no standard font has a glyph for it; " +
        "install a font that has one, or leave this evidence out (Chromium would draw an empty box)",
    );
  });

  it("is exit 5 naming the package to install when a standard package draws the script", async () => {
    const e = await undrawnError({ characters: ["中", "😀"], boxes: [] }, "the cover sheets of Exhibits 1–3", places, probe([]));
    expect(e).toBeInstanceOf(EnvironmentError);
    expect(e.message).toContain("U+4E2D 中 (Han script) in the cover sheets of Exhibits 1–3: install fonts-noto-cjk");
    expect(e.message).toContain("U+1F600 😀 (emoji) in the cover sheets of Exhibits 1–3: install fonts-noto-color-emoji");
  });

  it("suggests the next package when the first is installed, and fc-cache when installed fonts cover it", async () => {
    const rare = await undrawnError({ characters: ["\u{20000}"], boxes: [] }, "doc", places, probe(["fonts-noto-cjk"]));
    expect(rare.message).toContain("install fonts-hanazono");
    const stale = await undrawnError({ characters: ["中"], boxes: [] }, "doc", places, probe([], ["Noto Sans CJK SC"]));
    expect(stale.message).toContain("installed fonts cover it (Noto Sans CJK SC) but Chromium did not find them; run fc-cache -f");
  });

  it("says a few characters in full and counts the rest, asking fontconfig only about those it says in full", async () => {
    let asked = 0;
    const counting: FontProbe = { covering: async () => (asked++, []), installed: async () => false };
    const han = Array.from({ length: 100 }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const everywhere = () => Array.from({ length: 5 }, (_, i) => ({ file: "evidence/doe/chat.txt", field: `message M0000${i + 1}` }));
    const e = await undrawnError({ characters: han, boxes: [] }, "doc", everywhere, counting);
    expect(asked).toBe(8);
    expect(e.message.split("\n")).toHaveLength(1 + 8 + 1);
    expect(e.message).toContain("(field message M00003); 2 more places: install fonts-noto-cjk");
    expect(e.message).toMatch(/\n {2}and 92 more \(drawn by fonts-noto-cjk\): U\+4E08 丈, U\+4E09 三, .*, …$/);
  });

  it("is exit 3 when any character is one no font draws, listing the others with their packages too", async () => {
    const e = await undrawnError({ characters: ["中", "\uE000"], boxes: [] }, "doc", places, probe([]));
    expect(e.exitCode).toBe(ExitCode.invalidInput);
    expect(e.message).toMatch(/^evidence\/doe\/chat\.txt \(field message M00002\): U\+E000 \(private use\) cannot be printed/);
    expect(e.message).toContain("\n  also U+4E2D 中 (Han script) in doc: install fonts-noto-cjk");
  });
});
