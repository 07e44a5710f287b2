/**
 * The small good case every hostile input spoils: one defendant ("shop") with a PNG screenshot, a JPEG photo, a
 * PDF receipt, a chat CSV and a purchases CSV, each with a sidecar where one is usual. Written fresh (no fixture
 * file is needed), deterministic, and quick to build.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";

export const GOOD_CASE_ID = "hostile-good";

export const GOOD_CASE_YAML = `id: ${GOOD_CASE_ID}
caption:
  court: United States District Court for the Northern District of Illinois
  caseNumber: "1:26-cv-05555"
  plaintiffs: [Maison Fictive SA]
  defendants: The Partnerships Identified on Schedule A
  shortTitle: Maison Fictive v. Schedule A
timeZone: America/Chicago
# The generic federal profile: its exhibits carry their natives as PDF attachments, which the verify cases spoil.
court: federal
bates: { prefix: HOS, start: 1, digits: 6 }
marks:
  - { id: mark, name: FICTIVE, registration: "9,000,001", goodsClass: 25 }
defendants:
  - { id: shop, name: Example Shop, platform: Amazon, sellerId: A0HOSTILE0001, location: "Yiwu, China" }
`;

const CHAT = `timestamp,sender,text
2026-03-01T10:00:00-06:00,Investigator,Is this the studded shoe?
2026-03-01T10:02:00-06:00,Example Shop,Yes same as boutique. Order here: https://shop.example/item/1
`;

const PURCHASES = `order id,date,seller,item,quantity,unit price,currency,ship-to city,ship-to state,payment
HB-1001,2026-03-02 11:00,Example Shop,Studded pump,1,79.00,USD,Chicago,IL,Visa
`;

/** The good case's files, written into `dir` (which must exist). */
export async function writeGoodCase(dir: string): Promise<void> {
  const ev = join(dir, "evidence", "shop");
  mkdirSync(ev, { recursive: true });
  writeFileSync(join(dir, "case.yaml"), GOOD_CASE_YAML);
  const png = await sharp({ create: { width: 800, height: 1400, channels: 3, background: "#f4f1ea" } })
    .composite([{ input: { create: { width: 600, height: 200, channels: 3, background: "#333" } }, left: 100, top: 300 }])
    .png()
    .toBuffer();
  writeFileSync(join(ev, "01-listing.png"), png);
  writeFileSync(join(ev, "01-listing.png.meta.yaml"), "kind: listing\nmarks: [mark]\ncapturedAt: 2026-03-01T16:00:00Z\n");
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#8a6d1f" } })
    .jpeg({ quality: 80 })
    .toBuffer();
  writeFileSync(join(ev, "04-received.jpg"), jpeg);
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(Date.UTC(2026, 2, 2)));
  doc.setModificationDate(new Date(Date.UTC(2026, 2, 2)));
  const page = doc.addPage([612, 792]);
  page.drawText("Order HB-1001 — receipt", { x: 72, y: 700, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  writeFileSync(join(ev, "03-receipt.pdf"), await doc.save({ updateFieldAppearances: false }));
  writeFileSync(join(ev, "02-chat.csv"), CHAT);
  writeFileSync(join(ev, "03-purchases.csv"), PURCHASES);
}

/** Paths of the good files, relative to a case folder. */
export const GOOD_FILES = {
  png: "evidence/shop/01-listing.png",
  jpeg: "evidence/shop/04-received.jpg",
  pdf: "evidence/shop/03-receipt.pdf",
  chatCsv: "evidence/shop/02-chat.csv",
  purchasesCsv: "evidence/shop/03-purchases.csv",
} as const;
