/**
 * The streamed writer renumbers each part's objects without copying them: pages keep what they inherited
 * from their part's page tree, references inside a part (an annotation pointing at another page) land on
 * the right objects, nothing outside the pages is carried over, and the file is valid.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, type PDFRef } from "pdf-lib";
import { joinPdfParts } from "../../../src/pdf/index.js";
import { sha256Bytes } from "../../../src/util/hash.js";

/** A 3-page part whose MediaBox and Resources sit on the page tree, and whose page 1 links to page 3. */
async function partWithInheritance(width: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const pages = [0, 1, 2].map(() => doc.addPage([width, 500]));
  const font = doc.context.obj({ Type: "Font", Subtype: "Type1", BaseFont: "Helvetica" });
  const tree = doc.catalog.lookup(PDFName.of("Pages"), PDFDict);
  tree.set(PDFName.of("MediaBox"), doc.context.obj([0, 0, width, 500]));
  tree.set(PDFName.of("Resources"), doc.context.obj({ Font: { F1: doc.context.register(font) } }));
  pages.forEach((p, i) => {
    p.node.delete(PDFName.of("MediaBox"));
    p.node.delete(PDFName.of("Resources"));
    p.node.set(PDFName.of("Contents"), doc.context.register(doc.context.stream(`BT /F1 12 Tf 20 20 Td (page ${i + 1}) Tj ET`)));
  });
  const link = doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 50, 50], Dest: [pages[2]!.ref, PDFName.of("Fit")] });
  pages[0]!.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
  // Something not reachable from the pages: it must not be written.
  doc.catalog.set(PDFName.of("Unreachable"), doc.context.register(doc.context.obj({ Marker: "drop me" })));
  return doc.save({ useObjectStreams: false });
}

describe("joinPdfParts", () => {
  it("writes renumbered parts: inherited attributes on each page, inner links kept, nothing unreachable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "exhibits-join-parts-"));
    const parts = await Promise.all([300, 400].map(partWithInheritance));
    const path = join(dir, "out.pdf");
    const result = await joinPdfParts(
      path,
      parts.map((bytes, i) => ({
        bytes,
        pageLabels: [1, 2, 3].map((n) => `P${i}-${n}`),
        sha256: sha256Bytes(bytes),
        bookmark: `Part ${i + 1}`,
      })),
      { title: "t", producer: "test", builtAt: "2026-01-01T00:00:00Z" },
    );
    expect(result.pages).toBe(6);
    expect(execFileSync("qpdf", ["--check", path], { encoding: "utf8" })).toMatch(/No syntax or stream encoding errors/);
    const bytes = readFileSync(path);
    expect(bytes.includes("drop me")).toBe(false);
    const out = await PDFDocument.load(bytes);
    expect(out.getPages().map((p) => p.getWidth())).toEqual([300, 300, 300, 400, 400, 400]);
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
    expect(text.match(/page \d/g)).toEqual(["page 1", "page 2", "page 3", "page 1", "page 2", "page 3"]);
    // Each part's first page links to that part's third page.
    for (const [first, third] of [
      [0, 2],
      [3, 5],
    ] as const) {
      const annot = out.getPage(first).node.lookup(PDFName.of("Annots"), PDFArray).lookup(0, PDFDict);
      const dest = annot.lookup(PDFName.of("Dest"), PDFArray);
      expect((dest.get(0) as PDFRef).tag).toBe(out.getPage(third).ref.tag);
    }
    expect((out.getPage(0).node.lookup(PDFName.of("MediaBox"), PDFArray).get(2) as PDFNumber).asNumber()).toBe(300);
  });
});
