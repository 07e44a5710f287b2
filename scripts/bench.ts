/**
 * `npm run bench`: figures for the image path and the whole build, beside a peer pipeline (img2pdf for
 * image→PDF, qpdf for merging) run on the same inputs. Prints a table and ratios and writes
 * bench-results/bench.json. Timings live here, never in a test's pass/fail.
 *
 *   npm run bench -- [--screenshots 40] [--height 4000] [--urls 50]
 *   npm run bench -- --capture-only | --threads-only | --schedule-a 25,500 [--with-ocr] | --ocr [--screenshots 40]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { build } from "../src/commands/build.js";
import { MESSAGES_PER_BATCH } from "../src/render/index.js";
import { preparePng } from "../src/images/index.js";
import { registerImage } from "../src/pdf/image-xobject.js";
import { savePart } from "../src/pdf/save-part.js";
import { writePieces } from "../src/util/fs.js";
import { benchCaptures, printCaptureBench } from "./bench-capture.js";
import { benchOcr, printOcrBench } from "./bench-ocr.js";
import { benchScheduleA, printScaleBench } from "./bench-schedule-a.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg("screenshots", 40);
const HEIGHT = arg("height", 4000);
const WIDTH = 1280;

/** A deterministic page-like image: bands of flat colour, "text" rows of small blocks, a photo-like gradient. */
async function screenshot(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3, 255);
  let s = seed * 2654435761;
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let y = 0; y < HEIGHT; y++) {
    const band = Math.floor(y / 400) % 4;
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 3;
      if (band === 1 && x > 100 && x < 700) {
        raw[i] = (x + y + seed) & 255;
        raw[i + 1] = (x * 2) & 255;
        raw[i + 2] = (y * 3) & 255; // photo-like
      } else if (band !== 3 && y % 24 < 14 && x > 80 && x < 1200 && ((x >> 3) + (y >> 4) + seed) % 7 !== 0) {
        const v = rnd() < 0.5 ? 20 : 60;
        raw[i] = v;
        raw[i + 1] = v;
        raw[i + 2] = v; // text-like strokes
      }
    }
  }
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}
async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

/** A synthetic Instagram thread of `n` messages in Meta's export shape (newest first, 10,000 per file). */
function writeThread(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const start = Date.parse("2026-01-01T00:00:00Z");
  const all = Array.from({ length: n }, (_, i) => ({
    sender_name: i % 2 ? "Buyer Account" : "Seller Store",
    timestamp_ms: start + i * 37_000,
    content:
      i % 50 === 0
        ? `see https://www.amazon.com/dp/B0BENCH${String(i).padStart(5, "0")} for the listing`
        : `message ${i}: do you still have size ${36 + (i % 6)} in stock? price is $${(i % 90) + 10}.99`,
  })).reverse();
  for (let f = 0; f * 10_000 < n; f++) {
    writeFileSync(
      join(dir, `message_${f + 1}.json`),
      JSON.stringify({
        participants: [{ name: "Seller Store" }, { name: "Buyer Account" }],
        title: "Seller Store",
        thread_path: "inbox/sellerstore_1",
        messages: all.slice(f * 10_000, (f + 1) * 10_000),
      }),
    );
  }
}

function threadCase(work: string, n: number): string {
  const caseDir = join(work, `thread-${n}`);
  writeThread(join(caseDir, "evidence", "seller-1", "dm", "sellerstore_1"), n);
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: thread-${n}\ncaption: {court: Bench Court, caseNumber: "1:26-cv-2", plaintiffs: [Bench], defendants: Sellers, shortTitle: ` +
      `Bench}\ntimeZone: UTC\nbates: {prefix: T, start: 1, digits: 7}\ndefendants:\n  - {id: seller-1, name: Seller One}\n`,
  );
  return caseDir;
}

function childBuild(caseDir: string, out: string, heapCapMB?: number): { seconds: number; pages: number; peakRssMB: number } {
  const cap = heapCapMB ? [`--max-old-space-size=${heapCapMB}`] : [];
  const stdout = execFileSync(process.execPath, [...cap, "--import", "tsx", join(import.meta.dirname, "bench-child.ts"), caseDir, out], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split("\n").pop() as string);
}

async function benchThreads(work: string) {
  const sizes = [2_000, 20_000];
  const HEAP_CAP_MB = 96;
  const rows: { messages: number; heapCapMB?: number; seconds: number; pages: number; peakRssMB: number }[] = sizes.map((n) => ({
    messages: n,
    ...childBuild(threadCase(work, n), join(work, `out-thread-${n}`)),
  }));
  // The same 20,000-message build with the V8 heap capped: it completes, so the live heap stays under the cap;
  // the extra RSS of the uncapped run is garbage the collector had not yet needed to reclaim.
  rows.push({
    messages: sizes[1],
    heapCapMB: HEAP_CAP_MB,
    ...childBuild(join(work, `thread-${sizes[1]}`), join(work, `out-thread-capped`), HEAP_CAP_MB),
  });
  console.log("\n| thread | V8 heap cap | wall (s) | pages | pages/s | peak RSS of the Node process (MB) |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.messages.toLocaleString("en-US")} messages | ${r.heapCapMB ? `${r.heapCapMB} MB` : "none"} | ${r.seconds.toFixed(1)} | ` +
        `${r.pages} | ${(r.pages / r.seconds).toFixed(1)} | ${r.peakRssMB.toFixed(0)} |`,
    );
  console.log(
    `\nThe 20,000-message thread builds within a ${HEAP_CAP_MB} MB heap: transcripts are printed in pieces of ${MESSAGES_PER_BATCH} ` +
      `messages (several pieces to a print, each print a PDF on disk) and exhibits are joined from parts of at most 100 pages.`,
  );
  return rows;
}

