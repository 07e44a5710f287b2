/**
 * The leak gate's layers, read in process from small files made here: a PDF's metadata, bookmarks, annotations and
 * attachments — an e-mail with a base64 text part, a quoted-printable HTML part and a PDF inside it, recursed — CSV,
 * JSON and XLSX cells, file names; a damaged PDF is a finding, not a crash. Page text is poppler's (a child process):
 * here the page-text port only records what it is handed; test/e2e/leak-gate.test.ts reads real pages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { describeLeak, findLeaks, maskTargets, REMOVED_VALUE, UNREADABLE } from "../../src/leaks/gate.js";
import { treeLayers, type Found, type Layer, type PageTexts } from "../../src/leaks/layers.js";
import { LiteralSet, literalOf } from "../../src/leaks/literals.js";
import { PageTextError } from "../../src/pdf/page-text.js";
import { compileRules } from "../../src/redact/index.js";
import { tempDir } from "../helpers/cli.js";

const SSN = "123-45-6789";
const CARD = "4111 1111 1111 1111";
const STREET = "2735 N Halvorsen St Unit 2";

async function innerPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]);
  doc.setSubject(`Label for ${STREET}`);
  return doc.save();
}

function eml(inner: Uint8Array): string {
  const b64 = (s: string | Uint8Array) => Buffer.from(s).toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    "From: Orders <orders@shop.example>",
    "To: Renata <renata@example.net>",
    "Subject: =?UTF-8?B?" + Buffer.from(`Invoice for SSN ${SSN}`).toString("base64") + "?=",
    "Date: Tue, 10 Mar 2026 18:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(`Your card ${CARD} was charged.`),
    "--b1",
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    '<p style=3D"display:none">Ship&nbsp;to <a href=3D"https://maps.example/?q=3D2735">2735 N Halvorsen&#32;St</a> Unit 2</p>',
    "--b1",
    'Content-Type: application/pdf; name="label.pdf"',
    'Content-Disposition: attachment; filename="label.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    b64(inner),
    "--b1--",
    "",
  ].join("\r\n");
}

async function outerPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([300, 300]);
  page.drawText("A page", { x: 20, y: 250, font, size: 12 });
  doc.setTitle("Exhibit 5");
  doc.setAuthor("Renata Delgado");
  const ctx = doc.context;
  // One bookmark, and a link annotation whose address holds the card number.
  const outlines = ctx.nextRef();
  const item = ctx.register(ctx.obj({ Title: PDFHexString.fromText(`Receipt of ${STREET}`), Parent: outlines }));
  ctx.assign(outlines, ctx.obj({ Type: "Outlines", First: item, Last: item, Count: 1 }));
  doc.catalog.set(PDFName.of("Outlines"), outlines);
  const link = ctx.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [0, 0, 10, 10],
    A: { S: "URI", URI: PDFString.of("https://pay.example/4111111111111111") },
  });
  page.node.set(PDFName.of("Annots"), ctx.obj([ctx.register(link)]));
  await doc.attach(Buffer.from(eml(await innerPdf())), "receipt.eml", { mimeType: "message/rfc822", description: "the confirmation" });
  await doc.attach(Buffer.from(`order,card\r\n5501,"${CARD}"\r\n`), "orders.csv", { mimeType: "text/csv" });
  await doc.attach(Buffer.from(JSON.stringify({ buyer: { ssn: SSN } })), "buyer.json", { mimeType: "application/json" });
  return doc.save();
}

let tree: string;
const handed: { path?: string; bytes?: number }[] = [];
/** The page-text port: records what it is handed, reads nothing (poppler is e2e's). */
const pageTexts: PageTexts = async (input) => {
  handed.push("path" in input ? { path: input.path } : { bytes: input.bytes.length });
  return ["(page text is read by pdftotext in the e2e tier)"];
};
let found: Found[];
const layers = () => found.filter((f): f is Layer => "text" in f);
const texts = (pred: (l: Layer) => boolean) =>
  layers()
    .filter(pred)
    .map((l) => l.text)
    .join("\n");

