/**
 * Hostile carried-in PDFs (src/pdf/check/): damaged structure, page trees that loop, filters no reader knows,
 * Flate bombs, sizes over the bounds, and the valid oddities that must still build (a blank page without
 * /Contents, any /Rotate that is a multiple of 90, a file whose cross-reference table qpdf rebuilds, with a note).
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, ftruncateSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HostileCase } from "../case.js";
import { builtFrom, exhibitSays } from "../make/outputs.js";
import { flate, onePage, pdfFile, plainPage, stream, zeroBomb, type PdfObject } from "../make/pdf-bytes.js";

const NAME = "05-document.pdf";
const REL = `evidence/shop/${NAME}`;
const named = (problem: string) => new RegExp(`evidence/shop/05-document\\.pdf: .*${problem}`);
const put = (dir: string, bytes: Buffer) => writeFileSync(join(dir, REL), bytes);

const TEXT = () => flate("", "BT /F1 24 Tf 72 700 Td (Receipt) Tj ET");
const CATALOG = "<< /Type /Catalog /Pages 2 0 R >>";
const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/** A PDF with the given page tree: objects 1 (catalog) and 2 (root of the tree) come first. */
const tree = (root: string, rest: readonly PdfObject[]) => pdfFile([CATALOG, root, ...rest]);

/** A file qpdf writes from `input` with `args` (linearized, object streams, encrypted). */
function byQpdf(input: Buffer, args: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "hostile-qpdf-"));
  writeFileSync(join(dir, "in.pdf"), input);
  execFileSync("qpdf", [join(dir, "in.pdf"), ...args, join(dir, "out.pdf")]);
  return readFileSync(join(dir, "out.pdf"));
}

/** `qpdf --empty --pages <input> -- out.pdf`: a new document holding the input's pages. */
function qpdfEmptyWith(input: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "hostile-qpdf-"));
  writeFileSync(join(dir, "in.pdf"), input);
  execFileSync("qpdf", ["--empty", "--pages", join(dir, "in.pdf"), "--", join(dir, "out.pdf")]);
  return readFileSync(join(dir, "out.pdf"));
}

/** A page tree `levels` deep, one page at the bottom. */
function deepTree(levels: number): Buffer {
  const objects: PdfObject[] = [CATALOG];
  for (let i = 0; i < levels; i++) objects.push(`<< /Type /Pages /Kids [${i + 3} 0 R] /Count 1 >>`);
  const page = levels + 2;
  objects.push(`<< /Type /Page /MediaBox [0 0 612 792] /Contents ${page + 1} 0 R /Resources << /Font << /F1 ${page + 2} 0 R >> >> >>`);
  objects.push(TEXT(), FONT);
  return pdfFile(objects);
}

/** A document of `n` blank pages (one shared MediaBox). */
function manyPages(n: number): Buffer {
  const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(" ");
  const pages = Array.from({ length: n }, () => "<< /Type /Page /Parent 2 0 R >>");
  return tree(`<< /Type /Pages /Kids [${kids}] /Count ${n} /MediaBox [0 0 612 792] >>`, pages);
}

const rotations: HostileCase[] = [90, 180, 270, -90, 450, -270, 720].map((r) => ({
  id: `pdf-rotate-${r < 0 ? `minus-${-r}` : r}`,
  format: "pdf",
  probe: [90, 180, 270, -90, 450].includes(r),
  make: (dir) => put(dir, plainPage(`/Rotate ${r}`)),
  expect: { exit: 0, check: builtFrom(REL) },
}));

const refused = (id: string, problem: string, make: () => Buffer, probe = false): HostileCase => ({
  id,
  format: "pdf",
  probe,
  make: (dir) => put(dir, make()),
  expect: { exit: 3, message: named(problem) },
});

