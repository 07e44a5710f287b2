/**
 * The footer of an exhibit's evidence pages, read back with poppler's pdftotext as a reader of the filed PDF would: the
 * URL and the capture time in the case's zone with its offset; a long URL shortened in its middle so the time still
 * shows; "capture time not recorded" when the record has none.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { footerOf } from "../../../src/exhibits/parts.js";
import { registerStampFonts, stampPage } from "../../../src/pdf/stamp.js";
import { tempDir } from "../../helpers/cli.js";
import { screenshot } from "../../helpers/items.js";

async function footerText(provenance: string): Promise<string> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  stampPage(
    doc.context,
    page,
    registerStampFonts(doc.context),
    { label: "Exhibit 3 · page 2 of 7", provenance, bates: "VAL000007" },
    false,
  );
  const file = join(tempDir("exhibits-footer-"), "page.pdf");
  writeFileSync(file, await doc.save());
  execFileSync("qpdf", ["--check", file], { stdio: "pipe" });
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("evidence page footer", () => {
  it("carries the URL and the capture time in the case's zone, with the offset", async () => {
    const item = screenshot("evidence/a/listing.png", 900, {
      url: "https://www.amazon.com/dp/B0FAKE1234",
      capturedAt: "2026-03-14T17:22:05Z",
      capturedAtSource: "sidecar",
    });
    const text = await footerText(footerOf(item, "America/Chicago", (s) => s));
    expect(text).toContain("https://www.amazon.com/dp/B0FAKE1234 · captured 2026-03-14 12:22 CDT (UTC-5) · SHA-256");
    expect(text).toContain("VAL000007");
  });

  it("shortens a long URL in its middle, keeping its host, its end and the capture time", async () => {
    const url = `https://studline-outlet.example/checkouts/c/${"7f3e2a91b4d04c5e8a61".repeat(8)}/final-step`;
    const item = screenshot("evidence/b/checkout.png", 900, { url, capturedAt: "2026-01-16T19:12:44Z", capturedAtSource: "capture" });
    const text = await footerText(footerOf(item, "America/Chicago", (s) => s));
    expect(text).toContain("https://studline-outlet.example/checkouts/");
    expect(text).toContain("...");
    expect(text).toMatch(/final-step · captured 2026-01-16 13:12 CST \(UTC-6\) · SHA-256 [0-9a-f]+/);
  });

  it('says "capture time not recorded" when the record has none, and masks what the public tree may not name', async () => {
    const item = screenshot("evidence/b/store.png", 900, { url: "https://studline-outlet.example/", capturedAtSource: "unknown" });
    const text = await footerText(footerOf(item, "America/Chicago", (s) => s.replaceAll("https://studline-outlet.example/", "Doe No. 2")));
    expect(text).toContain("Doe No. 2 · capture time not recorded · SHA-256");
    expect(text).not.toContain("studline");
  });
});
