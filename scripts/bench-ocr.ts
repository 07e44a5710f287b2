/**
 * The OCR part of `npm run bench -- --ocr`: 40 page-like screenshots 1280 px wide and 3,000–12,000 px tall, their
 * text rendered by Chromium (so every word on them is known), and the fixture's photos. Ours: the OCR stage as a build
 * runs it (bands, a pool of single-threaded tesseract processes, every setting pinned), no cache. The peer: the
 * `tesseract` command run one image at a time with its defaults, on the very images we give tesseract (the grey
 * page, upscaled as we upscale it). Figures: wall time, megapixels per second, word accuracy against the known text
 * per image size, peak RSS of the whole process tree.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import sharp from "sharp";
import { CHROMIUM_FLAGS, findChromium } from "../src/browser/index.js";
import type { EvidenceItem } from "../src/model/evidence.js";
import type { OcrWord } from "../src/model/ocr.js";
import { recogniseEvidence } from "../src/ocr/index.js";
import { ocrScale } from "../src/ocr/recognise.js";
import { parseTsv } from "../src/ocr/tsv.js";
import { TreeMemory } from "./bench-capture.js";

const VOCABULARY = (
  "studded leather pump pointed toe ankle strap stiletto heel poudre nude genuine buckle outlet boutique store seller " +
  "shipping returns warranty authentic quality warehouse delivery order quantity color size chart customer reviews " +
  "rating answered questions about this item product description material rubber sole closure platinum finish pyramid " +
  "classic iconic design wedding party office evening summer collection handbag wallet belt bracelet necklace earring"
).split(" ");

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** An e-commerce-like page of `height` px: a header, a title, prices, bullet lists, tables and paragraphs. */
function pageHtml(seed: number, height: number): string {
  const r = rng(seed);
  const word = () => VOCABULARY[Math.floor(r() * VOCABULARY.length)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(" ");
  const price = () => `$${(10 + Math.floor(r() * 900)).toString()}.${String(Math.floor(r() * 100)).padStart(2, "0")}`;
  const blocks: string[] = [];
  let y = 0;
  const row = () => `<tr><td>${words(2)}</td><td>${words(3)}</td><td>${price()}</td></tr>`;
  while (y < height - 400) {
    const k = Math.floor(r() * 4);
    if (k === 0) blocks.push(`<h2>${words(4)}</h2><p class="price">${price()} <s>${price()}</s></p>`);
    else if (k === 1) blocks.push(`<ul>${Array.from({ length: 5 }, () => `<li>${words(12)}</li>`).join("")}</ul>`);
    else if (k === 2) blocks.push(`<table>${Array.from({ length: 4 }, row).join("")}</table>`);
    else blocks.push(`<p>${words(60)}</p>`);
    y += [110, 150, 130, 120][k]!;
  }
  return `<!doctype html><html><head><style>
    body { margin: 0; width: 1280px; height: ${height}px; overflow: hidden; font-family: "Liberation Sans", sans-serif; color: #111; }
    header { background: #232f3e; color: #fff; padding: 14px 40px; font-size: 15px; }
    main { padding: 20px 60px; font-size: 15px; line-height: 1.45; }
    h1 { font-size: 26px; font-weight: 400; } h2 { font-size: 20px; margin: 18px 0 4px; }
    .price { font-size: 22px; color: #b12704; } s { color: #565959; font-size: 14px; }
    td { padding: 4px 18px 4px 0; font-size: 14px; } li { margin: 2px 0; }
  </style></head><body><header>${words(8)}</header><main><h1>${words(9)}</h1>${blocks.join("")}</main></body></html>`;
}

export interface OcrBench {
  images: number;
  megapixels: number;
  ours: { seconds: number; mpps: number; peakTreeMB: number; accuracy: Record<string, number> };
  peer: { seconds: number; mpps: number; peakTreeMB: number; accuracy: Record<string, number> };
  ratio: number;
  photos: { file: string; oursSeconds: number; peerSeconds: number; oursWords: number; peerWords: number }[];
}

/** Share of the known words found (as a multiset), after trimming punctuation. */
function accuracy(known: string[], found: readonly OcrWord[]): number {
  const norm = (w: string) => w.replace(/^[^\p{L}\p{N}$]+|[^\p{L}\p{N}]+$/gu, "");
  const have = new Map<string, number>();
  for (const w of found) have.set(norm(w.text), (have.get(norm(w.text)) ?? 0) + 1);
  let hit = 0;
  for (const k of known.map(norm).filter(Boolean)) {
    const n = have.get(k) ?? 0;
    if (n > 0) hit++, have.set(k, n - 1);
  }
  return hit / known.filter((k) => norm(k)).length;
}

/** Rows of the accuracy table: images grouped by height (3–5k, 5–8k, 8–12k px). */
const bucket = (h: number) => (h < 5000 ? "3–5k px" : h < 8000 ? "5–8k px" : "8–12k px");
function byBucket(heights: number[], values: number[]): Record<string, number> {
  const sums = new Map<string, number[]>();
  for (const [i, h] of heights.entries()) sums.set(bucket(h), [...(sums.get(bucket(h)) ?? []), values[i]!]);
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / v.length]));
}

