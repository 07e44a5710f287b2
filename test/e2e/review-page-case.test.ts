/**
 * `exhibits review`, the parts that reach beyond one sidecar, in real Chromium against the real server:
 * - an item whose title comes from a case.yaml evidence entry says so, and its title is saved in that entry;
 * - after a Rebuild from the page, the twin view shows first the page the redaction log puts the item's redaction on,
 *   marked, with the other pages below it;
 * - the regions the build blacked out by OCR on 05-received-box.jpg are offered dashed; a click keeps one in the
 *   sidecar (reason: its rule, basis: its basis; the YAML comments intact) and it is no longer offered;
 * - two items of one defendant ticked in the left list and grouped as a test buy become a case.yaml entry (comments
 *   intact, custody `edited` naming case.yaml), and the next `check` reads them as one exhibit and one test buy;
 *   items of different defendants are refused (422, the field named).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, findChromium } from "../../src/browser/index.js";
import { loadCase } from "../../src/case/index.js";
import { check } from "../../src/commands/check.js";
import { review } from "../../src/commands/review.js";
import { defendantFacts } from "../../src/consistency/chain-facts.js";
import { intakeEvidence } from "../../src/intake/index.js";
import { readRedactionLog } from "../../src/review/redaction-log.js";
import type { ReviewServer } from "../../src/review/server.js";
import type { ReviewState } from "../../src/review/types.js";
import { EPOCH, FIXTURE_CASE, copyFixture } from "../helpers/cli.js";

const BOX = "evidence/kpg/03-test-buy/05-received-box.jpg";
const PRODUCT = "evidence/studline/01-website-product.png";
const CHECKOUT = "evidence/studline/02-website-checkout.png";
const LISTING = "evidence/kpg/01-amazon-listing.png";
const OUT = "out/valentino-v-kaitlyn-pan";

const comments = (text: string) => text.split("\n").filter((l) => l.trim().startsWith("#"));
const edits = (caseDir: string) =>
  readFileSync(join(caseDir, "custody-log.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === "edited");
/** Where the screenshots go: REVIEW_SCREENSHOTS to keep them for a look, else the test's own folder. */
const shot = (work: string, name: string) => join(process.env.REVIEW_SCREENSHOTS ?? work, name);
const state = (page: Page) => page.evaluate(async () => (await (await fetch("/api/state")).json()) as ReviewState);