export const pdfCases: HostileCase[] = [
  {
    id: "pdf-qpdf-empty-blank-page",
    format: "pdf",
    probe: true,
    // qpdf --empty with one blank page: a page with no /Contents, which is valid and must be carried in.
    make: (dir) => put(dir, qpdfEmptyWith(onePage("/MediaBox [0 0 612 792]", []))),
    expect: { exit: 0, check: builtFrom(REL) },
  },
  ...rotations,
  {
    id: "pdf-no-xref-repaired-with-note",
    format: "pdf",
    probe: true,
    make: (dir) =>
      put(
        dir,
        pdfFile(
          [
            CATALOG,
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            TEXT(),
            FONT,
          ],
          { noXref: true },
        ),
      ),
    expect: { exit: 0, check: exhibitSays(REL, /The file is damaged: qpdf read it only by repairing it \(.*cross-reference/) },
  },
  refused(
    "pdf-random-bytes",
    "no document catalog",
    () => {
      const noise = Buffer.alloc(20000);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
      return Buffer.concat([Buffer.from("%PDF-1.4\n"), noise, Buffer.from("\n%%EOF\n")]);
    },
    true,
  ),
  refused(
    "pdf-page-tree-cycle",
    "page-tree cycle",
    () => tree("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", ["<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]),
    true,
  ),
  refused("pdf-page-tree-self-cycle", "page-tree cycle", () => tree("<< /Type /Pages /Kids [2 0 R] /Count 1 >>", [])),
  refused("pdf-page-listed-twice", "page-tree cycle", () =>
    tree("<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>", ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]),
  ),
  refused("pdf-parent-cycle", "/Parent chain that loops", () =>
    tree("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", ["<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>", "<< /Parent 4 0 R >>"]),
  ),
  refused(
    "pdf-unknown-filter",
    "/FooDecode, an unknown filter",
    () => onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter /FooDecode", "x")]),
    true,
  ),
  refused("pdf-unknown-filter-in-chain", "/BarDecode, an unknown filter", () =>
    onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter [/FlateDecode /BarDecode]", "x")]),
  ),
  refused("pdf-filter-not-a-name", "/Filter is not a name", () =>
    onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter 7", "x")]),
  ),
  refused("pdf-content-with-image-filter", "/DCTDecode, which page content may not use", () =>
    onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter /DCTDecode", "x")]),
  ),
  refused(
    "pdf-corrupt-flate",
    "Flate data is corrupt",
    () =>
      onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter /FlateDecode", Buffer.from("x\x9c\xff\xff\xff junk", "latin1"))]),
    true,
  ),
  refused(
    "pdf-contents-not-a-stream",
    "/Contents names object 4 0, which is not a stream",
    () => onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", ["<< /Foo 1 >>"]),
    true,
  ),
  refused("pdf-contents-a-number", "/Contents is 42, which is not a stream", () => onePage("/MediaBox [0 0 612 792] /Contents 42")),
  refused(
    "pdf-missing-reference",
    "object 99 0, which the file does not hold",
    () => onePage("/MediaBox [0 0 612 792] /Contents 99 0 R"),
    true,
  ),
  refused("pdf-contents-array-with-missing", "/Contents\\[1\\] names object 98 0", () =>
    onePage("/MediaBox [0 0 612 792] /Contents [4 0 R 98 0 R]"),
  ),
  refused("pdf-kid-missing", "names object 9 0, which the file does not hold", () => tree("<< /Type /Pages /Kids [9 0 R] /Count 1 >>", [])),
  refused("pdf-kid-not-a-reference", "lists a kid that is not a reference", () => tree("<< /Type /Pages /Kids [5] /Count 1 >>", [])),
  refused("pdf-kids-missing", "has no list of /Kids", () => tree("<< /Type /Pages /Count 1 >>", [])),
  refused("pdf-node-without-type", "neither a page nor pages", () =>
    tree("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", ["<< /MediaBox [0 0 612 792] >>"]),
  ),
  refused("pdf-no-pages", "has no pages", () => tree("<< /Type /Pages /Kids [] /Count 0 >>", [])),
  refused("pdf-catalog-without-pages", "no page tree", () => pdfFile(["<< /Type /Catalog >>"])),
  refused("pdf-root-missing", "(no document catalog|has no pages)", () =>
    pdfFile([CATALOG, "<< /Type /Pages /Kids [] /Count 0 >>"], { root: 7 }),
  ),
  refused("pdf-page-tree-too-deep", "over 64 levels deep", () => deepTree(80)),
  refused("pdf-over-page-bound", "over 5000 pages", () => manyPages(5001)),
  refused("pdf-huge-mediabox", "over PDF's 14400 pt", () => onePage("/MediaBox [0 0 9999999 9999999] /Contents 4 0 R", [TEXT()]), true),
  refused(
    "pdf-garbage-mediabox",
    "/MediaBox holds something that is not a number",
    () => onePage("/MediaBox [/a (b) true null] /Contents 4 0 R", [TEXT()]),
    true,
  ),
  refused("pdf-unparsable-mediabox", "cannot read the PDF", () => onePage("/MediaBox [0 0 1e30 1e30] /Contents 4 0 R", [TEXT()])),
  refused("pdf-short-mediabox", "not a rectangle of four numbers", () => onePage("/MediaBox [0 0 612] /Contents 4 0 R", [TEXT()])),
  refused("pdf-zero-mediabox", "no usable size", () => onePage("/MediaBox [0 0 0 0] /Contents 4 0 R", [TEXT()])),
  refused("pdf-no-mediabox", "has no /MediaBox", () => onePage("/Contents 4 0 R", [TEXT()])),
  refused("pdf-garbage-cropbox", "/CropBox is not a rectangle", () =>
    onePage("/MediaBox [0 0 612 792] /CropBox (x) /Contents 4 0 R", [TEXT()]),
  ),
  refused("pdf-huge-cropbox", "/CropBox is .* over PDF's", () =>
    onePage("/MediaBox [0 0 612 792] /CropBox [0 0 99999 99999] /Contents 4 0 R", [TEXT()]),
  ),
  refused("pdf-rotate-45", "/Rotate is 45, which is not a multiple of 90", () => plainPage("/Rotate 45")),
  refused("pdf-rotate-not-a-number", "/Rotate is not a number", () => plainPage("/Rotate /Ninety")),
  refused("pdf-resources-not-a-dictionary", "/Resources is .*not a dictionary", () =>
    pdfFile([CATALOG, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 7 >>"]),
  ),
  refused(
    "pdf-flate-bomb",
    "decompresses to over 512 MB \\(a decompression bomb\\)",
    () => onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter /FlateDecode", zeroBomb(4096))]),
    true,
  ),
  refused("pdf-flate-bomb-in-an-image", "decompresses to over 512 MB", () =>
    onePage("/MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >>", [
      TEXT(),
      stream(
        "/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
        zeroBomb(1024),
      ),
    ]),
  ),
  refused("pdf-page-content-over-bound", "over 64 MB, the bound for one page", () =>
    onePage("/MediaBox [0 0 612 792] /Contents 4 0 R", [stream("/Filter /FlateDecode", zeroBomb(80))]),
  ),
  refused("pdf-truncated", "truncated or damaged", () => plainPage().subarray(0, 300)),
  refused("pdf-header-only", "cannot read the PDF|no document catalog", () => Buffer.from("%PDF-1.7\n%%EOF\n")),
  refused("pdf-encrypted", "encrypted", () => byQpdf(plainPage(), ["--encrypt", "user", "owner", "256", "--"])),
  {
    id: "pdf-sparse-3gb",
    format: "pdf",
    probe: true,
    make: (dir) => {
      const fd = openSync(join(dir, REL), "w");
      writeSync(fd, plainPage());
      ftruncateSync(fd, 3 * 1024 ** 3);
      closeSync(fd);
    },
    expect: { exit: 3, message: named("3,221,225,472 bytes, over the 1 GB bound for an evidence file") },
    maxSeconds: 20,
  },
  {
    id: "pdf-without-qpdf",
    format: "pdf",
    make: (dir) => put(dir, plainPage()),
    env: { PATH: "/nonexistent" },
    expect: { exit: 5, message: /qpdf is not installed/ },
  },
  {
    id: "pdf-contents-array",
    format: "pdf",
    make: (dir) => put(dir, onePage("/MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R]", [TEXT(), TEXT()])),
    expect: { exit: 0, check: builtFrom(REL) },
  },
  {
    id: "pdf-inherited-mediabox-and-rotate",
    format: "pdf",
    make: (dir) =>
      put(
        dir,
        tree("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 792 612] /Rotate 90 >>", [
          "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
          TEXT(),
          FONT,
        ]),
      ),
    expect: { exit: 0, check: builtFrom(REL) },
  },
  {
    id: "pdf-object-streams",
    format: "pdf",
    make: (dir) => put(dir, byQpdf(plainPage(), ["--object-streams=generate"])),
    expect: { exit: 0, check: builtFrom(REL) },
  },
  {
    id: "pdf-linearized",
    format: "pdf",
    make: (dir) => put(dir, byQpdf(plainPage(), ["--linearize"])),
    expect: { exit: 0, check: builtFrom(REL) },
  },
  {
    id: "pdf-trailing-bytes-after-eof",
    format: "pdf",
    make: (dir) => put(dir, Buffer.concat([plainPage(), Buffer.from("\n% a mail gateway's footer\n")])),
    expect: { exit: 0, check: builtFrom(REL) },
  },
  {
    id: "pdf-named-png",
    format: "pdf",
    make: (dir) => writeFileSync(join(dir, "evidence/shop/05-document.png"), plainPage()),
    expect: { exit: 0, check: builtFrom("evidence/shop/05-document.png") },
  },
  refused("pdf-empty-file", "empty \\(0 bytes\\)", () => Buffer.alloc(0)),
];