async function sampled<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakTreeMB: number }> {
  const memory = new TreeMemory(process.pid);
  const timer = setInterval(() => memory.sample(), 200);
  const t = process.hrtime.bigint();
  try {
    const value = await fn();
    return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9, peakTreeMB: memory.peakTotal };
  } finally {
    clearInterval(timer);
  }
}

/** The peer: `tesseract in out tsv`, its defaults, one image at a time; the words of each. */
function peerRun(files: string[], dir: string): OcrWord[][] {
  return files.map((f, i) => {
    const out = join(dir, `peer-${i}`);
    const env = { ...process.env };
    delete env.OMP_THREAD_LIMIT;
    execFileSync("tesseract", [f, out, "tsv"], { env, stdio: ["ignore", "ignore", "ignore"] });
    return parseTsv(execFileSync("cat", [`${out}.tsv`], { encoding: "utf8" }), { scale: 1, top: 0 });
  });
}

/** The grey page as we give it to tesseract (upscaled as we upscale it), written for the peer. */
async function asGivenToTesseract(file: string, out: string): Promise<void> {
  const m = await sharp(file).metadata();
  const s = ocrScale(m.width!);
  await sharp(file)
    .rotate()
    .greyscale()
    .resize({ width: Math.round(m.width! * s), kernel: "lanczos3" })
    .png({ compressionLevel: 1 })
    .toFile(out);
}