describe("exhibits review: case.yaml entries, suggested boxes, the redacted page first", () => {
  let work: string;
  let caseDir: string;
  let server: ReviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    caseDir = copyFixture();
    work = dirname(caseDir);
    const env = { ...process.env, SOURCE_DATE_EPOCH: EPOCH };
    server = await review({ cwd: work, caseDir: "case", out: "out", port: 0, env, operator: "P. Alegal (paralegal)" });
    browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.setDefaultTimeout(90_000); // each save reloads the case and runs check: slow on a busy machine
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("says that the received-box photo's title is case.yaml's, and saves a new title in that entry", async () => {
    await page.click(`button[data-item="${BOX}"]`);
    await page.waitForFunction(() => (document.getElementById("image") as HTMLImageElement).naturalWidth > 0);
    const note = await page.$eval("#entry-note", (e) => ({ hidden: (e as HTMLElement).hidden, text: e.textContent }));
    expect(note.hidden).toBe(false);
    expect(note.text).toMatch(/^title, description are set in case\.yaml evidence\[0\] \(line \d+\), the entry of the 5 files/);
    expect(await page.$$(".box.suggested")).toHaveLength(0); // nothing built yet: nothing to suggest
    const before = readFileSync(join(caseDir, "case.yaml"), "utf8");
    const sidecarBefore = readFileSync(join(caseDir, `${BOX}.meta.yaml`));
    await page.$eval("#f-title", (e) => ((e as HTMLInputElement).value = ""));
    await page.type("#f-title", "Test purchase received in Chicago, Illinois (order 114-7730215-6620491)");
    await page.click("#fields-save");
    await page.waitForFunction(() => document.getElementById("fields-status")?.textContent === "saved to case.yaml", { timeout: 60_000 });
    const after = readFileSync(join(caseDir, "case.yaml"), "utf8");
    const entry = (parse(after) as { evidence: { title: string }[] }).evidence[0]!;
    expect(entry.title).toBe("Test purchase received in Chicago, Illinois (order 114-7730215-6620491)");
    expect(comments(after)).toEqual(comments(before));
    // One line changed, no other byte.
    expect(after.split("\n").filter((l, i) => l !== before.split("\n")[i])).toEqual([
      "    title: Test purchase received in Chicago, Illinois (order 114-7730215-6620491)",
    ]);
    expect(readFileSync(join(caseDir, `${BOX}.meta.yaml`)).equals(sidecarBefore)).toBe(true);
    expect(edits(caseDir).at(-1)).toMatchObject({ item_id: BOX, details: { file: "case.yaml", entry: "evidence[0]", fields: "title" } });
    expect(await page.$eval("#item-title", (e) => e.textContent)).toBe(
      "Test purchase received in Chicago, Illinois (order 114-7730215-6620491)",
    );
  });

  it("rebuilds; the twin view then shows first the page holding the photo's redactions, marked", async () => {
    await page.click("#rebuild");
    await page.waitForSelector("body[data-build]", { timeout: 290_000 });
    expect(await page.$eval("body", (b) => b.dataset.build), await page.$eval("#build-status", (e) => e.textContent)).toBe("done");
    // Where the log puts the photo's first redaction, within its exhibit.
    const log = readRedactionLog(readFileSync(join(work, OUT, "sealed/redaction-log.csv"), "utf8"));
    const row = log.find((r) => r.item === BOX)!;
    const manifest = JSON.parse(readFileSync(join(work, OUT, "public/manifest.json"), "utf8")) as {
      exhibits: { label: string; bates: { first: string }; pages: number }[];
    };
    const exhibit = manifest.exhibits.find((e) => e.label === row.exhibit)!;
    const expected = Number(row.bates.replace(/\D/g, "")) - Number(exhibit.bates.first.replace(/\D/g, "")) + 1;
    expect(expected).toBeGreaterThan(1); // the photo is not on the exhibit's first page: the order is the page's doing
    await page.waitForFunction(
      (n) => {
        const rows = [...document.querySelectorAll<HTMLElement>("#twin-pages .twin-row")];
        return rows.length === n && [...rows[0]!.querySelectorAll("img")].every((i) => i.complete && i.naturalWidth > 0);
      },
      {},
      exhibit.pages,
    );
    const rows = await page.$$eval("#twin-pages .twin-row", (rs) =>
      rs.map((r) => ({ page: r.getAttribute("data-page"), cls: r.className })),
    );
    expect(rows[0]).toEqual({ page: String(expected), cls: "twin-row redacted" });
    expect(rows.slice(1).map((r) => Number(r.page))).toEqual(
      Array.from({ length: exhibit.pages }, (_, i) => i + 1).filter((p) => p !== expected),
    );
    expect(await page.$eval("#twin-pages .twin-row img[data-twin=sealed]", (i) => i.getAttribute("data-page"))).toBe(String(expected));
    expect(await page.$eval(".twin-mark", (e) => e.textContent)).toContain(`Page ${expected}: the redaction of this item`);
    // Scrolled to: the first row is within the right column's view.
    const seen = await page.$eval("#twin-pages .twin-row", (r) => {
      const a = document.getElementById("right")!.getBoundingClientRect();
      const b = r.getBoundingClientRect();
      return b.top >= a.top - 1 && b.top < a.bottom;
    });
    expect(seen).toBe(true);
    await page.screenshot({ path: shot(work, "review-redacted-first.png") });
  }, 300_000);

  it("offers the OCR regions of the photo dashed; a click keeps one in the sidecar and it is no longer offered", async () => {
    const log = readRedactionLog(readFileSync(join(work, OUT, "sealed/redaction-log.csv"), "utf8"));
    const ocr = log.filter((r) => r.item === BOX && r.layer === "ocr");
    expect(ocr.length).toBeGreaterThan(0);
    const offered = (await state(page)).items.find((i) => i.id === BOX)!.suggested!;
    expect(offered.length).toBeGreaterThan(0);
    // Each offered region is one of the log's OCR regions of the photo, with the log's rule.
    for (const o of offered)
      expect(ocr.some((r) => r.rule === o.rule && r.place.includes(`(x ${o.x}, y ${o.y}, ${o.width}×${o.height} px)`))).toBe(true);
    await page.waitForFunction((n) => document.querySelectorAll("#boxes .box.suggested").length === n, {}, offered.length);
    expect(await page.$$eval("#suggestions .suggestion", (b) => b.map((x) => x.textContent))).toEqual(
      offered.map((o, i) => `${i + 1}. ${o.rule}${o.basis ? ` (${o.basis})` : ""} — keep`),
    );
    await page.screenshot({ path: shot(work, "review-suggested.png") });
    const first = offered[0]!;
    const sidecarFile = join(caseDir, `${BOX}.meta.yaml`);
    const before = readFileSync(sidecarFile, "utf8");
    await page.click('#boxes .box.suggested[data-suggested="0"]');
    await page.waitForFunction((n) => document.querySelectorAll("#boxes .box.suggested").length === n, {}, offered.length - 1);
    const text = readFileSync(sidecarFile, "utf8");
    expect(text.startsWith(before)).toBe(true); // every line as it was, comments included; the box appended
    const boxes = (parse(text) as { redact: Record<string, unknown>[] }).redact;
    expect(boxes).toEqual([
      {
        x: first.x,
        y: first.y,
        width: first.width,
        height: first.height,
        reason: first.rule,
        ...(first.basis ? { basis: first.basis } : {}),
      },
    ]);
    expect(await page.$$eval("#boxes .box:not(.suggested):not(.drawing)", (b) => b.length)).toBe(1);
    expect(edits(caseDir).at(-1)).toMatchObject({ item_id: BOX, details: { sidecar: `${BOX}.meta.yaml`, fields: "redact" } });
    const still = (await state(page)).items.find((i) => i.id === BOX)!.suggested!;
    expect(still.some((s) => s.x === first.x && s.y === first.y)).toBe(false);
  });

  it("groups two items of one defendant as a test buy in case.yaml; the next check reads one exhibit, one test buy", async () => {
    const before = readFileSync(join(caseDir, "case.yaml"), "utf8");
    await page.click(`input.pick[data-item="${PRODUCT}"]`);
    expect(await page.$eval("#group-bar", (e) => (e as HTMLElement).hidden)).toBe(true); // one is not a group
    await page.click(`input.pick[data-item="${CHECKOUT}"]`);
    await page.waitForSelector("#group-bar:not([hidden])");
    expect(await page.$eval("#group-title", (e) => (e as HTMLInputElement).value)).toBe("Test purchase from Studline Outlet");
    expect(await page.$eval(`input.pick[data-item="${BOX}"]`, (e) => (e as HTMLInputElement).disabled)).toBe(true);
    await page.screenshot({ path: shot(work, "review-group.png") });
    await page.click("#group-button");
    await page.waitForFunction(() => document.getElementById("fields-status")?.textContent === "grouped as a test buy in case.yaml", {
      timeout: 120_000,
    });
    const after = readFileSync(join(caseDir, "case.yaml"), "utf8");
    expect(comments(after)).toEqual(comments(before));
    expect(after.startsWith(before.slice(0, before.indexOf("\n  # A second test buy")))).toBe(true);
    const evidence = (parse(after) as { evidence: unknown[] }).evidence;
    expect(evidence).toHaveLength(3);
    expect(evidence[2]).toEqual({
      files: [PRODUCT, CHECKOUT],
      defendant: "studline",
      kind: "purchase",
      title: "Test purchase from Studline Outlet",
    });
    expect(edits(caseDir).at(-1)).toMatchObject({
      item_id: "case.yaml",
      actor: "P. Alegal (paralegal)",
      details: { file: "case.yaml", entry: "evidence[2]" },
    });
    // The page: both in one exhibit, neither offered for another group.
    const s = await state(page);
    const [p, c] = [PRODUCT, CHECKOUT].map((id) => s.items.find((i) => i.id === id)!);
    expect(p!.exhibit).toBeDefined();
    expect(c!.exhibit).toBe(p!.exhibit);
    expect(p!.entry).toMatchObject({ index: 2, files: 2 });
    expect(await page.$eval(`input.pick[data-item="${PRODUCT}"]`, (e) => (e as HTMLInputElement).disabled)).toBe(true);
    // The next check: the case loads, nothing new is wrong, and the defendant's test buys are one, of the new entry.
    const checked = await check({ cwd: work, caseDir: "case", out: "out", env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
    const studline = checked.report.defendants.find((d) => d.id === "studline")!;
    expect(studline.findings.filter((f) => f.level === "error").map((f) => f.check)).not.toContain("has-evidence");
    const lc = { ...(await loadCase(caseDir)), displayDir: "case" };
    const { items } = await intakeEvidence(lc);
    const facts = defendantFacts({ defendants: lc.config.defendants, items }).find((f) => f.defendant.id === "studline")!;
    expect(facts.testBuys).toHaveLength(1);
    expect(facts.testBuys[0]!.records.map((r) => [r.itemId, r.entryIndex])).toEqual([[CHECKOUT, 2]]);
    expect(new Set(items.filter((i) => i.defendantId === "studline").map((i) => i.entryIndex))).toEqual(new Set([2]));
  }, 240_000);

  it("refuses a group of items of different defendants, or one already in an entry, naming the field (422)", async () => {
    const post = (ids: string[]) =>
      page.evaluate(
        async (body) => {
          const r = await fetch("/api/group", { method: "POST", headers: { "Content-Type": "application/json" }, body });
          return { status: r.status, body: (await r.json()) as { problems: { field: string; message: string }[] } };
        },
        JSON.stringify({ ids, title: "Test purchase" }),
      );
    const before = readFileSync(join(caseDir, "case.yaml"));
    const mixed = await post([LISTING, "evidence/studline/01-website-product.png"]);
    expect(mixed.status).toBe(422);
    expect(mixed.body.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["defendant"]));
    const taken = await post([LISTING, BOX]);
    expect(taken.status).toBe(422);
    expect(taken.body.problems).toEqual([{ field: "files[1]", message: expect.stringContaining("already in case.yaml evidence[0]") }]);
    expect(readFileSync(join(caseDir, "case.yaml")).equals(before)).toBe(true);
    expect(readFileSync(join(FIXTURE_CASE, "case.yaml")).length).toBeLessThan(before.length); // the fixture itself untouched
  });
});
