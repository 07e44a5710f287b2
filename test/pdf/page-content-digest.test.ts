/**
 * Per-page content digests and page labels (src/pdf/page-content-digest.ts, page-labels.ts), as verify's bundle-pages
 * check uses them: a part joined into two files (an exhibit file and a bundle, where it sits after other pages, signed
 * or not) gives its pages the same digests in both; any change to what a page shows gives another; the labels read
 * back are the Bates numbers written.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { joinPdfParts, loadPdf, pageContentDigests, pageLabels } from "../../src/pdf/index.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { paintOver } from "../hostile/tamper.js";

/** A part of `n` pages with text, a shared font, a link from page 1 to page 2 and to a web address. */
async function part(n: number, word = "Listing"): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < n; i++) doc.addPage([612, 792]).drawText(`${word} page ${i + 1}`, { x: 72, y: 700, size: 12, font });
  if (n > 1) {
    const ctx = doc.context;
    const toNext = ctx.register(ctx.obj({ Type: "Annot", Subtype: "Link", Rect: [72, 690, 200, 712], Dest: [doc.getPage(1).ref, "Fit"] }));
    const away = ctx.register(
      ctx.obj({ Type: "Annot", Subtype: "Link", Rect: [72, 650, 200, 672], A: { S: "URI", URI: PDFString.of("https://example.com/") } }),
    );
    doc.getPage(0).node.set(PDFName.of("Annots"), ctx.obj([toNext, away]));
  }
  return doc.save({ useObjectStreams: false });
}

const sha = (b: Uint8Array) => hexOf(sha256Bytes(b));

async function joined(parts: Uint8Array[], labels: string[][], signed = false): Promise<PDFDocument> {
  const path = join(mkdtempSync(join(tmpdir(), "exhibits-page-digest-")), "out.pdf");
  await joinPdfParts(
    path,
    parts.map((bytes, k) => ({ bytes, pageLabels: labels[k]!, sha256: sha(bytes) })),
    {
      title: "t",
      producer: "exhibits test",
      builtAt: "2026-04-12T13:20:00Z",
      ...(signed ? { signature: { name: "Counsel", reason: "test", signingTime: "2026-04-12T13:20:00Z", reserve: 64 } } : {}),
    },
  );
  return loadPdf(readFileSync(path));
}

describe("pageContentDigests", () => {
  it("gives a part's pages the same digests in its own file and in a (signed) bundle after other pages", async () => {
    const a = await part(1, "Cover");
    const b = await part(3);
    const exhibit = pageContentDigests(await joined([b], [["VAL000002", "VAL000003", "VAL000004"]]));
    for (const signed of [false, true]) {
      const bundle = pageContentDigests(await joined([a, b], [["VAL000001"], ["VAL000002", "VAL000003", "VAL000004"]], signed));
      expect(bundle.slice(1)).toEqual(exhibit);
      expect(new Set(bundle).size).toBe(4); // the pages themselves differ
    }
    // The cover's first page carries the signature's zero-area widget in the signed bundle, and is still the same page.
    expect(pageContentDigests(await joined([a, b], [["1"], ["2", "3", "4"]], true))[0]).toBe(
      pageContentDigests(await joined([a], [["1"]]))[0],
    );
  });

  it("gives another digest to a page painted over, to changed text, and to a moved link", async () => {
    const [page1, page2] = pageContentDigests(await loadPdf(await part(2)));
    const painted = await loadPdf(await part(2));
    paintOver(1, [72, 300, 100, 40], 1)(painted);
    const p = pageContentDigests(painted);
    expect(p[0]).toBe(page1);
    expect(p[1]).not.toBe(page2);
    const retyped = pageContentDigests(await loadPdf(await part(2, "Listinh")));
    expect(retyped[0]).not.toBe(page1);
    expect(retyped[1]).not.toBe(page2);
    const moved = await loadPdf(await part(2));
    const link = moved.getPage(0).node.lookup(PDFName.of("Annots"), PDFArray).lookup(0, PDFDict);
    link.set(PDFName.of("Rect"), moved.context.obj([0, 0, 612, 792]));
    const m = pageContentDigests(moved);
    expect(m[0]).not.toBe(page1);
    expect(m[1]).toBe(page2);
  });
});

describe("pageLabels", () => {
  it("reads back the Bates numbers written as page labels, and the styles of other files", async () => {
    expect(pageLabels(await joined([await part(2)], [["VAL000007", "VAL000008"]]))).toEqual(["VAL000007", "VAL000008"]);
    const doc = await PDFDocument.create();
    for (let i = 0; i < 6; i++) doc.addPage();
    doc.catalog.set(
      PDFName.of("PageLabels"),
      doc.context.obj({ Nums: [0, { S: "r" }, 2, { S: "D", St: 8, P: PDFString.of("A-") }, 4, { S: "A" }] }),
    );
    expect(pageLabels(doc)).toEqual(["i", "ii", "A-8", "A-9", "A", "B"]);
    expect(pageLabels(await PDFDocument.create())).toBeUndefined();
  });

  it("writes a slip sheet's range label so that its en dash reads back (outside PDFDocEncoding: written as UTF-16)", async () => {
    const slip = "VAL000001–VAL000009";
    const read = pageLabels(await joined([await part(1)], [[slip]]));
    expect(read).toEqual([slip]);
    expect(pageLabels(await joined([await part(1)], [["VAL000001"]]))).toEqual(["VAL000001"]);
  });
});
