/**
 * Synthetic Schedule A cases of N defendants, for `npm run bench` (issue: scale). Each defendant gets 2–4
 * full-page listing screenshots 1280 px wide and 3,000–12,000 px tall (drawn page-like: header bar, photo
 * gallery, price block, rows of text-like strokes, reviews; no two alike), a test-buy record shipped to
 * Illinois, a receipt PDF and a short WhatsApp chat. Everything is invented and deterministic for a seed.
 *
 *   npx tsx scripts/make-schedule-a-case.ts --defendants 500 --out /tmp/schedule-a-500 [--seed 1]
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";

const WIDTH = 1280;
const PLATFORMS = ["Amazon", "Walmart", "eBay", "Temu", "AliExpress", "DHgate", "Etsy"];
const COLOURS = [
  [35, 47, 62],
  [0, 113, 220],
  [229, 50, 56],
  [251, 119, 1],
  [230, 46, 4],
  [240, 90, 40],
  [241, 100, 30],
];
const SYL = [
  "glint",
  "orch",
  "nova",
  "tid",
  "map",
  "emb",
  "quar",
  "lum",
  "cob",
  "fab",
  "harb",
  "jun",
  "kes",
  "lark",
  "mos",
  "nim",
  "opa",
  "pio",
  "quil",
  "riv",
];
const CITIES = [
  ["Chicago", "60614"],
  ["Evanston", "60201"],
  ["Naperville", "60540"],
  ["Peoria", "61602"],
  ["Springfield", "62701"],
];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A page-like screenshot, unique per (defendant, index): raw RGB drawn row by row, then PNG. */
async function screenshot(seed: number, height: number, colour: number[]): Promise<Buffer> {
  const r = rng(seed);
  const raw = Buffer.alloc(WIDTH * height * 3, 255);
  const fill = (x0: number, y0: number, w: number, h: number, c: number[]) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      const row = y * WIDTH * 3;
      for (let x = Math.max(0, x0); x < Math.min(WIDTH, x0 + w); x++) {
        const i = row + x * 3;
        raw[i] = c[0]!;
        raw[i + 1] = c[1]!;
        raw[i + 2] = c[2]!;
      }
    }
  };
  fill(0, 0, WIDTH, 64, colour); // header
  fill(
    0,
    64,
    WIDTH,
    36,
    colour.map((v) => Math.min(255, v + 40)),
  );
  // Photo: a smooth gradient with a ring, different per page.
  const hue = r() * 255;
  for (let y = 130; y < 610 && y < height; y++) {
    for (let x = 80; x < 560; x++) {
      const i = (y * WIDTH + x) * 3;
      const d = Math.hypot(x - 320, y - 370);
      const ring = Math.abs(d - 150) < 18 ? 80 : 0;
      raw[i] = (hue + x / 3 + ring) & 255;
      raw[i + 1] = (200 - y / 4 + ring) & 255;
      raw[i + 2] = (120 + (x ^ y) / 16) & 255;
    }
  }
  fill(640, 140, 420, 26, [30, 30, 30]); // title
  fill(640, 180, 300, 18, [90, 90, 90]);
  fill(640, 230, 160, 40, [180, 30, 30]); // price
  // Text rows down the page, with reviews every so often.
  for (let y = 660; y < height - 40; y += 24) {
    if (r() < 0.05) {
      fill(80, y, 1120, 2, [220, 220, 220]);
      y += 20;
      continue;
    }
    let x = 80 + Math.floor(r() * 8);
    const end = 1200 - Math.floor(r() * 300);
    while (x < end) {
      const w = 12 + Math.floor(r() * 70);
      fill(x, y, Math.min(w, end - x), 12, [40 + Math.floor(r() * 40), 40, 40]);
      x += w + 8;
    }
  }
  return sharp(raw, { raw: { width: WIDTH, height, channels: 3 } })
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}

async function receipt(orderId: string, seller: string, item: string, price: string, city: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  const lines = [
    `Order receipt ${orderId}`,
    `Seller: ${seller}`,
    `Item: ${item}`,
    `Total: $${price} USD`,
    `Ship to: ${city}, IL`,
    "Payment: card ending 4242",
  ];
  for (const [i, t] of lines.entries()) page.drawText(t, { x: 72, y: 700 - i * 22, size: i === 0 ? 18 : 12, font });
  doc.setCreationDate(new Date(Date.UTC(2026, 1, 1)));
  doc.setModificationDate(new Date(Date.UTC(2026, 1, 1)));
  doc.setProducer("bench receipt");
  doc.setCreator("bench receipt");
  return doc.save({ useObjectStreams: false });
}

