/**
 * Regenerates the binary evidence of the fixture case `fixtures/cases/valentino-v-kaitlyn-pan/` from the
 * HTML sources in `fixtures/sites-src/` (screenshots, PDFs and "photos", all drawn with inline CSS/SVG).
 *
 *   npx tsx scripts/make-fixtures.ts            # everything
 *   npx tsx scripts/make-fixtures.ts listing    # only outputs whose path contains "listing"
 *
 * Tests use the committed outputs and never run this script; run it only when a source changes, then
 * look at the results and commit them. The case is fictional: every name, number and address is invented.
 *
 * Needs the system Chromium (PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium) and, for the photos' EXIF,
 * exiftool on PATH. Pages may load only file: and data: URLs; anything else is refused, so a render never
 * depends on the network.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PDFDocument } from "pdf-lib";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import sharp from "sharp";
import { CHROMIUM_FLAGS, findChromium } from "../src/browser/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "fixtures", "sites-src");
const CASE = join(ROOT, "fixtures", "cases", "valentino-v-kaitlyn-pan");

interface Screenshot {
  type: "screenshot";
  src: string;
  out: string;
  /** Viewport width; the height is the full page. */
  width: number;
}

interface Pdf {
  type: "pdf";
  src: string;
  out: string;
  title: string;
  /** Written as the PDF's CreationDate/ModDate, so regenerating gives the same metadata. */
  createdAt: string;
  /** Browser-print style header and footer (date and title at the top, URL and page count at the bottom). */
  printHeader?: { date: string; title: string; url: string };
}

interface Photo {
  type: "photo";
  src: string;
  out: string;
  width: number;
  height: number;
  quality: number;
  /** EXIF written with exiftool: local camera time "YYYY:MM:DD hh:mm:ss" and its UTC offset. */
  exif: { dateTimeOriginal: string; offsetTimeOriginal: string; make: string; model: string };
}

type Job = Screenshot | Pdf | Photo;

const CAMERA = { make: "Fictocam", model: "FC-12" };

const JOBS: Job[] = [
  {
    type: "pdf",
    src: "trademark-registrations.html",
    out: "evidence/00-trademark-registrations.pdf",
    title: "Trademark registration certificates (fictional specimens)",
    createdAt: "2026-03-09T16:40:00Z",
  },
  { type: "screenshot", src: "amazon-listing.html", out: "evidence/kpg/01-amazon-listing.png", width: 1280 },
  { type: "screenshot", src: "amazon-storefront.html", out: "evidence/kpg/02-amazon-storefront.png", width: 1280 },
  {
    type: "pdf",
    src: "order-receipt.html",
    out: "evidence/kpg/03-test-buy/03-order-receipt.pdf",
    title: "Amazon.com - Order 114-7730215-6620491",
    createdAt: "2026-03-16T18:12:40Z",
    printHeader: {
      date: "3/16/26, 11:12 AM",
      title: "Amazon.com - Order 114-7730215-6620491",
      url: "https://www.amazon.com/gp/css/summary/print.html?orderID=114-7730215-6620491",
    },
  },
  {
    type: "photo",
    src: "photo-shoe.html",
    out: "evidence/kpg/03-test-buy/04-received-shoe.jpg",
    width: 1600,
    height: 1200,
    quality: 86,
    exif: { dateTimeOriginal: "2026:03:20 14:05:31", offsetTimeOriginal: "-07:00", ...CAMERA },
  },
  {
    type: "photo",
    src: "photo-box.html",
    out: "evidence/kpg/03-test-buy/05-received-box.jpg",
    width: 1600,
    height: 1200,
    quality: 86,
    exif: { dateTimeOriginal: "2026:03:20 14:07:48", offsetTimeOriginal: "-07:00", ...CAMERA },
  },
  { type: "screenshot", src: "studline-product.html", out: "evidence/studline/01-website-product.png", width: 1280 },
  { type: "screenshot", src: "studline-checkout.html", out: "evidence/studline/02-website-checkout.png", width: 1280 },
];

const CHROME_ARGS = [...CHROMIUM_FLAGS, "--hide-scrollbars"];

async function openPage(browser: Browser, src: string, width: number, height: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:")) void req.continue();
    else {
      console.warn(`  refused network request from ${src}: ${url}`);
      void req.abort();
    }
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(SRC, src)).href, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (errors.length > 0) throw new Error(`${src}: script error in the page: ${errors.join("; ")}`);
  return page;
}

