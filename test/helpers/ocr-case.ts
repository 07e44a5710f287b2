/**
 * A small case for OCR: a tall PNG screenshot with lines of text (rendered from SVG by librsvg, no browser), a JPEG
 * photo of a label stored sideways with EXIF orientation 6, and a scanned receipt (an image-only PDF page). Every
 * word written is known, so the tests can look for it in the built pages. Fictional names and numbers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";

export const OCR_CASE_ID = "ocr-case";

const CASE_YAML = `id: ${OCR_CASE_ID}
caption:
  court: United States District Court for the Northern District of Illinois
  caseNumber: "1:26-cv-07777"
  plaintiffs: [Maison Fictive SA]
  defendants: The Partnerships Identified on Schedule A
  shortTitle: Maison Fictive v. Schedule A
timeZone: America/Chicago
bates: { prefix: OCR, start: 1, digits: 6 }
marks:
  - { id: mark, name: FICTIVE, registration: "9,000,002", goodsClass: 25 }
defendants:
  - { id: shop, name: Lantern Harbor Store, platform: Amazon, sellerId: A0OCRCASE0001, location: "Ningbo, China" }
`;

/** Lines of the screenshot: [y, font size, text]. The listing's title, price and seller among them. */
export const SCREENSHOT_LINES: [number, number, string][] = [
  [120, 30, "Lantern Harbor Store"],
  [300, 26, "Quilted Chainlink Shoulder Bag"],
  [380, 24, "Price: $64.37"],
  [1700, 22, "Sold by Lantern Harbor Store"],
  [2600, 22, "Ships from Ningbo warehouse"],
];

function svgText(width: number, height: number, lines: [number, number, string][], background = "#ffffff"): Buffer {
  const texts = lines
    .map(([y, size, t]) => `<text x="60" y="${y}" font-family="Liberation Sans" font-size="${size}" fill="#111">${t}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`;
  return Buffer.from(`${svg}<rect width="100%" height="100%" fill="${background}"/>${texts}</svg>`);
}

export async function screenshotPng(lines = SCREENSHOT_LINES): Promise<Buffer> {
  return sharp(svgText(1280, 3000, lines))
    .png()
    .toBuffer();
}

/** The label as the camera stored it: turned 90° counter-clockwise, with EXIF orientation 6 to show it upright. */
async function labelPhoto(): Promise<Buffer> {
  const upright = await sharp(
    svgText(1200, 800, [
      [200, 40, "SHIP TO: ODALYS PRENTICE"],
      [280, 40, "4418 W FAIRMOUNT AVE"],
      [360, 40, "CHICAGO IL 60639"],
    ]),
  )
    .png()
    .toBuffer();
  const stored = await sharp(upright).rotate(-90).jpeg({ quality: 92 }).toBuffer();
  return sharp(stored).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
}

async function scannedPdf(): Promise<Uint8Array> {
  const scan = await sharp(
    svgText(1275, 1650, [
      [200, 44, "RECEIPT"],
      [320, 36, "Order OCR-4471"],
      [400, 36, "Total $64.37"],
    ]),
  )
    .greyscale()
    .png()
    .toBuffer();
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(Date.UTC(2026, 2, 2)));
  doc.setModificationDate(new Date(Date.UTC(2026, 2, 2)));
  const page = doc.addPage([612, 792]);
  page.drawImage(await doc.embedPng(scan), { x: 0, y: 0, width: 612, height: 792 });
  return doc.save();
}

export async function writeOcrCase(dir: string): Promise<void> {
  const ev = join(dir, "evidence", "shop");
  mkdirSync(ev, { recursive: true });
  writeFileSync(join(dir, "case.yaml"), CASE_YAML);
  writeFileSync(join(ev, "01-listing.png"), await screenshotPng());
  writeFileSync(join(ev, "01-listing.png.meta.yaml"), "kind: listing\nmarks: [mark]\ncapturedAt: 2026-03-01T16:00:00Z\n");
  writeFileSync(join(ev, "02-label.jpg"), await labelPhoto());
  writeFileSync(join(ev, "02-label.jpg.meta.yaml"), "kind: photo\ncapturedAt: 2026-03-05T18:00:00Z\n");
  writeFileSync(join(ev, "03-scanned-receipt.pdf"), await scannedPdf());
  writeFileSync(join(ev, "03-scanned-receipt.pdf.meta.yaml"), "kind: purchase\ncapturedAt: 2026-03-05T18:10:00Z\n");
}
