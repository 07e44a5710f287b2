/**
 * Redacted pages of a carried-in PDF, end to end: a receipt PDF with a street address and a phone number (page 1),
 * a page without either (page 2), and a page turned by /Rotate 90 with the phone number (page 3). The hits found in
 * its text layer (pdfPageHits with literal targets) are given to the build as BuildContext.pdfRedactions. In the public
 * twin pages 1 and 3 are 200 dpi rasters with the words burned and no original font, their text layer keeps the
 * other words and lacks the targets; page 2 is the original; the receipt is not kept. The sealed twin shows the
 * originals with the same regions outlined, and keeps the receipt beside it (natives/). Two builds give the same bytes; qpdf passes.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PDFDocument, StandardFonts, degrees } from "pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { parsedCases } from "../../../src/cache/index.js";
import { loadCase } from "../../../src/case/index.js";
import { buildTime, openSession } from "../../../src/commands/build-session.js";
import { ocrLayer } from "../../../src/commands/ocr-layer.js";
import { planAndWrite } from "../../../src/commands/plan-and-write.js";
import { readEvidence } from "../../../src/commands/read-evidence.js";
import { LiteralSet, literalOf } from "../../../src/leaks/literals.js";
import type { PageRegion, PdfRedactions } from "../../../src/model/redaction.js";
import { pdfPageHits } from "../../../src/pdf/index.js";
import { Redactor } from "../../../src/redact/index.js";
import { silentLogger } from "../../../src/util/log.js";
import { EPOCH, tempDir } from "../../helpers/cli.js";

const STREET = "4410 N Ravenswood Ave";
const PHONE = "(312) 555-0142";
const RECEIPT = "evidence/shop/buy/receipt.pdf";

async function receiptPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const times = await doc.embedFont(StandardFonts.TimesRoman);
  const courier = await doc.embedFont(StandardFonts.Courier);
  const p1 = doc.addPage([612, 792]);
  const line = (page: typeof p1, text: string, y: number, font = times) => page.drawText(text, { x: 72, y, size: 14, font });
  line(p1, "Order Receipt 5501", 720);
  line(p1, "Ship to: Jane Quincy", 690);
  line(p1, `${STREET}, Apt 2`, 670);
  line(p1, "Chicago, IL 60640", 650);
  line(p1, `Phone ${PHONE}`, 630, courier);
  line(p1, "Item: Classic Screw Bracelet, qty 1", 600);
  const p2 = doc.addPage([612, 792]);
  line(p2, "Terms of sale: returns within thirty days", 720);
  const p3 = doc.addPage([612, 792]);
  p3.setRotation(degrees(90));
  line(p3, `Courier note: call ${PHONE} on arrival`, 700);
  line(p3, "Parcel weight 0.4 kg", 400);
  return doc.save({ useObjectStreams: false });
}

function writeCase(dir: string, pdf: Uint8Array): void {
  mkdirSync(join(dir, "evidence/shop/buy"), { recursive: true });
  writeFileSync(
    join(dir, "case.yaml"),
    `id: pdfredact
caption: { court: United States District Court for the Northern District of Illinois,
  caseNumber: "1:26-cv-09998", plaintiffs: [Brand Co.], defendants: Shop, shortTitle: Brand v. Shop }
timeZone: America/Chicago
bates: { prefix: PDFR, start: 1, digits: 6 }
defendants: [{ id: shop, name: Shop Owner Store }]
`,
  );
  writeFileSync(join(dir, RECEIPT), pdf);
}

/** Stages 1–9 of a build as commands/build.ts runs them, with the PDF hits the redact stage's hunt would give. */
async function buildWith(caseDir: string, out: string, pdfRedactions: PdfRedactions): Promise<string> {
  const opts = { cwd: caseDir, caseDir, out, cache: false as const, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } };
  const s = await openSession(opts);
  try {
    const loaded = { ...(await loadCase(caseDir, parsedCases(s.cache))), displayDir: caseDir };
    const redactor = new Redactor(loaded.config.redaction);
    const evidence = await readEvidence(loaded, s, redactor);
    const ocr = await ocrLayer(loaded, evidence.intake.items, s.cache, silentLogger, false, opts.env);
    const dir = join(out, "tree");
    mkdirSync(dir, { recursive: true });
    await planAndWrite(
      {
        loaded,
        builtAt: buildTime(opts.env, loaded.config.asOf),
        inputs: evidence.inputs,
        items: new Map(evidence.intake.items.map((i) => [i.id, i])),
        itemDigests: evidence.intake.digests,
        documents: await evidence.documents,
        log: silentLogger,
        ocr,
        pdfRedactions,
        printer: s.printer,
        store: s.cache,
        outputs: s.outputs,
        redactor,
        caseFile: join(caseDir, "case.yaml"),
      },
      dir,
      join(out, "final"),
    );
    return dir;
  } finally {
    await s.close();
  }
}