async function main() {
  const scheduleA = process.argv.indexOf("--schedule-a");
  if (scheduleA > 0) {
    // npm run bench -- --schedule-a 25,500 [--no-peer]: only the generated Schedule A cases (--no-peer skips
    // img2pdf + qpdf, which takes about 8 minutes on the 500-defendant case; its last figures are in the README).
    const sizes = (process.argv[scheduleA + 1] ?? "25").split(",").map(Number);
    const rows = [];
    // --with-ocr: the case's screenshots recognised too (a full build with a cold OCR cache; rebuilds warm).
    const ocr = process.argv.includes("--with-ocr");
    for (const n of sizes) rows.push(await benchScheduleA(n, { peer: !process.argv.includes("--no-peer"), ocr }));
    printScaleBench(rows);
    mkdirSync("bench-results", { recursive: true });
    writeFileSync("bench-results/bench-schedule-a.json", JSON.stringify(rows, null, 2) + "\n");
    return;
  }
  if (process.argv.includes("--ocr")) {
    // npm run bench -- --ocr [--screenshots 40]: OCR against the tesseract CLI (a generated Schedule A case built
    // with OCR on: --schedule-a 500 --with-ocr).
    const work = mkdtempSync(join(tmpdir(), "exhibits-bench-"));
    const photos = ["03-test-buy/04-received-shoe.jpg", "03-test-buy/05-received-box.jpg"].map((p) =>
      join(import.meta.dirname, "..", "fixtures/cases/valentino-v-kaitlyn-pan/evidence/kpg", p),
    );
    const ocr = await benchOcr(work, arg("screenshots", 40), photos);
    printOcrBench(ocr);
    mkdirSync("bench-results", { recursive: true });
    writeFileSync("bench-results/bench-ocr.json", JSON.stringify(ocr, null, 2) + "\n");
    return;
  }
  if (process.argv.includes("--capture-only")) {
    printCaptureBench(await benchCaptures(mkdtempSync(join(tmpdir(), "exhibits-bench-")), arg("urls", 50)));
    return;
  }
  if (process.argv.includes("--threads-only")) {
    const work = mkdtempSync(join(tmpdir(), "exhibits-bench-"));
    await benchThreads(work);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), "exhibits-bench-"));
  const caseDir = join(work, "case");
  const shots = join(caseDir, "evidence", "seller-1");
  mkdirSync(shots, { recursive: true });
  process.stderr.write(`generating ${N} screenshots of ${WIDTH}×${HEIGHT}…\n`);
  for (let i = 0; i < N; i++) writeFileSync(join(shots, `${String(i + 1).padStart(3, "0")}-listing.png`), await screenshot(i + 1));
  const files = readdirSync(shots)
    .sort()
    .map((f) => join(shots, f));
  const inputMB = files.reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20;
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: bench\ncaption: {court: Bench Court, caseNumber: "1:26-cv-1", plaintiffs: [Bench], defendants: Sellers, shortTitle: ` +
      `Bench}\ntimeZone: UTC\nbates: {prefix: B, start: 1, digits: 7}\ndefendants:\n  - {id: seller-1, name: Seller One}\n`,
  );

  // 1. Image → PDF, ours: PNG data passed through, one image per screenshot, one PDF.
  const ours = await timedAsync(async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    for (const f of files) {
      const img = preparePng(readFileSync(f));
      const page = doc.addPage([img.width * 0.75, img.height * 0.75]);
      page.node.setXObject(PDFName.of("Im"), registerImage(doc.context, img));
      page.node.addContentStream(
        doc.context.register(doc.context.stream(`q ${img.width * 0.75} 0 0 ${img.height * 0.75} 0 0 cm /Im Do Q`)),
      );
    }
    const pieces = await savePart(doc); // the serializer every exhibit part goes through
    await writePieces(join(work, "ours.pdf"), pieces);
    return pieces.reduce((n, p) => n + p.length, 0);
  });

  // 2. Peer: img2pdf on the same files (lossless too).
  const hasImg2pdf = spawnSync("img2pdf", ["--version"]).status === 0;
  const peer = hasImg2pdf ? timed(() => execFileSync("img2pdf", [...files, "-o", join(work, "peer.pdf")])) : undefined;

  // 3. The naive pdf-lib path (decode + re-deflate every pixel), on a few files only: it is slow.
  const few = files.slice(0, Math.min(5, files.length));
  const naive = await timedAsync(async () => {
    const doc = await PDFDocument.create();
    for (const f of few) await doc.embedPng(readFileSync(f));
    return (await doc.save()).length;
  });

  // 4. Full build (cover sheets in Chromium, slicing, stamps, bundle, manifest) vs peer img2pdf + qpdf merge.
  const rssBefore = process.resourceUsage().maxRSS;
  const full = await timedAsync(() =>
    build({ cwd: work, caseDir, out: join(work, "out"), env: { ...process.env, SOURCE_DATE_EPOCH: "1776000000" } }),
  );
  const pages = full.value.manifest.bates.pages;
  const peerBuild = hasImg2pdf
    ? timed(() => {
        const parts = files.map((f, i) => {
          const out = join(work, `p${i}.pdf`);
          execFileSync("img2pdf", [f, "-o", out]);
          return out;
        });
        execFileSync("qpdf", ["--empty", "--pages", ...parts, "--", join(work, "peer-bundle.pdf")]);
      })
    : undefined;

  const results = {
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    inputs: { screenshots: N, width: WIDTH, height: HEIGHT, megabytes: Number(inputMB.toFixed(1)) },
    imageToPdf: {
      oursSeconds: ours.seconds,
      oursMBps: inputMB / ours.seconds,
      img2pdfSeconds: peer?.seconds,
      ratioVsImg2pdf: peer ? peer.seconds / ours.seconds : undefined,
      naivePdfLibSecondsPerImage: naive.seconds / few.length,
      oursSecondsPerImage: ours.seconds / N,
    },
    fullBuild: {
      seconds: full.seconds,
      pages,
      pagesPerSecond: pages / full.seconds,
      inputMBps: inputMB / full.seconds,
      peakRssMB: Math.max(rssBefore, process.resourceUsage().maxRSS) / 1024,
      peerImg2pdfQpdfSeconds: peerBuild?.seconds,
    },
  };
  const threads = await benchThreads(work);
  const captures = await benchCaptures(work, arg("urls", 50));
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/bench.json", JSON.stringify({ ...results, threads, captures }, null, 2) + "\n");
  const f = (n: number | undefined, d = 2) => (n === undefined ? "n/a" : n.toFixed(d));
  console.log(
    `\ninputs: ${N} screenshots ${WIDTH}×${HEIGHT}, ${f(inputMB, 1)} MB, ${results.machine.cpus} cores, node ${process.version}\n`,
  );
  console.log("| measure | ours | peer | ours/peer speed |");
  console.log("|---|---|---|---|");
  console.log(`| image→PDF (s) | ${f(ours.seconds)} | img2pdf ${f(peer?.seconds)} | ${f(results.imageToPdf.ratioVsImg2pdf, 1)}× |`);
  console.log(`| image→PDF (MB/s) | ${f(results.imageToPdf.oursMBps, 0)} | | |`);
  console.log(
    `| per image (s) | ${f(ours.seconds / N, 3)} | pdf-lib embedPng ${f(naive.seconds / few.length, 3)} | ` +
      `${f(naive.seconds / few.length / (ours.seconds / N), 0)}× |`,
  );
  console.log(
    `| full build (s) | ${f(full.seconds)} | img2pdf+qpdf ${f(peerBuild?.seconds)} | ` +
      `${f(peerBuild ? peerBuild.seconds / full.seconds : undefined, 2)}× |`,
  );
  console.log(`| full build pages/s | ${f(pages / full.seconds, 1)} | | |`);
  console.log(`| peak RSS (MB) | ${f(results.fullBuild.peakRssMB, 0)} | | |`);
  console.log(
    `\n(full build includes Chromium cover sheets, page splitting, stamps, bundle and manifest; the peer only converts and merges.)`,
  );
  printCaptureBench(captures);
  console.log("results: bench-results/bench.json");
}

await main();
