/**
 * Boxes of a carried-in PDF's words: pdftotext's boxes on the media box as shown are moved onto the crop box as
 * shown, and back onto the page before /Rotate for its invisible text (the numbers checked against poppler's own
 * output for the same pages with -cropbox).
 */
import { describe, expect, it } from "vitest";
import { type PageBoxes, type PdfPageWords, toCropBox, unrotatedBox } from "../../src/pdf/page-words.js";

const letter = (crop: PageBoxes["crop"], rotate: PageBoxes["rotate"]): PageBoxes => ({ media: [0, 0, 612, 792], crop, rotate });
const near = (b: { x: number; y: number; width: number; height: number }, x: number, y: number, w: number, h: number) => {
  expect(b.x).toBeCloseTo(x, 3);
  expect(b.y).toBeCloseTo(y, 3);
  expect(b.width).toBeCloseTo(w, 3);
  expect(b.height).toBeCloseTo(h, 3);
};

describe("PDF word boxes", () => {
  it("moves a box onto the crop box (pdftotext -cropbox gives the same)", () => {
    // "Cropped" drawn at (100, 500) on a page cropped to 50 60 450 560: media box 100,283.384 → crop box 50,51.384.
    near(toCropBox(letter([50, 60, 450, 560], 0), 100, 283.384, 146.02, 294.484), 50, 51.384, 46.02, 11.1);
  });

  it("moves a box onto the crop box of a page turned by /Rotate 90", () => {
    // pdftotext (media box, rotated): 497.516,100 – 508.616,146.02; with -cropbox: 437.516,50 – 448.616,96.02.
    near(toCropBox(letter([50, 60, 450, 560], 90), 497.516, 100, 508.616, 146.02), 437.516, 50, 11.1, 46.02);
  });

  it("leaves a box of an uncropped page where it is, whatever the rotation", () => {
    for (const rotate of [0, 90, 180, 270] as const) near(toCropBox(letter([0, 0, 612, 792], rotate), 10, 20, 30, 60), 10, 20, 20, 40);
  });

  it("turns a box of the page as shown back onto the page before /Rotate", () => {
    const page = (rotate: PdfPageWords["rotate"]): PdfPageWords => ({
      width: rotate % 180 ? 792 : 612,
      height: rotate % 180 ? 612 : 792,
      rotate,
      words: [],
    });
    const word = { x: 72, y: 83.384, width: 27.336, height: 11.1 }; // "Hello" at (72, 700) on a letter page
    near(unrotatedBox(word, page(0)), 72, 83.384, 27.336, 11.1);
    // As pdftotext shows the same word on the page turned 90°, 180° and 270°:
    near(unrotatedBox({ x: 697.516, y: 72, width: 11.1, height: 27.336 }, page(90)), 72, 83.384, 27.336, 11.1);
    near(unrotatedBox({ x: 612 - 99.336, y: 792 - 94.484, width: 27.336, height: 11.1 }, page(180)), 72, 83.384, 27.336, 11.1);
    near(unrotatedBox({ x: 83.384, y: 612 - 99.336, width: 11.1, height: 27.336 }, page(270)), 72, 83.384, 27.336, 11.1);
  });
});
