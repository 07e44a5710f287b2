/**
 * The in-process reader of a print's text layer (src/pdf/printed-text.ts), on PDFs written here in the shapes
 * Chromium writes: Type 0 fonts (Identity-H, ToUnicode, glyph 0 = .notdef), Type 3 fonts (glyphs named
 * g<hex id>), /ActualText spans, form XObjects; and the invisible text layer of captures, whose characters
 * beyond the BMP come back through codes of their own.
 */
import { PDFDict, PDFDocument, PDFName, decodePDFRawStream, type PDFContext, type PDFRawStream, type PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseToUnicode } from "../../src/pdf/to-unicode.js";
import { readPrintedText } from "../../src/pdf/printed-text.js";
import { ASTRAL_CODES, INVISIBLE_FONT_NAME, invisibleFont } from "../../src/pdf/invisible-font.js";
import { invisibleTextOps } from "../../src/pdf/text-layer.js";
import { operations } from "../../src/pdf/content-tokens.js";

const cmap = (body: string) =>
  "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
  body +
  "\nendcmap CMapName currentdict /CMap defineresource pop end end";

function type0(ctx: PDFContext, toUnicode: string): PDFRef {
  const cid = ctx.register(ctx.obj({ Type: "Font", Subtype: "CIDFontType2", BaseFont: "AAAAAA+LiberationSans", CIDToGIDMap: "Identity" }));
  return ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: "AAAAAA+LiberationSans",
      Encoding: "Identity-H",
      DescendantFonts: [cid],
      ToUnicode: ctx.register(ctx.flateStream(cmap(toUnicode))),
    }),
  );
}

function type3(ctx: PDFContext): PDFRef {
  const proc = ctx.register(ctx.flateStream("1000 0 0 0 1000 1000 d1"));
  return ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type3",
      FontBBox: [0, 0, 1000, 1000],
      FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
      CharProcs: { g0: proc, g4E2D: proc },
      Encoding: { Type: "Encoding", Differences: [0, "g0", "g0", "g4E2D"] },
      FirstChar: 0,
      LastChar: 2,
      Widths: [1000, 1000, 1000],
      ToUnicode: ctx.register(ctx.flateStream(cmap("1 beginbfchar <02> <4E2D> endbfchar"))),
    }),
  );
}

async function pdfWith(content: string, fonts: (ctx: PDFContext) => Record<string, PDFRef>, form?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const page = doc.addPage([300, 300]);
  for (const [name, ref] of Object.entries(fonts(ctx))) page.node.setFontDictionary(PDFName.of(name), ref);
  if (form) {
    const resources = ctx.obj({ Font: { F9: type0(ctx, "1 beginbfchar <0005> <0416> endbfchar") } });
    const xobject = ctx.register(ctx.flateStream(form, { Type: "XObject", Subtype: "Form", BBox: [0, 0, 300, 300], Resources: resources }));
    page.node.setXObject(PDFName.of("Fm1"), xobject);
  }
  page.node.addContentStream(ctx.register(ctx.flateStream(content)));
  return doc.save();
}

const LIBERATION =
  "2 beginbfchar <0003> <0020> <0295> <00660069> endbfchar\n" + // a space; the "fi" ligature glyph
  "1 beginbfrange <0024> <0026> <0041> endbfrange\n" + // A B C
  "1 beginbfrange <0100> <0101> [<D83DDE00> <05D0>] endbfrange"; // 😀 (a surrogate pair), א

describe("readPrintedText", () => {
  it("gives each glyph's characters through the font's ToUnicode map (Tj, TJ, ', ranges, pairs, ligatures)", async () => {
    const pdf = await pdfWith("BT /F1 12 Tf 10 10 Td <00240025> Tj [<0026> -200 <0003>] TJ <0295> ' <01000101> Tj ET", (ctx) => ({
      F1: type0(ctx, LIBERATION),
    }));
    const read = await readPrintedText(pdf);
    expect(read.pages).toEqual(["ABC fi😀א"]);
    expect(read.notdef).toEqual([]);
  });

  it("takes a span's /ActualText instead of its glyphs, and finds glyph 0 (.notdef) inside and outside spans", async () => {
    const pdf = await pdfWith(
      "BT /F1 12 Tf <0024> Tj /Span <</ActualText <FEFF0627064400B9>>> BDC <0101> Tj EMC " +
        "/Span <</ActualText (\\003)>> BDC <0000> Tj EMC <0000> Tj /ReversedChars BMC <0025> Tj EMC " +
        "/Span <</ActualText <FEFF00610323>>> BDC <00240000> Tj EMC ET",
      (ctx) => ({ F1: type0(ctx, LIBERATION) }),
    );
    const read = await readPrintedText(pdf);
    expect(read.pages).toEqual(["Aال¹\u0003Ba\u0323"]);
    expect(read.notdef).toEqual([
      { page: 0, font: "AAAAAA+LiberationSans", actualText: "\u0003", drawnInSpan: "" },
      { page: 0, font: "AAAAAA+LiberationSans" },
      { page: 0, font: "AAAAAA+LiberationSans", actualText: "a\u0323", drawnInSpan: "A" },
    ]);
  });

  it("reads Type 3 fonts (one-byte codes; g0 is .notdef) and text inside form XObjects, restoring the font after Q", async () => {
    const pdf = await pdfWith(
      "q BT /F3 12 Tf <02> Tj <00> Tj ET Q /Fm1 Do BT /F3 12 Tf (\\002) Tj ET",
      (ctx) => ({ F3: type3(ctx) }),
      "BT /F9 10 Tf <0005> Tj ET",
    );
    const read = await readPrintedText(pdf);
    expect(read.pages).toEqual(["中Ж中"]);
    expect(read.notdef).toEqual([{ page: 0, font: "F3" }]);
  });
});

