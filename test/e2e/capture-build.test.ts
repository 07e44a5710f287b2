/**
 * A case made of live captures, built: the exhibit pages carry the page's own text, invisibly, exactly over
 * the pixels where it was shown (checked by cropping both at the text's box), the capture facts appear on
 * the cover sheet, and the MHTML snapshot rides inside the exhibit PDF. A capture whose files changed
 * after capture is refused.
 */
import { LIVE_EPOCH } from "../helpers/cli.js";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capture } from "../../src/commands/capture.js";
import type { CaptureOutcome, CaptureRecord, TextBox, TextLayer } from "../../src/model/capture.js";
import { makeCaptureCase } from "../helpers/capture-case.js";
import { correlation, pageImage, patch, words } from "../helpers/pdf-words.js";
import { hashTree, tempDir } from "../helpers/cli.js";
import { runBuild, runCheck, runVerify } from "../helpers/commands.js";
import { startSiteServer, type SiteServer } from "../helpers/site-server.js";

let server: SiteServer;
let caseDir: string;
let out: string;
let listing: CaptureOutcome;
let generic: CaptureOutcome;
let ocrStats: { hits: number; misses: number } | undefined;

const CASE = "glint-capture";
const read = <T>(o: CaptureOutcome, name: string): T => JSON.parse(readFileSync(join(caseDir, o.folder!, name), "utf8")) as T;
const exhibitFile = (twin: string, n: number) => {
  const dir = join(out, CASE, twin, "exhibits");
  // By its number: the sealed tree holds only the exhibits filed under seal (here the redacted one, Exhibit 2).
  return join(dir, readdirSync(dir).find((f) => f.startsWith(`${String(n).padStart(3, "0")} `))!);
};

/** Where the PDF's text for `box` lies and what the page shows there, against what the screenshot shows at the box. */
async function alignment(pdf: string, o: CaptureOutcome, box: TextBox) {
  const record = read<CaptureRecord>(o, "capture.json");
  const first = box.text.split(" ")[0]!;
  const last = box.text.split(" ").at(-1)!;
  const all = words(pdf);
  const start = all.find(
    (w) => w.text === first && all.some((v) => v.page === w.page && v.text === last && Math.abs(v.yMin - w.yMin) < 0.5),
  );
  expect(start, `"${box.text}" in the PDF text`).toBeDefined();
  const end = all.find((v) => v.page === start!.page && v.text === last && Math.abs(v.yMin - start!.yMin) < 0.5 && v.xMax >= start!.xMin)!;
  const dpi = 288;
  const k = dpi / 72;
  const page = pageImage(pdf, start!.page, dpi);
  // Same region on both sides: the line's box plus a margin of a quarter of its height all round, centred
  // where the PDF's text says the line is (scale from the line's width in points against its width in pixels).
  const s = (end.xMax - start!.xMin) / box.width;
  const pad = box.height / 4;
  const centre = (start!.yMin + start!.yMax) / 2;
  const shown = await patch(page, {
    left: (start!.xMin - pad * s) * k,
    top: (centre - (box.height / 2 + pad) * s) * k,
    width: (box.width + 2 * pad) * s * k,
    height: (box.height + 2 * pad) * s * k,
  });
  const screenshot = readFileSync(join(caseDir, o.folder!, record.exhibitImage));
  const y = box.y + record.bannerHeight;
  const truth = await patch(screenshot, { left: box.x - pad, top: y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad });
  const elsewhere = await patch(screenshot, {
    left: box.x - pad,
    top: y - pad + 3 * box.height,
    width: box.width + 2 * pad,
    height: box.height + 2 * pad,
  });
  return { here: correlation(shown, truth), control: correlation(shown, elsewhere) };
}