beforeAll(async () => {
  tree = tempDir();
  mkdirSync(join(tree, "exhibits"));
  mkdirSync(join(tree, "appendices"));
  writeFileSync(join(tree, "exhibits/005 receipt.pdf"), await outerPdf());
  writeFileSync(join(tree, "exhibits/006 broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer <<>>\n");
  writeFileSync(join(tree, `appendices/notes ${SSN}.txt`), "nothing here\n");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Renata Delgado";
  wb.addWorksheet("Damages").addRow(["Ship to", STREET, 89.99]);
  writeFileSync(join(tree, "appendices/damages.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
  found = await treeLayers(tree, { pageTexts });
});

describe("layers of a written tree", () => {
  it("reads a PDF's metadata, bookmarks and annotations, by page", () => {
    const pdf = (l: Layer) => l.file === "exhibits/005 receipt.pdf" && !l.attachment;
    expect(texts((l) => pdf(l) && l.layer === "metadata")).toContain("Author: Renata Delgado");
    expect(texts((l) => pdf(l) && l.layer === "bookmark")).toContain(`Receipt of ${STREET}`);
    const annotation = layers().find((l) => pdf(l) && l.layer === "annotation");
    expect(annotation).toMatchObject({ page: 1 });
    expect(annotation?.text).toContain("https://pay.example/4111111111111111");
  });

  it("hands each PDF to the page reader: a tree file by path, an attached PDF as bytes", () => {
    expect(handed).toContainEqual({ path: join(tree, "exhibits/005 receipt.pdf") });
    expect(handed.filter((h) => h.bytes !== undefined)).toHaveLength(1); // label.pdf inside receipt.eml
    expect(layers().filter((l) => l.layer === "text" && l.attachment?.join("/") === "receipt.eml/label.pdf")).toHaveLength(1);
  });

  it("decodes an attached e-mail: RFC 2047 header, base64 text, quoted-printable HTML with entities and attributes", () => {
    const inEml = (l: Layer) => l.attachment?.length === 1 && l.attachment[0] === "receipt.eml";
    expect(texts((l) => inEml(l) && l.layer === "email-header")).toContain(`subject: Invoice for SSN ${SSN}`);
    const bodies = texts((l) => inEml(l) && l.layer === "email-body");
    expect(bodies).toContain(`Your card ${CARD} was charged.`);
    expect(bodies).toMatch(/Ship\u00a0to\s+https:\/\/maps\.example\/\?q=2735\s+2735 N Halvorsen St\s+Unit 2/);
    expect(texts((l) => l.layer === "attachment-name" && l.attachment?.[0] === "receipt.eml" && l.attachment.length === 1)).toBe(
      "receipt.eml\nthe confirmation",
    );
  });

  it("recurses into a PDF inside an e-mail inside a PDF", () => {
    const label = layers().filter((l) => l.attachment?.join("/") === "receipt.eml/label.pdf");
    expect(label.find((l) => l.layer === "metadata")?.text).toContain(`Subject: Label for ${STREET}`);
    expect(label.every((l) => l.file === "exhibits/005 receipt.pdf")).toBe(true);
  });

  it("reads CSV, JSON and XLSX cells, and every file name", () => {
    const csv = layers().find((l) => l.attachment?.[0] === "orders.csv" && l.at === "line 2");
    expect(csv).toMatchObject({ layer: "cell", parts: ["5501", CARD] });
    expect(layers().find((l) => l.attachment?.[0] === "buyer.json" && l.layer === "cell")?.parts).toEqual(["buyer", "ssn", SSN]);
    const xlsx = layers().filter((l) => l.file === "appendices/damages.xlsx");
    expect(xlsx.filter((l) => l.layer === "cell").flatMap((l) => l.parts)).toContain(STREET);
    expect(xlsx.filter((l) => l.layer === "metadata").flatMap((l) => l.parts)).toContain("Renata Delgado");
    expect(
      layers()
        .filter((l) => l.layer === "file-name" && !l.at)
        .map((l) => l.file),
    ).toEqual(expect.arrayContaining([`appendices/notes ${SSN}.txt`, "exhibits/005 receipt.pdf", "appendices/damages.xlsx"]));
  });

  it("reports a damaged PDF as unreadable instead of failing", () => {
    const broken = found.filter((f) => f.file === "exhibits/006 broken.pdf" && "problem" in f);
    expect(broken.length).toBeGreaterThan(0);
  });
});

describe("the gate", () => {
  const targets = () => ({
    literals: new LiteralSet([literalOf(STREET)!]),
    patterns: compileRules({ minors: [], patterns: [], streetAddresses: false }),
  });

  it("names file, attachment, page and layer of each hit and rule, never the value", async () => {
    const failing: PageTexts = async (input) => {
      if ("bytes" in input) throw new PageTextError("pdftotext could not read it (a test)");
      return ["A page"];
    };
    const leaks = await findLeaks(tree, targets(), { pageTexts: failing });
    const lines = leaks.map((l) => describeLeak(l));
    expect(lines).toEqual(
      expect.arrayContaining([
        "exhibits/005 receipt.pdf: bookmark (removed-value)",
        "exhibits/005 receipt.pdf, page 1: annotation (financial-account)",
        "exhibits/005 receipt.pdf, attachment receipt.eml: email-header (ssn-tin)",
        "exhibits/005 receipt.pdf, attachment receipt.eml: email-body (financial-account)",
        "exhibits/005 receipt.pdf, attachment receipt.eml: email-body (removed-value)",
        "exhibits/005 receipt.pdf, attachment receipt.eml › label.pdf: metadata (removed-value)",
        "exhibits/005 receipt.pdf, attachment receipt.eml › label.pdf: text could not be read (pdftotext could not read it (a test))",
        "exhibits/005 receipt.pdf, attachment orders.csv, line 2: cell (financial-account)",
        "exhibits/005 receipt.pdf, attachment buyer.json: cell (ssn-tin)",
        "appendices/damages.xlsx, xl/sharedStrings.xml: cell (removed-value)",
        "appendices/notes [\u2026].txt: file-name (ssn-tin)",
      ]),
    );
    expect(leaks.some((l) => l.file === "exhibits/006 broken.pdf" && l.rule === UNREADABLE)).toBe(true);
    const said = JSON.stringify(leaks);
    for (const v of [SSN, CARD, STREET, "4111111111111111"]) expect(said).not.toContain(v);
  });

  it("finds nothing where nothing is", async () => {
    const clean = tempDir();
    writeFileSync(join(clean, "index.csv"), "exhibit,title\r\n1,Listing\r\n");
    expect(await findLeaks(clean, targets(), { pageTexts })).toEqual([]);
  });

  it("masks what a target finds in a name", () => {
    expect(maskTargets(`notes ${SSN} for ${STREET}.txt`, targets())).toBe("notes [\u2026] for [\u2026].txt");
    expect(REMOVED_VALUE).toBe("removed-value");
  });
});
