/**
 * `exhibits review`, the real server on 127.0.0.1 driven by real Chromium: refused without the token and with a foreign
 * Host header; the page opened with the token; a box drawn with the mouse on the listing screenshot lands in its
 * sidecar in image pixels (the YAML comment kept) and in the custody log as the operator's edit; Rebuild from the page
 * streams to "done"; the public exhibit 3 then has the box's pixels burnt black where the sealed one outlines them in
 * orange; invalid edits are refused, the field named in the response and beside the field in the page.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, findChromium } from "../../src/browser/index.js";
import { review } from "../../src/commands/review.js";
import type { ReviewServer } from "../../src/review/server.js";
import { EPOCH, FIXTURE_CASE, copyFixture } from "../helpers/cli.js";

const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

const LISTING = "evidence/kpg/01-amazon-listing.png";
const COMMENT = "# The listing is not found by searching Amazon: the seller sent its link in an Instagram DM";

/** GET with a Host header of our choosing (fetch will not send one). */
function getWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on("error", fail);
    req.end();
  });
}

/** One PDF page as RGB pixels (pdftoppm's PPM). */
function renderPage(pdf: string, page: number, dpi: number): { width: number; height: number; at: (x: number, y: number) => number[] } {
  const ppm = execFileSync("pdftoppm", ["-r", String(dpi), "-f", String(page), "-l", String(page), pdf], { maxBuffer: 256 << 20 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString("latin1"))!;
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  return { width, height, at: (x, y) => [...ppm.subarray(offset + (y * width + x) * 3, offset + (y * width + x) * 3 + 3)] };
}

const isBlack = ([r, g, b]: number[]) => r! < 40 && g! < 40 && b! < 40;
const isOrange = ([r, g, b]: number[]) => r! > 200 && g! > 90 && g! < 190 && b! < 90;

describe("exhibits review", () => {
  let work: string;
  let caseDir: string;
  let server: ReviewServer;
  let browser: Browser;
  let page: Page;
  let drawn: { x: number; y: number; width: number; height: number };

  beforeAll(async () => {
    caseDir = copyFixture();
    work = dirname(caseDir);
    const env = { ...process.env, SOURCE_DATE_EPOCH: EPOCH };
    server = await review({ cwd: work, caseDir: "case", out: "out", port: 0, env, operator: "P. Alegal (paralegal)" });
    browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("refuses a request without the token (401) and one naming another host (403)", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?t=[A-Za-z0-9_-]{32}$/);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/state`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/state?t=wrong`)).status).toBe(401);
    expect(await getWithHost(server.port, `/?t=${server.token}`, `attacker.example:${server.port}`)).toBe(403);
    expect(await getWithHost(server.port, `/?t=${server.token}`, `127.0.0.1:${server.port}`)).toBe(303);
  });

  it("opens with the token and draws a box on the listing screenshot into its sidecar, in image pixels", async () => {
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`); // the token left the address bar for the cookie
    await page.click(`button[data-item="${LISTING}"]`);
    await page.waitForFunction(() => (document.getElementById("image") as HTMLImageElement).naturalWidth > 0);
    await page.screenshot({ path: join(work, "review-selected.png") });
    const img = await page.$eval("#image", (i) => {
      const r = (i as HTMLImageElement).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, natural: (i as HTMLImageElement).naturalWidth };
    });
    const s = img.natural / img.width;
    drawn = { x: Math.round(120 * s), y: Math.round(140 * s), width: Math.round(220 * s), height: Math.round(60 * s) };
    await page.mouse.move(img.x + 120, img.y + 140);
    await page.mouse.down();
    await page.mouse.move(img.x + 250, img.y + 170, { steps: 4 });
    await page.mouse.move(img.x + 340, img.y + 200, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector("#box-form:not([hidden])");
    await page.type("#box-reason", "third party's name");
    await page.click("#box-save");
    await page.waitForFunction(() => document.querySelectorAll("#boxes .box:not(.drawing)").length === 1);

    const sidecarFile = join(caseDir, `${LISTING}.meta.yaml`);
    const text = readFileSync(sidecarFile, "utf8");
    expect(text).toContain(COMMENT);
    const box = (parse(text) as { redact: (typeof drawn & { reason: string })[] }).redact[0]!;
    expect(box.reason).toBe("third party's name");
    for (const k of ["x", "y", "width", "height"] as const) expect(Math.abs(box[k] - drawn[k]), k).toBeLessThanOrEqual(2);
    drawn = box;

    const edits = readFileSync(join(caseDir, "custody-log.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((e) => e.event === "edited");
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({
      item_id: LISTING,
      actor: "P. Alegal (paralegal)",
      details: { sidecar: `${LISTING}.meta.yaml`, fields: "redact" },
    });
    expect(edits[0].inputs).toEqual([sha256(readFileSync(join(FIXTURE_CASE, `${LISTING}.meta.yaml`)))]);
    expect(edits[0].outputs).toEqual([sha256(readFileSync(sidecarFile))]);
  });

  it("rebuilds from the page: the public exhibit 3 burns the box black, the sealed one outlines it in orange", async () => {
    await page.click("#rebuild");
    await page.waitForSelector("body[data-build]", { timeout: 290_000 });
    expect(await page.$eval("body", (b) => b.dataset.build), await page.$eval("#build-status", (e) => e.textContent)).toBe("done");
    expect(await page.$eval("#log", (e) => e.textContent)).toMatch(/leak gate/);
    await page.waitForFunction(
      () => [...document.querySelectorAll<HTMLImageElement>("#twin-pages img")].filter((i) => i.complete && i.naturalWidth > 0).length >= 4,
    );
    expect(await page.$$eval("#twin-pages img[data-twin=sealed]", (a) => a.length)).toBeGreaterThan(1);
    await page.screenshot({ path: join(work, "review-built.png") });

    const exhibit = (twin: string) => {
      const dir = join(work, "out/valentino-v-kaitlyn-pan", twin, "exhibits");
      return join(dir, readdirSync(dir).find((f) => f.startsWith("003 "))!);
    };
    // The box is 140 px down a 8450 px screenshot: on the exhibit's first page after the cover.
    const pub = renderPage(exhibit("public"), 2, 100);
    const sealed = renderPage(exhibit("sealed"), 2, 100);
    // Where the public page is black and the sealed one is not: the burnt box, and nothing else.
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
    for (let y = 0; y < pub.height; y++)
      for (let x = 0; x < pub.width; x++)
        if (isBlack(pub.at(x, y)) && !isBlack(sealed.at(x, y)))
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    expect(x1, "no burnt pixels on the public page").toBeGreaterThan(0);
    const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
    expect(Math.abs(w / h - drawn.width / drawn.height)).toBeLessThan(0.15 * (drawn.width / drawn.height));
    // Solid inside, on the public page.
    for (const [fx, fy] of [
      [0.2, 0.3],
      [0.5, 0.5],
      [0.8, 0.7],
    ])
      expect(isBlack(pub.at(x0 + Math.round(w * fx!), y0 + Math.round(h * fy!)))).toBe(true);
    // On the sealed page, the outline runs along the box's edges (within a pixel or two of them).
    const near = (x: number, y: number) => [-2, -1, 0, 1, 2].some((d) => isOrange(sealed.at(x, y + d)) || isOrange(sealed.at(x + d, y)));
    for (const f of [0.25, 0.5, 0.75]) {
      expect(near(x0 + Math.round(w * f), y0), "top edge").toBe(true);
      expect(near(x0 + Math.round(w * f), y1), "bottom edge").toBe(true);
    }
  }, 300_000); // a full build, on a machine shared with other runs

  it("refuses invalid edits, naming the field in the response and beside the field in the page", async () => {
    const post = (changes: unknown) =>
      page.evaluate(
        async (body) => {
          const r = await fetch("/api/edit", { method: "POST", headers: { "Content-Type": "application/json" }, body });
          return { status: r.status, body: (await r.json()) as { problems: { field: string; message: string }[] } };
        },
        JSON.stringify({ id: LISTING, changes }),
      );
    const sidecar = readFileSync(join(caseDir, `${LISTING}.meta.yaml`));
    const marks = await post({ marks: ["rockstud", "no-such-mark"] });
    expect(marks.status).toBe(422);
    expect(marks.body.problems).toEqual([{ field: "marks[1]", message: expect.stringContaining("unknown mark id 'no-such-mark'") }]);
    const outside = await post({ addRedact: { x: 1200, y: 100, width: 500, height: 20, reason: "r" } });
    expect(outside.status).toBe(422);
    expect(outside.body.problems[0]).toMatchObject({
      field: "redact[1]",
      message: expect.stringContaining("outside the 1280×8450 px image"),
    });
    expect(readFileSync(join(caseDir, `${LISTING}.meta.yaml`)).equals(sidecar)).toBe(true);

    await page.$eval("#f-rv-url", (e) => ((e as HTMLInputElement).value = ""));
    await page.type("#f-rv-url", "not a url");
    await page.click("#fields-save");
    await page.waitForFunction(() => document.querySelector('.error[data-field="reachedVia.url"]')?.textContent !== "");
    const shown = await page.$eval('.error[data-field="reachedVia.url"]', (e) => e.textContent);
    expect(shown).toMatch(/^reachedVia\.url: expected an absolute URL/);
    expect(await page.$eval("#f-rv-url", (e) => e.classList.contains("invalid"))).toBe(true);
    await page.screenshot({ path: join(work, "review-refused.png") });
    expect(readFileSync(join(caseDir, `${LISTING}.meta.yaml`)).equals(sidecar)).toBe(true);
  });
});