beforeAll(async () => {
  server = await startSiteServer();
  caseDir = makeCaptureCase();
  const common = {
    cwd: caseDir,
    caseDir,
    marks: ["screw"],
    flags: { hide: ["#cookie-banner"], click: ["#read-more"], allowPrivate: true },
    retries: 0,
    trustCerts: [],
    operator: "Dana Investigator",
    wait: true,
  };
  // Two capture runs at once (they differ in --banner), into different defendants' folders: the second waits for the
  // case folder's lock (one capture run per case folder at a time).
  [listing, generic] = (
    await Promise.all([
      capture({ ...common, urls: [`${server.url}/go/listing`], defendant: "glint", banner: true }),
      capture({ ...common, urls: [`${server.url}/marketplace/generic-listing.html`], defendant: "other", banner: false }),
    ])
  ).map((r) => r.outcomes[0]!) as [CaptureOutcome, CaptureOutcome];
  expect([listing.ok, generic.ok]).toEqual([true, true]);
  // Redact the price of the brandless listing in the public twin (its pixels and its text).
  const price = read<TextLayer>(generic, "text.json").boxes.find((b) => b.text === "$18.99")!;
  writeFileSync(
    join(caseDir, generic.folder!, "screenshot.png.meta.yaml"),
    `redact:\n  - { x: ${Math.floor(price.x) - 2}, y: ${Math.floor(price.y) - 2}, width: ${Math.ceil(price.width) + 4}, height: ` +
      `${Math.ceil(price.height) + 4}, reason: test }\n`,
  );
  out = join(tempDir(), "out");
  const r = await runBuild({ env: LIVE_EPOCH, caseDir, out, quiet: true });
  expect(r.code, r.stderr).toBe(0);
  ocrStats = r.result!.cache.ocr;
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe("build on captures", () => {
  it("keeps a capture's own DOM text: its screenshots are never OCR'd, and the cover says nothing of OCR", () => {
    expect(ocrStats).toBeUndefined();
    // The whole exhibit: its cover sheet may continue on a second page.
    const text = execFileSync("pdftotext", [exhibitFile("public", 1), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toMatch(/invisible text layer from the page.s DOM/);
    expect(text).not.toMatch(/OCR text layer|OCR \(/);
  });

  it("makes exhibits whose text (pdftotext) holds the listing's title and price", () => {
    const text = execFileSync("pdftotext", ["-layout", exhibitFile("public", 1), "-"], { encoding: "utf8" });
    expect(text).toContain("Women's Classic Screw Bangle");
    expect(text).toContain("Bracelet, 18K Gold Plated");
    expect(text).toContain("$24.99");
    expect(text).toContain("GlintJewel");
  });

  it("places the title and price over the pixels that show them (banner copy: shifted below the banner)", async () => {
    const boxes = read<TextLayer>(listing, "text.json").boxes;
    for (const wanted of ["$24.99", "Bracelet, 18K Gold Plated", "Women's Classic Screw Bangle"]) {
      const box = boxes.find((b) => b.text === wanted)!;
      const { here, control } = await alignment(exhibitFile("public", 1), listing, box);
      expect(here, wanted).toBeGreaterThan(0.85);
      expect(control, wanted).toBeLessThan(0.5);
    }
  });

  it("places text right on an exhibit made from a clean screenshot too", async () => {
    const box = read<TextLayer>(generic, "text.json").boxes.find((b) => b.text.startsWith("Women's Fashion Classic"))!;
    const { here, control } = await alignment(exhibitFile("sealed", 2), generic, box);
    expect(here).toBeGreaterThan(0.85);
    expect(control).toBeLessThan(0.5);
  });

  it("keeps characters beyond the BMP in the text layer (CJK Extension B, emoji)", () => {
    const text = execFileSync("pdftotext", [exhibitFile("sealed", 2), "-"], { encoding: "utf8" });
    expect(text).toContain("义乌星光饰品");
    for (const astral of ["𠀋", "👜", "🛒"]) expect(text, astral).toContain(astral);
    expect(text).not.toContain("\ufffd");
  });

  it("leaves redacted text out of the public twin's text layer, and keeps it in the sealed twin", () => {
    const pub = execFileSync("pdftotext", [exhibitFile("public", 2), "-"], { encoding: "utf8" });
    const sealed = execFileSync("pdftotext", [exhibitFile("sealed", 2), "-"], { encoding: "utf8" });
    expect(sealed).toContain("$18.99");
    expect(pub).not.toContain("$18.99");
    expect(pub).toContain("Women's Fashion Classic Screw Love");
  });

  it("shows the capture facts on the cover sheet", () => {
    const cover = execFileSync("pdftotext", ["-f", "1", "-l", "1", exhibitFile("public", 1), "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    expect(cover).toContain(`Requested URL ${server.url}/go/listing`);
    expect(cover).toMatch(
      new RegExp(
        String.raw`Redirects 302 http:\/\/127\.0\.0\.1:\d+\/go\/listing → 301 http:\/\/127\.0\.0\.1:\d+\/r2 ` +
          String.raw`→ 200 http:\/\/127\.0\.0\.1:\d+\/marketplace\/listing\.html`,
      ),
    );
    expect(cover).toMatch(/HTTP response 200 OK from 127\.0\.0\.1:\d+/);
    expect(cover).toMatch(/Browser Chromium \d+\.\d+\.\d+\.\d+ /);
    expect(cover).toMatch(/Window 1366 × 900 px; user agent: /);
    expect(cover).toMatch(/Tool exhibits \S+ Browser Chromium [\d.]+ Operating system \S+/);
    expect(cover).toMatch(/First hashed at capture, \d{4}-\d{2}-\d{2} [\d:]+ UTC \(capture\.json records each file's SHA-256\)/);
    // What capture.json does not record is said to be not recorded.
    expect(cover).toContain("Not recorded egress IP, logged-in account");
    expect(cover).toContain("hidden before the screenshot: #cookie-banner (1)");
    expect(cover).toContain("Captured by Dana Investigator");
    expect(cover).toMatch(/Banner the pages show a copy with a 58 px strip/);
    // A capture's provenance summary may run onto the cover's second page (every SHA-256 stays on the first).
    const both = execFileSync("pdftotext", ["-f", "1", "-l", "2", exhibitFile("public", 1), "-"], { encoding: "utf8" });
    expect(both.replace(/\s+/g, " ")).toContain("invisible text layer");
  });

  it("keeps the MHTML snapshot and capture.json beside the exhibit PDF (N.D. Ill.: no embedded files), byte for byte", () => {
    const pdf = exhibitFile("public", 1);
    expect(execFileSync("pdfdetach", ["-list", pdf], { encoding: "utf8" })).toMatch(/^0 embedded files/);
    const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");
    const stem = listing
      .folder!.replace(/^evidence\//, "")
      .split("/")
      .join("_");
    const natives = join(out, CASE, "public", "natives", "001");
    expect(sha(join(natives, `${stem}_page.mhtml`))).toBe(sha(join(caseDir, listing.folder!, "page.mhtml")));
    expect(sha(join(natives, `${stem}_capture.json`))).toBe(sha(join(caseDir, listing.folder!, "capture.json")));
    const cover = execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(cover).toContain("kept beside this exhibit in the bundle's natives/ folder, not embedded in this PDF");
    expect(cover).not.toContain("attached to this PDF");
    expect(execFileSync("qpdf", ["--check", pdf], { encoding: "utf8" })).toMatch(/No syntax or stream encoding errors/);
  });

  it("verifies, and rebuilds byte for byte", async () => {
    expect((await runVerify(join(out, CASE))).code).toBe(0);
    const again = join(tempDir(), "out");
    expect((await runBuild({ env: LIVE_EPOCH, caseDir, out: again, quiet: true })).code).toBe(0);
    expect(hashTree(join(again, CASE))).toEqual(hashTree(join(out, CASE)));
  });
});

describe("a capture changed after it was taken", () => {
  const tampered = (change: (folder: string) => void) => {
    const copy = join(tempDir(), "case");
    cpSync(caseDir, copy, { recursive: true });
    change(join(copy, listing.folder!));
    return runBuild({ env: LIVE_EPOCH, caseDir: copy, out: join(tempDir(), "out") });
  };

  it("is refused when a captured file changed, naming it", async () => {
    const r = await tampered((f) => appendFileSync(join(f, "text.json"), " "));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/text\.json: changed since it was captured: capture\.json records \d+ bytes/);
  });

  it("is refused when a file was added to the capture folder or one removed", async () => {
    const added = await tampered((f) => writeFileSync(join(f, "notes.txt"), "x"));
    expect(added.code).toBe(3);
    expect(added.stderr).toMatch(/notes\.txt: is inside a capture folder but not listed in its capture\.json/);
    const removed = await tampered((f) => execFileSync("rm", [join(f, "page.mhtml")]));
    expect(removed.stderr).toMatch(/page\.mhtml: is listed in capture\.json but missing/);
  });

  it("is refused when capture.json itself was edited into something invalid, naming the field", async () => {
    const r = await tampered((f) => {
      const rec = JSON.parse(readFileSync(join(f, "capture.json"), "utf8"));
      rec.startedAt = "yesterday";
      writeFileSync(join(f, "capture.json"), JSON.stringify(rec, null, 2));
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/capture\.json:\d+:\d+ \(field startedAt\): expected an ISO 8601 time/);
    mkdirSync(tempDir(), { recursive: true });
  });
});

describe("check on captures", () => {
  it("warns about a capture that did not settle or was cut, naming its folder", async () => {
    const copy = join(tempDir(), "case");
    cpSync(caseDir, copy, { recursive: true });
    const r0 = await runCheck(copy);
    expect(r0.stdout).not.toMatch(/capture-complete/);
    const never = (
      await capture({
        cwd: copy,
        caseDir: copy,
        urls: [`${server.url}/slow/never.html`],
        defendant: "glint",
        marks: [],
        flags: { hide: [], click: [], settleSeconds: 1, allowPrivate: true },
        banner: false,
        retries: 0,
        trustCerts: [],
      })
    ).outcomes[0]!;
    const r = await runCheck(copy);
    expect(r.stdout).toContain(
      `WARNING capture-complete: ${never.folder}: the page never finished loading; the network was still busy (1 request(s) open)`,
    );
  }, 120_000);
});
