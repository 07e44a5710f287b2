/**
 * OCR on the fixture case as built by the README's command: each bare screenshot's exhibit pages give pdftotext the
 * listing's title, price and seller name, placed over the pixels that show them (the page, drawn by poppler, is
 * cropped at each word's PDF box and the screenshot at the word's OCR box, and the two correlate, as the capture test
 * checks the DOM text layer); the shipping label in the photo of the box reads; a capture keeps its DOM text only.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BuildCache } from "../../../src/cache/index.js";
import { ocrWords } from "../../../src/cache/ocr-words.js";
import type { EvidenceItem } from "../../../src/model/evidence.js";
import type { OcrWord } from "../../../src/model/ocr.js";
import { recogniseEvidence } from "../../../src/ocr/index.js";
import { sha256File } from "../../../src/util/hash.js";
import { tempDir } from "../../helpers/cli.js";
import { correlation, pageImage, patch, words, type Word } from "../../helpers/pdf-words.js";
import { sharedBuild } from "../../helpers/shared-builds.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");
const exhibitOf = (title: RegExp, twin: "public" | "sealed" = "public") => {
  // The public tree holds every exhibit (a redacted one in both); the sealed one shows what the public one burned.
  const dir = join(shared.bundleDir, twin, "exhibits");
  return join(dir, readdirSync(dir).find((n) => title.test(n))!);
};

/** The words the build laid over each screenshot: read again through the words store the build filled. */
const ocr = new Map<string, OcrWord[]>();
async function wordsOf(path: string, width: number, height: number): Promise<OcrWord[]> {
  const item = {
    id: path,
    source: { path, ...(await sha256File(join(shared.caseDir, path))) },
    payload: { type: "image", width, height, orientation: 1 },
  } as unknown as EvidenceItem;
  const layer = await recogniseEvidence([item], {
    caseDir: shared.caseDir,
    mode: "required",
    languages: ["eng"],
    memo: ocrWords(new BuildCache(tempDir())),
  });
  return layer.items.get(path)!.pages[0]!.words;
}

const LISTING = "evidence/kpg/01-amazon-listing.png";
const PRODUCT = "evidence/studline/01-website-product.png";
beforeAll(async () => {
  ocr.set(LISTING, await wordsOf(LISTING, 1280, 8450));
  ocr.set(PRODUCT, await wordsOf(PRODUCT, 1280, 3885));
}, 300_000);

/**
 * Every occurrence of `text` on the exhibit's image pages lies over pixels showing that word: its PDF box, drawn,
 * correlates with the screenshot at one of the word's OCR boxes (and not with the pixels a few lines below).
 */
async function placed(pdf: string, screenshot: string, text: string): Promise<{ here: number; control: number }[]> {
  const inPdf = words(pdf).filter((w) => w.page > 1 && w.text === text);
  const inImage = ocr.get(screenshot)!.filter((w) => w.text === text);
  expect(inPdf.length, `"${text}" in the exhibit's text`).toBeGreaterThan(0);
  const results = [];
  for (const w of inPdf) {
    let best = { here: -1, control: 1 };
    for (const o of inImage) {
      const r = await alignment(pdf, w, o, join(shared.caseDir, screenshot));
      if (r.here > best.here) best = r;
    }
    results.push(best);
  }
  return results;
}

async function alignment(pdf: string, w: Word, o: OcrWord, screenshot: string) {
  const dpi = 288;
  const k = dpi / 72;
  const s = (w.xMax - w.xMin) / o.width; // points per screenshot pixel
  const pad = o.height / 4;
  const centre = (w.yMin + w.yMax) / 2;
  const box = { width: (o.width + 2 * pad) * s * k, height: (o.height + 2 * pad) * s * k };
  const shown = await patch(pageImage(pdf, w.page, dpi), {
    left: (w.xMin - pad * s) * k,
    top: (centre - (o.height / 2 + pad) * s) * k,
    ...box,
  });
  const at = (dy: number) =>
    patch(screenshot, { left: o.x - pad, top: o.y - pad + dy, width: o.width + 2 * pad, height: o.height + 2 * pad });
  return { here: correlation(shown, await at(0)), control: correlation(shown, await at(3 * o.height)) };
}

describe("OCR text over the fixture's screenshots", () => {
  it("the Amazon listing: its title, price and seller are in the exhibit's text, over the pixels that show them", async () => {
    const pdf = exhibitOf(/Amazon listing by KPG Boutique/);
    // Title "Women's Studded Pointed-Toe Pumps …", price "$89.99" (drawn as a large 89 between superscripts), seller.
    for (const text of ["Studded", "Pointed-Toe", "89", "Boutique"]) {
      for (const { here, control } of await placed(pdf, LISTING, text)) {
        expect(here, text).toBeGreaterThan(0.6);
        expect(here - control, text).toBeGreaterThan(0.25);
      }
    }
  }, 600_000);

  it("the website product page: title, sale price and the shop's name, placed likewise", async () => {
    const pdf = exhibitOf(/Website product page/);
    for (const text of ["Rock", "$119.00", "STUDLINE"]) {
      for (const { here, control } of await placed(pdf, PRODUCT, text)) {
        expect(here, text).toBeGreaterThan(0.6);
        expect(here - control, text).toBeGreaterThan(0.25);
      }
    }
  }, 600_000);

  it("the photo of the received box: the shipping label's address and tracking number read", () => {
    const pdf = exhibitOf(/Test purchase shipped/, "sealed"); // the public copy burns the label's address
    const text = words(pdf)
      .map((w) => w.text)
      .join(" ");
    expect(text).toContain("HALVORSEN ST UNIT 2");
    expect(text).toContain("CHICAGO IL 60614-3318");
    expect(text).toContain("TBA318822046000");
  });
});