export async function benchOcr(work: string, count: number, photos: string[]): Promise<OcrBench> {
  const dir = join(work, "ocr");
  mkdirSync(dir, { recursive: true });
  const browser = await puppeteer.launch({ executablePath: findChromium(), args: [...CHROMIUM_FLAGS, "--hide-scrollbars"] });
  const heights: number[] = [];
  const known: string[][] = [];
  const files: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const height = Math.round((3000 + (9000 * i) / Math.max(1, count - 1)) / 100) * 100;
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.setContent(pageHtml(i + 1, height), { waitUntil: "load" });
      // The text as rendered (innerText: what the screenshot shows), not the DOM's text nodes.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the known text
      known.push((await page.evaluate(() => document.body.innerText)).split(/\s+/).filter(Boolean));
      const file = join(dir, `${String(i + 1).padStart(2, "0")}.png`);
      writeFileSync(file, await page.screenshot({ fullPage: true, type: "png" }));
      await page.close();
      heights.push(height);
      files.push(file);
    }
  } finally {
    await browser.close();
  }
  const megapixels = heights.reduce((n, h) => n + (1280 * h) / 1e6, 0);
  const items = files.map(
    (f, i) =>
      ({
        id: f,
        source: { path: f.slice(dir.length + 1), sha256: `bench-${i}` },
        payload: { type: "image", width: 1280, height: heights[i], orientation: 1 },
      }) as unknown as EvidenceItem,
  );
  const options = {
    caseDir: dir,
    mode: "required" as const,
    languages: ["eng"],
    memo: (_: unknown, compute: () => Promise<never>) => compute(),
  };
  process.stderr.write(`OCR: ours on ${count} screenshots (${megapixels.toFixed(0)} MP), ${availableParallelism()} processes…\n`);
  const ours = await sampled(() => recogniseEvidence(items, options));
  const given = files.map((f) => `${f}.given.png`);
  for (const [i, f] of files.entries()) await asGivenToTesseract(f, given[i]!);
  process.stderr.write("OCR: the peer (tesseract, its defaults, one image at a time)…\n");
  const peer = await sampled(async () => peerRun(given, dir));
  const oursAcc = files.map((f, i) => accuracy(known[i]!, ours.value.items.get(f)!.pages[0]!.words));
  const scale = ocrScale(1280);
  const peerAcc = peer.value.map((ws, i) =>
    accuracy(
      known[i]!,
      ws.map((w) => ({ ...w, x: w.x / scale })),
    ),
  );
  const photoRows = [];
  for (const p of photos) {
    const item = {
      id: p,
      source: { path: p, sha256: `photo-${p}` },
      payload: { type: "image", width: 1, height: 1, orientation: 1 },
    } as unknown as EvidenceItem;
    const o = await sampled(() => recogniseEvidence([item], { ...options, caseDir: "/" }));
    await asGivenToTesseract(p, join(dir, "photo.png"));
    const q = await sampled(async () => peerRun([join(dir, "photo.png")], dir));
    photoRows.push({
      file: p.split("/").slice(-2).join("/"),
      oursSeconds: o.seconds,
      peerSeconds: q.seconds,
      oursWords: o.value.items.get(p)!.pages[0]!.words.filter((w) => w.confidence >= 60).length,
      peerWords: q.value[0]!.filter((w) => w.confidence >= 60).length,
    });
  }
  return {
    images: count,
    megapixels,
    ours: { seconds: ours.seconds, mpps: megapixels / ours.seconds, peakTreeMB: ours.peakTreeMB, accuracy: byBucket(heights, oursAcc) },
    peer: { seconds: peer.seconds, mpps: megapixels / peer.seconds, peakTreeMB: peer.peakTreeMB, accuracy: byBucket(heights, peerAcc) },
    ratio: peer.seconds / ours.seconds,
    photos: photoRows,
  };
}

export function printOcrBench(b: OcrBench): void {
  const f = (n: number, d = 1) => n.toFixed(d);
  const pct = (n: number | undefined) => (n === undefined ? "–" : `${(100 * n).toFixed(1)}%`);
  console.log(`\nOCR: ${b.images} screenshots 1280 × 3,000–12,000 px (${f(b.megapixels, 0)} MP), text rendered by Chromium\n`);
  console.log("| | ours | peer (tesseract CLI, defaults, one at a time) | ratio |");
  console.log("|---|---|---|---|");
  console.log(`| wall (s) | ${f(b.ours.seconds)} | ${f(b.peer.seconds)} | ${f(b.ratio, 2)}× |`);
  console.log(`| MP/s | ${f(b.ours.mpps, 2)} | ${f(b.peer.mpps, 2)} | |`);
  console.log(`| peak RSS, process tree (MB) | ${f(b.ours.peakTreeMB, 0)} | ${f(b.peer.peakTreeMB, 0)} | |`);
  for (const k of Object.keys(b.ours.accuracy))
    console.log(`| word accuracy, ${k} | ${pct(b.ours.accuracy[k])} | ${pct(b.peer.accuracy[k])} | |`);
  console.log("\n| photo | ours (s) | peer (s) | words ≥ 60% conf., ours | peer |\n|---|---|---|---|---|");
  for (const p of b.photos)
    console.log(`| ${p.file} | ${f(p.oursSeconds, 2)} | ${f(p.peerSeconds, 2)} | ${p.oursWords} | ${p.peerWords} |`);
}