const tool = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });
const pageText = (pdf: string, n: number) => tool("pdftotext", "-f", String(n), "-l", String(n), "-layout", pdf, "-");
const fontsOn = (pdf: string, n: number) =>
  tool("pdffonts", "-f", String(n), "-l", String(n), pdf)
    .split("\n")
    .slice(2)
    .map((l) => l.split(/\s+/)[0]!)
    .filter(Boolean);
const digits = (s: string) => s.replace(/\D/g, "");
const exhibitOf = (tree: string) => join(tree, "exhibits", readdirSync(join(tree, "exhibits")).find((f) => f.endsWith(".pdf"))!);

/** Pixels of a page drawn at 50 dpi that are the sealed highlight's orange. */
async function orangePixels(pdf: string, n: number): Promise<number> {
  const prefix = join(tempDir(), "look");
  tool("pdftoppm", "-r", "50", "-f", String(n), "-l", String(n), "-png", "-singlefile", pdf, prefix);
  const { data, info } = await sharp(`${prefix}.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let i = 0; i < info.width * info.height * 3; i += 3)
    if (data[i]! > 200 && data[i + 1]! > 90 && data[i + 1]! < 190 && data[i + 2]! < 90) count++;
  return count;
}

let caseDir: string;
let hits: Map<number, PageRegion[]>;
let pub: string;
let sealed: string;
let again: string;

beforeAll(async () => {
  caseDir = join(tempDir(), "case");
  writeCase(caseDir, await receiptPdf());
  const targets = new LiteralSet([STREET, PHONE].map((v) => literalOf(v)).filter((l) => l !== undefined));
  hits = await pdfPageHits(join(caseDir, RECEIPT), (t) => targets.find(t));
  const redactions: PdfRedactions = new Map([[RECEIPT, hits]]);
  const first = await buildWith(caseDir, join(tempDir(), "out1"), redactions);
  const second = await buildWith(caseDir, join(tempDir(), "out2"), redactions);
  pub = exhibitOf(join(first, "public"));
  sealed = exhibitOf(join(first, "sealed"));
  again = exhibitOf(join(second, "public"));
}, 240_000);

// Exhibit pages: 1 is the cover, 2–4 the receipt's pages 1–3.
describe("redacted pages of a carried-in PDF", () => {
  it("finds the street line and the phone number on pages 1 and 3 only", () => {
    expect([...hits.keys()]).toEqual([0, 2]);
    expect(hits.get(0)).toHaveLength(2); // the street line and the phone line
    expect(hits.get(2)).toHaveLength(1);
  });

  it("carries no original font on a redacted page, only the stamp's and the invisible text's", () => {
    for (const n of [2, 4]) {
      const fonts = fontsOn(pub, n);
      expect(fonts).toContain("ExhibitsInvisibleText");
      expect(fonts.filter((f) => !/^(Helvetica|Helvetica-Bold|ExhibitsInvisibleText)$/.test(f))).toEqual([]);
    }
    // The page without a hit, and the sealed twin's pages, are the originals, fonts and all.
    expect(fontsOn(pub, 3)).toContain("Times-Roman");
    expect(fontsOn(sealed, 2)).toEqual(expect.arrayContaining(["Times-Roman", "Courier"]));
  });

  it("keeps the other words in the redacted pages' text layer, and not the targets", () => {
    const p1 = pageText(pub, 2);
    for (const w of ["Receipt", "5501", "Jane", "Quincy", "Chicago", "60640", "Bracelet", "Phone", "Apt"]) expect(p1).toContain(w);
    expect(p1).not.toMatch(/Ravenswood/i);
    expect(digits(p1)).not.toContain("4410");
    expect(digits(p1)).not.toContain("3125550142");
    const p3 = pageText(pub, 4);
    for (const w of ["Courier", "note", "arrival", "Parcel", "weight"]) expect(p3).toContain(w);
    expect(digits(p3)).not.toContain("5550142");
    // The sealed twin keeps them.
    expect(pageText(sealed, 2)).toContain("Ravenswood");
    expect(digits(pageText(sealed, 4))).toContain("3125550142");
  });

  it("shows a redacted page as one raster of at least 200 dpi, and the other page as it was", () => {
    const images = (n: number) =>
      tool("pdfimages", "-list", "-f", String(n), "-l", String(n), pub)
        .split("\n")
        .slice(2)
        .filter((l) => l.trim());
    for (const n of [2, 4]) {
      const rows = images(n);
      expect(rows).toHaveLength(1);
      const cols = rows[0]!.trim().split(/\s+/);
      // page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
      expect(Number(cols[12])).toBeGreaterThanOrEqual(199);
      expect(Number(cols[13])).toBeGreaterThanOrEqual(199);
      expect(cols[8]).toBe("image"); // Flate: lossless
    }
    expect(images(3)).toEqual([]);
    const body = (t: string) =>
      t
        .replace(/Exhibit 1 · page.*/, "")
        .replace(/^.*FILED UNDER SEAL.*$/gm, "")
        .replace(/\s+/g, " ")
        .trim(); // the sealed footer carries the legend
    expect(body(pageText(pub, 3))).toBe(body(pageText(sealed, 3)));
    expect(body(pageText(pub, 3))).toContain("Terms of sale: returns within thirty days");
  });

  it("burns the words' pixels black in the public twin and outlines them in the sealed twin", async () => {
    // The public page is darker where the street line was: its box is black, not white paper with text.
    const dark = async (pdf: string) => {
      const prefix = join(tempDir(), "dark");
      tool("pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-gray", "-png", "-singlefile", pdf, prefix);
      return (await sharp(`${prefix}.png`).raw().toBuffer()).filter((v) => v < 40).length;
    };
    expect(await dark(pub)).toBeGreaterThan((await dark(sealed)) + 500);
    expect(await orangePixels(sealed, 2)).toBeGreaterThan(50);
    expect(await orangePixels(sealed, 4)).toBeGreaterThan(20);
    expect(await orangePixels(sealed, 3)).toBe(0);
    expect(await orangePixels(pub, 2)).toBe(0);
  });

  it("says on the cover what each twin did to the pages", () => {
    const cover = (pdf: string) => tool("pdftotext", "-f", "1", "-l", "1", pdf, "-").replace(/\s+/g, " ");
    expect(cover(pub)).toContain("source pages 1 and 3 are shown instead as images of the page made at 200 dpi");
    expect(cover(pub)).toContain("the original file is withheld from this public copy");
    expect(cover(sealed)).toContain("on source pages 1 and 3 are outlined in orange");
  });

  it("withholds the receipt from the public twin and keeps it beside the sealed twin's exhibit (N.D. Ill.: nothing embedded)", () => {
    for (const f of [pub, sealed]) expect(tool("pdfdetach", "-list", f)).toMatch(/^0 embedded files/);
    const natives = (exhibit: string) => join(dirname(dirname(exhibit)), "natives");
    expect(existsSync(natives(pub))).toBe(false);
    const kept = join(natives(sealed), "001", "shop_buy_receipt.pdf");
    expect(readFileSync(kept).equals(readFileSync(join(caseDir, RECEIPT)))).toBe(true);
  });

  it("gives the same bytes when built again, and passes qpdf --check", () => {
    expect(readFileSync(again).equals(readFileSync(pub))).toBe(true);
    for (const f of [pub, sealed]) expect(tool("qpdf", "--check", f)).toMatch(/No syntax or stream encoding errors/);
  });
});