async function screenshot(browser: Browser, job: Screenshot): Promise<Buffer> {
  const page = await openPage(browser, job.src, job.width, 900);
  try {
    return Buffer.from(await page.screenshot({ fullPage: true, type: "png" }));
  } finally {
    await page.close();
  }
}

async function pdf(browser: Browser, job: Pdf): Promise<Buffer> {
  const page = await openPage(browser, job.src, 1100, 1400);
  try {
    await page.emulateMediaType("print");
    const h = job.printHeader;
    const small =
      "font-family:'Liberation Sans',Arial,sans-serif;font-size:8px;color:#222;width:100%;margin:0 " +
      "0.45in;display:flex;justify-content:space-between";
    const raw = await page.pdf({
      format: "letter",
      printBackground: true,
      preferCSSPageSize: false,
      margin: h ? { top: "0.5in", bottom: "0.5in", left: "0.45in", right: "0.45in" } : { top: "0", bottom: "0", left: "0", right: "0" },
      displayHeaderFooter: Boolean(h),
      headerTemplate: h ? `<div style="${small}"><span>${h.date}</span><span>${h.title}</span><span></span></div>` : "<span></span>",
      footerTemplate: h
        ? `<div style="${small}"><span>${h.url}</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`
        : "<span></span>",
    });
    // Fix the metadata so a re-render does not change it: title, and the time the document was saved.
    const doc = await PDFDocument.load(raw, { updateMetadata: false });
    const at = new Date(job.createdAt);
    doc.setTitle(job.title);
    doc.setCreator("Chromium");
    doc.setProducer("Skia/PDF");
    doc.setCreationDate(at);
    doc.setModificationDate(at);
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  } finally {
    await page.close();
  }
}

async function photo(browser: Browser, job: Photo, outAbs: string): Promise<Buffer> {
  const page = await openPage(browser, job.src, job.width, job.height);
  try {
    const png = Buffer.from(await page.screenshot({ type: "png", clip: { x: 0, y: 0, width: job.width, height: job.height } }));
    // A camera JPEG: 4:2:0 chroma, no metadata from the encoder; the EXIF is written below.
    const jpeg = await sharp(png).jpeg({ quality: job.quality, chromaSubsampling: "4:2:0", mozjpeg: false }).toBuffer();
    await writeFile(outAbs, jpeg);
    execFileSync("exiftool", [
      "-q",
      "-overwrite_original",
      `-Make=${job.exif.make}`,
      `-Model=${job.exif.model}`,
      `-DateTimeOriginal=${job.exif.dateTimeOriginal}`,
      `-CreateDate=${job.exif.dateTimeOriginal}`,
      `-OffsetTimeOriginal=${job.exif.offsetTimeOriginal}`,
      `-OffsetTimeDigitized=${job.exif.offsetTimeOriginal}`,
      "-Orientation#=1",
      outAbs,
    ]);
    return readFile(outAbs);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const jobs = JOBS.filter((j) => filters.length === 0 || filters.some((f) => j.out.includes(f) || j.src.includes(f)));
  if (jobs.length === 0) throw new Error(`no output matches ${filters.join(", ")}`);
  const userDataDir = await mkdtemp(join(tmpdir(), "exhibits-fixtures-"));
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROME_ARGS,
    userDataDir,
  });
  try {
    for (const job of jobs) {
      const outAbs = join(CASE, job.out);
      let bytes: Buffer;
      if (job.type === "screenshot") {
        bytes = await screenshot(browser, job);
        await writeFile(outAbs, bytes);
      } else if (job.type === "pdf") {
        bytes = await pdf(browser, job);
        await writeFile(outAbs, bytes);
      } else {
        bytes = await photo(browser, job, outAbs);
      }
      const size = (await stat(outAbs)).size;
      const dims = job.type === "pdf" ? `${(await PDFDocument.load(bytes)).getPageCount()} page(s)` : await pixelSize(bytes);
      console.log(`${relative(ROOT, outAbs)}  ${(size / 1024).toFixed(0)} KiB  ${dims}`);
    }
  } finally {
    await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

async function pixelSize(bytes: Buffer): Promise<string> {
  const m = await sharp(bytes).metadata();
  return `${m.width}×${m.height} px`;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
