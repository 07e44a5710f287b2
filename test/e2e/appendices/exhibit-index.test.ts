/**
 * The exhibit index's chunks, rendered and joined: the joined PDF keeps every page and link, and rewriting it from
 * the previous file after one chunk changed gives the same bytes as writing it afresh.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "../../../src/browser/index.js";
import { open } from "node:fs/promises";
import { finishAppendixPiece, LINK_BASE, joinPdfParts, type PreviousFile } from "../../../src/pdf/index.js";
import { hexOf, sha256Bytes } from "../../../src/util/hash.js";

describe("appendix pieces joined", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  const html = (from: number, pages: number, word = "Exhibit") =>
    `<!DOCTYPE html><html><head><style>@page { size: Letter; margin: 1in } .p { break-after: page }</style></head><body>${Array.from(
      { length: pages },
      (_, i) => `<div class="p"><a href="${LINK_BASE}bundle.pdf#page=${from + i}">${word} ${from + i}</a></div>`,
    ).join("")}</body></html>`;
  const meta = { title: "Index of Exhibits", producer: "exhibits test", builtAt: "2026-01-01T00:00:00Z" };
  const piece = async (render: Uint8Array, pages: number) => {
    const bytes = await finishAppendixPiece(render, "../", {
      format: "Page {n} of {total}",
      first: 1,
      total: pages,
      bottomMargin: 72,
      size: 12,
    });
    return { bytes, sha256: hexOf(sha256Bytes(bytes)), pages };
  };

  it("joins rendered chunks into one PDF: every page, every link made a link to the sibling file, fixed metadata", async () => {
    const pieces = [await piece(await browser.htmlToPdf(html(1, 2)), 2), await piece(await browser.htmlToPdf(html(3, 3)), 3)];
    const dir = mkdtempSync(join(tmpdir(), "exhibits-finish-"));
    await joinPdfParts(join(dir, "joined.pdf"), pieces, meta);
    execFileSync("qpdf", ["--check", join(dir, "joined.pdf")]);
    const info = execFileSync("pdfinfo", [join(dir, "joined.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+5\n/);
    expect(info).toMatch(/Title:\s+Index of Exhibits\n/);
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", join(dir, "joined.pdf"), join(dir, "joined.qdf")]);
    const text = readFileSync(join(dir, "joined.qdf"), "latin1");
    expect(text).not.toContain("exhibits.invalid");
    expect(text).not.toContain("/PageLabels"); // appendix pages are numbered as they are: no labels
    const targets = [...text.matchAll(/\/D \[\s*(\d+)\s*\/Fit/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(targets).toEqual([0, 1, 2, 3, 4]); // bundle.pdf#page=1…5, zero-based
    expect(text).toContain("(../bundle.pdf)");
  }, 60_000);

  it("rewritten from the previous file after one piece changed, equals the file written from scratch", async () => {
    const a = await piece(await browser.htmlToPdf(html(1, 2)), 2);
    const b = await piece(await browser.htmlToPdf(html(3, 3)), 3);
    const c = await piece(await browser.htmlToPdf(html(6, 2)), 2);
    const b2 = await piece(await browser.htmlToPdf(html(3, 4, "Ex.")), 4);
    const dir = mkdtempSync(join(tmpdir(), "exhibits-rewrite-"));
    const first = await joinPdfParts(join(dir, "first.pdf"), [a, b, c], meta);
    const previous: PreviousFile = {
      parts: first.layout,
      read: async (start, length) => {
        const fh = await open(join(dir, "first.pdf"));
        try {
          const buf = Buffer.alloc(length);
          await fh.read(buf, 0, length, start);
          return buf;
        } finally {
          await fh.close();
        }
      },
    };
    const rewritten = await joinPdfParts(join(dir, "rewritten.pdf"), [a, b2, c], meta, previous);
    const fresh = await joinPdfParts(join(dir, "fresh.pdf"), [a, b2, c], meta);
    expect(rewritten.copied).toEqual([true, false, false]); // the first piece's bytes came from the previous file
    expect(readFileSync(join(dir, "rewritten.pdf")).equals(readFileSync(join(dir, "fresh.pdf")))).toBe(true);
    expect(rewritten.sha256).toBe(fresh.sha256);
    expect(execFileSync("pdfinfo", [join(dir, "rewritten.pdf")], { encoding: "utf8" })).toMatch(/Pages:\s+8\n/);
    execFileSync("qpdf", ["--check", join(dir, "rewritten.pdf")]);
  }, 60_000);
});
