/**
 * Generates the fixture `fixtures/cases/schedule-a-25/`: a fictional N.D. Illinois "Schedule A" case of 25
 * seller aliases on many platforms, each with a listing screenshot (rendered by Chromium from a small
 * generated page), a test-buy record shipped to Illinois, and seller details. Every name, id, number and
 * address is invented. Tests use the committed output; run this only to change the fixture.
 *
 *   npx tsx scripts/make-schedule-a-fixture.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { CHROMIUM_FLAGS, findChromium } from "../src/browser/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CASE = join(ROOT, "fixtures", "cases", "schedule-a-25");

const PLATFORMS = [
  { name: "Amazon", url: (id: string) => `https://www.amazon.com/sp?seller=${id}`, color: "#232f3e" },
  { name: "Walmart", url: (id: string) => `https://www.walmart.com/seller/${id}`, color: "#0071dc" },
  { name: "eBay", url: (id: string) => `https://www.ebay.com/str/${id.toLowerCase()}`, color: "#e53238" },
  { name: "Temu", url: (id: string) => `https://www.temu.com/mall.html?mall_id=${id}`, color: "#fb7701" },
  { name: "AliExpress", url: (id: string) => `https://www.aliexpress.com/store/${id}`, color: "#e62e04" },
  { name: "DHgate", url: (id: string) => `https://www.dhgate.com/store/${id}`, color: "#f05a28" },
  { name: "Etsy", url: (id: string) => `https://www.etsy.com/shop/${id}`, color: "#f1641e" },
];
const WORDS = [
  "Glint",
  "Orchid",
  "Nova",
  "Tidal",
  "Maple",
  "Ember",
  "Quartz",
  "Lumen",
  "Cobalt",
  "Fable",
  "Harbor",
  "Juniper",
  "Kestrel",
  "Lark",
  "Mosaic",
  "Nimbus",
  "Opal",
  "Pioneer",
  "Quill",
  "Rivet",
  "Saffron",
  "Tundra",
  "Umber",
  "Vesper",
  "Willow",
];
const FEATURES = [
  "18K gold plated",
  "titanium steel",
  "hypoallergenic",
  "gift box included",
  "fits most wrists",
  "as seen on social media",
];
const CITIES_OF_ORIGIN = ["Shenzhen", "Guangzhou", "Yiwu", "Dongguan", "Hangzhou"];
const GOODS = [
  "Screw Motif Love Bangle",
  "Panther Head Cuff Bracelet",
  "Nail Motif Ring",
  "Studded Chain Necklace",
  "Clover Charm Bracelet",
];
const CITIES = [
  ["Chicago", "60614"],
  ["Evanston", "60201"],
  ["Naperville", "60540"],
  ["Peoria", "61602"],
  ["Springfield", "62701"],
];

function page(i: number): string {
  const p = PLATFORMS[i % PLATFORMS.length];
  const store = `${WORDS[i]}${["Jewel", "Shop", "Store", "Trading", "Boutique"][i % 5]}`;
  const item = GOODS[i % GOODS.length];
  const price = (12 + ((i * 7) % 30)).toFixed(2);
  const rows = Array.from({ length: 6 + (i % 5) }, (_, k) => `<li>Feature ${k + 1}: ` + `${FEATURES[k % 6]}</li>`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body{margin:0;font-family:"Liberation Sans",Arial,sans-serif;color:#111}
    header{background:${p.color};color:#fff;padding:14px 24px;font-size:22px;font-weight:bold}
    main{display:flex;gap:28px;padding:24px}
    .img{width:520px;height:520px;border-radius:12px;box-shadow:inset 0 0 0 18px #f3efe6;
      background:radial-gradient(circle at 40% 35%,#fff6d5,#d4af37 38%,#8a6d1f 62%,#f6f0e0 63%)}
    .info{flex:1} h1{font-size:26px;margin:0 0 10px} .price{font-size:30px;color:#b12704;margin:12px 0}
    .seller{margin-top:18px;padding:12px;border:1px solid #ccc;border-radius:8px;font-size:15px}
    li{margin:6px 0;font-size:16px} .ship{margin-top:14px;color:#067d62;font-weight:bold}
    footer{margin:24px;padding-top:12px;border-top:1px solid #ddd;color:#666;font-size:13px}
  </style></head><body><header>${p.name}</header><main><div class="img"></div><div class="info">
  <h1>Women's ${item} — Luxury Designer Inspired, ${["Gold", "Rose Gold", "Silver"][i % 3]}</h1>
  <div>★★★★☆ ${(120 + i * 37) % 900} ratings</div><div class="price">$${price}</div>
  <ul>${rows}</ul><div class="ship">Ships to Illinois · Free delivery</div>
  <div class="seller">Sold by <b>${store}</b><br>Seller ID: ${sellerId(i)}<br>Ships from: ${CITIES_OF_ORIGIN[i % 5]}, China</div>
  </div></main><footer>Listing captured for the fixture case (fictional). Item ${1000 + i}.</footer></body></html>`;
}

function sellerId(i: number): string {
  return `S${(734521 + i * 9173).toString(36).toUpperCase()}FX`;
}

async function main() {
  await rm(CASE, { recursive: true, force: true });
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    args: CHROMIUM_FLAGS,
    userDataDir: await mkdtemp(join(tmpdir(), "sa-fixture-")),
  });
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 900 });
  const defendants: string[] = [];
  const damages: string[] = [];
  for (let i = 0; i < 25; i++) {
    const id = `doe-${String(i + 1).padStart(2, "0")}`;
    const p = PLATFORMS[i % PLATFORMS.length];
    const store = `${WORDS[i]}${["Jewel", "Shop", "Store", "Trading", "Boutique"][i % 5]}`;
    const dir = join(CASE, "evidence", id);
    await mkdir(dir, { recursive: true });
    await tab.setContent(page(i), { waitUntil: "load" });
    await writeFile(join(dir, "01-listing.png"), await tab.screenshot({ fullPage: true, type: "png" }));
    const captured = new Date(Date.UTC(2026, 1, 2, 15, 0, 0) + i * 23 * 60_000).toISOString().replace(".000Z", "Z");
    await writeFile(
      join(dir, "01-listing.png.meta.yaml"),
      `title: ${p.name} listing by ${store}\nkind: listing\nurl: ${p.url(sellerId(i))}\ncapturedAt: ${captured}\ncapturedBy: J. ` +
        `Okonkwo (investigator, Lakeshore Brand Services)\nmarks: [${i % 3 === 0 ? "love, screw-motif" : "love"}]\n`,
    );
    const [city, zip] = CITIES[i % CITIES.length];
    const price = (12 + ((i * 7) % 30)).toFixed(2);
    await writeFile(
      join(dir, "02-test-buy.csv"),
      "order id,date,seller,item,quantity,unit price,currency,ship-to city,ship-to state,ship-to postal code,payment,tracking\r\n" +
        `TB-2026-${String(4100 + i)},${new Date(Date.parse(captured) + 86_400_000).toISOString().replace(".000Z", "Z")},` +
        `${store},"Women's ${GOODS[i % GOODS.length]}",1,${price},USD,${city},IL,${zip},` +
        `Visa ending in ${String(1000 + i * 37).slice(-4)},LS${String(880011220 + i * 7919)}CN\r\n`,
    );
    await writeFile(
      join(dir, "02-test-buy.csv.meta.yaml"),
      `title: Test purchase from ${store} shipped to ${city}, Illinois\ncapturedAt: ` +
        `${new Date(Date.parse(captured) + 10 * 86_400_000).toISOString().replace(".000Z", "Z")}\ncapturedBy: J. Okonkwo ` +
        `(investigator, Lakeshore Brand Services)\n`,
    );
    defendants.push(
      `  - id: ${id}\n    name: ${store}\n    aliases: [${store.toLowerCase()}]\n    platform: ${p.name}\n    sellerId: ` +
        `${sellerId(i)}\n    storeUrl: ${p.url(sellerId(i))}\n    location: ` +
        `${["Shenzhen", "Guangzhou", "Yiwu", "Dongguan", "Hangzhou"][i % 5]}, China`,
    );
    damages.push(
      `    ${id}: { basis: c${i % 4 === 0 ? 2 : 1}, willful: ${i % 4 === 0}, goods: [jewelry], marks: ` +
        `[${i % 3 === 0 ? "love, screw-motif" : "love"}], request: { flat: "${i % 4 === 0 ? "250000.00" : "50000.00"}" }, sales: [{ ` +
        `units: ${3 + (i % 9)}, unitPrice: "${price}", currency: USD, source: "platform sales report" }], ` +
        `restrained: "${(1234.56 + i * 311.17).toFixed(2)}" }`,
    );
  }
  await browser.close();
  const yaml = `# A fictional "Schedule A" case: 25 seller aliases on seven platforms, each with a listing capture and an
# Illinois test buy. Generated by scripts/make-schedule-a-fixture.ts; every name, id and number is invented.
id: schedule-a-25
caption:
  court: United States District Court for the Northern District of Illinois, Eastern Division
  caseNumber: "1:26-cv-04417"
  judge: Hon. Adaeze P. Lindqvist
  plaintiffs: [Maison Orvelle S.A.]
  defendants: The Partnerships and Unincorporated Associations Identified on Schedule A
  shortTitle: Maison Orvelle v. Schedule A
timeZone: America/Chicago
bates: { prefix: ORV, start: 1, digits: 7 }
marks:
  - { id: love, name: ORVELLE LOVE, registration: "9,910,001", goodsClass: 14 }
  - { id: screw-motif, name: SCREW MOTIF DESIGN, registration: "9,910,002", goodsClass: 14 }
check: { forumState: IL, pagesPerAlias: 6 }
scheduleA: { publicColumns: [number, platform] }
certification:
  certifier:
    name: Jordan Okonkwo
    title: Senior Investigator
    employer: Lakeshore Brand Services LLC
    qualifications:
      - Nine years investigating online sales of counterfeit goods for brand owners.
      - Trained in web capture and evidence handling; captures each listing with the tool described below.
  signedAt: { city: Chicago, state: Illinois }
  clockSource: NTP-synchronised system clock
defendants:
${defendants.join("\n")}
damages:
  currency: USD
  defendants:
${damages.join("\n")}
`;
  await writeFile(join(CASE, "case.yaml"), yaml);
}

await main();