describe("the content-stream reader", () => {
  it("reads operands of every kind and skips inline images", () => {
    const ops = [
      ...operations(new TextEncoder().encode("/P <</MCID 3 /A [1 (x\\)y) <41 4>]>> BDC BI /W 1 ID \u0000EI\u0001 EI Q % c\n(\\101\\n) Tj")),
    ];
    expect(ops.map((o) => o.op)).toEqual(["BDC", "BI", "ID", "Q", "Tj"]);
    const props = ops[0]!.args[1] as Map<string, unknown>;
    expect(props.get("MCID")).toBe(3);
    expect((props.get("A") as unknown[])[1]).toEqual(new TextEncoder().encode("x)y"));
    expect((props.get("A") as unknown[])[2]).toEqual(Uint8Array.of(0x41, 0x40));
    expect(ops[4]!.args[0]).toEqual(Uint8Array.of(0x41, 0x0a));
  });

  it("reads ToUnicode maps: bfchar, bfrange with a start and with an array", () => {
    const map = parseToUnicode(new TextEncoder().encode(cmap(LIBERATION)));
    expect([0x24, 0x25, 0x26, 0x27, 0x295, 0x100, 0x101].map((c) => map.lookup(c))).toEqual(["A", "B", "C", undefined, "fi", "😀", "א"]);
  });
});

describe("the invisible text layer of captures", () => {
  const boxes = [
    { x: 10, y: 10, width: 300, height: 20, text: "深圳 𠀀𠀋 店铺 👩‍👩‍👧 🛒 ok" },
    { x: 10, y: 40, width: 300, height: 20, text: "𝐁𝐨𝐥𝐝 🛒 again" },
  ];
  const build = async (texts: typeof boxes) => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = invisibleFont(doc.context);
    const page = doc.addPage([400, 400]);
    const ops = invisibleTextOps({ boxes: texts, offsetY: 0 }, { x: 0, y: 0, width: 400, height: 400 }, 400, undefined, font.encode);
    page.node.setFontDictionary(PDFName.of(INVISIBLE_FONT_NAME), font.ref());
    page.node.addContentStream(doc.context.register(doc.context.flateStream(ops)));
    font.finish();
    return doc.save({ useObjectStreams: false });
  };

  it("gives back characters beyond the BMP (emoji, CJK Extension B, mathematical letters), each through a code of its own", async () => {
    const read = await readPrintedText(await build(boxes));
    expect(read.pages[0]).toBe(boxes.map((b) => b.text).join(""));
    expect(read.notdef).toEqual([]);
  });

  it("writes astral characters as codes of the surrogate range, in the order first met, once each", async () => {
    const font = invisibleFont((await PDFDocument.create()).context);
    expect(font.encode("a😀b😀𠀀").hex).toBe(`0061${ASTRAL_CODES.first.toString(16).toUpperCase()}0062D800D801`);
  });

  it("keeps the one shared ToUnicode map when a document has no character beyond the BMP, and adds the others' codes", async () => {
    const toUnicode = async (pdf: Uint8Array) => {
      const doc = await PDFDocument.load(pdf);
      const type0 = doc.context
        .enumerateIndirectObjects()
        .map(([, o]) => o)
        .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("Subtype")) === PDFName.of("Type0"))!;
      const stream = doc.context.lookup(type0.get(PDFName.of("ToUnicode"))) as PDFRawStream;
      return Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    };
    const plain = await toUnicode(await build([{ x: 10, y: 10, width: 300, height: 20, text: "深圳 店铺 ok" }]));
    expect(plain).not.toContain("bfchar");
    expect(await toUnicode(await build([{ x: 10, y: 10, width: 300, height: 20, text: "other words" }]))).toBe(plain);
    const astral = await toUnicode(await build(boxes));
    expect(astral).toContain("<D800> <D840DC00>"); // 𠀀, the first met
    expect(astral.replace(/\n\d+ beginbfchar[\s\S]*?endbfchar/g, "")).toBe(plain);
  });
});