export async function makeScheduleACase(
  dir: string,
  n: number,
  seed = 1,
  log: (m: string) => void = () => undefined,
  ocr: "off" | "auto" = "off",
): Promise<{ screenshots: number; inputBytes: number }> {
  const r = rng(seed);
  const defendants = Array.from({ length: n }, (_, i) => {
    const name =
      SYL[i % SYL.length]![0]!.toUpperCase() +
      SYL[i % SYL.length]!.slice(1) +
      SYL[Math.floor(i / SYL.length) % SYL.length] +
      ["Jewel", "Shop", "Store", "Trade", "Mart"][i % 5] +
      (i >= 400 ? String(i) : "");
    return {
      id: `doe-${String(i + 1).padStart(3, "0")}`,
      name,
      platform: PLATFORMS[i % PLATFORMS.length]!,
      sellerId: `S${(seed * 7919 + i * 104729).toString(36).toUpperCase().slice(0, 8)}${i}`,
      colour: COLOURS[i % COLOURS.length]!,
    };
  });
  const yaml = [
    `# Synthetic Schedule A case of ${n} defendants for npm run bench (scripts/make-schedule-a-case.ts, seed ${seed}). All invented.`,
    `id: schedule-a-${n}`,
    "caption:",
    "  court: United States District Court for the Northern District of Illinois, Eastern Division",
    '  caseNumber: "1:26-cv-09999"',
    "  plaintiffs: [Maison Orvelle S.A.]",
    "  defendants: The Partnerships and Unincorporated Associations Identified on Schedule A",
    "  shortTitle: Maison Orvelle v. Schedule A",
    "timeZone: America/Chicago",
    "bates: { prefix: ORV, start: 1, digits: 7 }",
    "marks:",
    '  - { id: love, name: ORVELLE LOVE, registration: "9,910,001", goodsClass: 14 }',
    "check: { forumState: IL, pagesPerAlias: 40 }",
    // The screenshots are drawn blocks, not text: OCR only when the bench measures it (--ocr).
    `ocr: ${ocr}`,
    "defendants:",
    ...defendants.flatMap((d) => [
      `  - id: ${d.id}`,
      `    name: ${d.name}`,
      `    platform: ${d.platform}`,
      `    sellerId: ${d.sellerId}`,
      "    location: Shenzhen, China",
    ]),
  ].join("\n");
  await mkdir(join(dir, "evidence"), { recursive: true });
  await writeFile(join(dir, "case.yaml"), yaml + "\n");
  let screenshots = 0;
  let inputBytes = 0;
  const jobs: (() => Promise<void>)[] = [];
  for (const [i, d] of defendants.entries()) {
    const folder = join(dir, "evidence", d.id);
    const count = 2 + Math.floor(r() * 3);
    const heights = Array.from({ length: count }, () => 3000 + Math.floor(r() * 9001));
    const [city, zip] = CITIES[i % CITIES.length]!;
    const price = (9 + r() * 40).toFixed(2);
    jobs.push(async () => {
      await mkdir(folder, { recursive: true });
      for (const [k, h] of heights.entries()) {
        const png = await screenshot(seed * 1_000_003 + i * 17 + k, h, d.colour);
        const name = `${String(k + 1).padStart(2, "0")}-listing.png`;
        await writeFile(join(folder, name), png);
        await writeFile(
          join(folder, `${name}.meta.yaml`),
          `title: ${d.platform} listing by ${d.name}${k ? ` (page ${k + 1})` : ""}\nkind: listing\ncapturedAt: ` +
            `2026-02-0${1 + (k % 9)}T15:00:00Z\ncapturedBy: Bench Investigator\nmarks: [love]\n`,
        );
        screenshots++;
        inputBytes += png.length;
      }
      const orderId = `TB-${seed}-${String(i + 1).padStart(4, "0")}`;
      const csv =
        `order id,date,seller,item,quantity,unit price,currency,ship-to city,ship-to state,ship-to postal ` +
        `code,payment,tracking\n${orderId},2026-02-10T15:00:00Z,${d.name},"Screw Motif Love ` +
        `Bangle",1,${price},USD,${city},IL,${zip},Visa ending in 4242,LS${800000 + i}CN\n`;
      await writeFile(join(folder, "05-test-buy.csv"), csv);
      const pdf = await receipt(orderId, d.name, "Screw Motif Love Bangle", price, city!);
      await writeFile(join(folder, "06-receipt.pdf"), pdf);
      const chat =
        [
          `2/9/26, 10:0${i % 10} AM - Bench Buyer: Hi, is the love bangle in stock?`,
          `2/9/26, 10:1${i % 10} AM - ${d.name}: Yes dear, ships from warehouse, $${price}`,
          "2/9/26, 10:22 AM - Bench Buyer: Does it have the logo?",
          `2/9/26, 10:25 AM - ${d.name}: Same as original, logo inside. Order here and I send fast`,
        ].join("\n") + "\n";
      await writeFile(join(folder, "07-chat.txt"), chat);
      inputBytes += csv.length + pdf.length + chat.length;
    });
  }
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      await jobs[next++]!();
      if (++done % 50 === 0) log(`generated ${done}/${n} defendants`);
    }
  };
  await Promise.all([worker(), worker()]);
  return { screenshots, inputBytes };
}

if (process.argv[1]?.endsWith("make-schedule-a-case.ts")) {
  const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
  const n = Number(arg("defendants") ?? 25);
  const out = arg("out") ?? `/tmp/schedule-a-${n}`;
  const r = await makeScheduleACase(out, n, Number(arg("seed") ?? 1), (m) => process.stderr.write(m + "\n"));
  process.stdout.write(`${out}: ${n} defendants, ${r.screenshots} screenshots, ${(r.inputBytes / 2 ** 20).toFixed(0)} MB\n`);
}
