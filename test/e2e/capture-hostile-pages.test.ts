/**
 * `exhibits capture` (the CLI, real Chromium) against hostile pages on the local test site (fixtures/sites/hostile/):
 * dialogs, 1,000 alerts, pop-ups, a page that sends itself elsewhere after it loads. Each capture exits 0, its
 * capture.json records what the page did, and the screenshot, DOM and text are of the document the record names.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaptureOutcome, CaptureRecord, TextLayer } from "../../src/model/capture.js";
import { captureRecordSchema } from "../../src/schema/capture.js";
import { makeCaptureCase } from "../helpers/capture-case.js";
import { runCliAsync } from "../helpers/cli.js";
import { headingText } from "../helpers/screenshot-ocr.js";
import { startSiteServer, type SiteServer } from "../helpers/site-server.js";

let site: SiteServer;
let caseDir: string;

beforeAll(async () => {
  site = await startSiteServer();
  caseDir = makeCaptureCase();
});

afterAll(async () => {
  await site?.close();
});

interface Captured {
  outcome: CaptureOutcome;
  record: CaptureRecord;
  dom: string;
  text: string;
  png: Buffer;
}

/** Capture one page of the site through the CLI; exit 0 and a record that reads back through the schema. */
async function captureOne(path: string, ...flags: string[]): Promise<Captured> {
  const r = await runCliAsync([
    "capture",
    `${site.url}${path}`,
    "--case",
    caseDir,
    "--defendant",
    "glint",
    "--json",
    "--retries",
    "0",
    "--allow-private",
    ...flags,
  ]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const outcome = JSON.parse(r.stdout.trim()) as CaptureOutcome;
  expect(outcome.ok, r.stdout).toBe(true);
  const folder = join(caseDir, outcome.folder!);
  const raw = JSON.parse(readFileSync(join(folder, "capture.json"), "utf8")) as unknown;
  const parsed = captureRecordSchema.safeParse(raw);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  const layer = JSON.parse(readFileSync(join(folder, "text.json"), "utf8")) as TextLayer;
  return {
    outcome,
    record: raw as CaptureRecord,
    dom: readFileSync(join(folder, "dom.html"), "utf8"),
    text: layer.boxes.map((b) => b.text).join("\n"),
    png: readFileSync(join(folder, "screenshot.png")),
  };
}

describe("capture of hostile pages", () => {
  it("answers alert, confirm, prompt and beforeunload, and records each with its text and time", async () => {
    const c = await captureOne("/hostile/dialogs.html");
    const d = c.record.dialogs!;
    expect(d.count).toBe(4);
    expect(d.recorded.map(({ type, text, answer }) => ({ type, text, answer }))).toEqual([
      { type: "alert", text: "Welcome to Shopwell! Today only: 50% off.", answer: "dismissed" },
      { type: "confirm", text: "Accept all cookies?", answer: "dismissed" },
      { type: "prompt", text: "Enter your ZIP code", answer: "dismissed" },
      // Chromium gives a beforeunload dialog none of the page's text; accepted, the page may leave (and is held).
      { type: "beforeunload", text: "", answer: "accepted" },
    ]);
    const times = d.recorded.map((x) => x.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThan(0);
    // The page saw its dialogs dismissed: confirm answered false, prompt null; it stayed the document captured.
    expect(c.text).toContain("Answers: confirm false, prompt null.");
    expect(c.dom).toContain("Answers: confirm false, prompt null.");
    expect(c.record.navigations).toMatchObject({
      follow: false,
      count: 1,
      recorded: [{ url: `${site.url}/hostile/nav-final.html`, how: "script", outcome: "held" }],
    });
    expect(c.record.navigations!.recorded[0]!.atMs).toBeGreaterThan(times[3]!);
    expect(c.record.finalUrl).toBe(`${site.url}/hostile/dialogs.html`);
    expect(site.requests).not.toContain("/hostile/nav-final.html");
  }, 180_000);

  it("captures a page that opens 1,000 alerts: the first 50 recorded in order, all 1,000 counted", async () => {
    const c = await captureOne("/hostile/alerts.html");
    const d = c.record.dialogs!;
    expect(d.count).toBe(1000);
    expect(d.recorded).toHaveLength(50);
    expect(d.recorded.map((x) => x.text)).toEqual(Array.from({ length: 50 }, (_, i) => `Alert ${i + 1} of 1000`));
    expect(new Set(d.recorded.map((x) => `${x.type} ${x.answer}`))).toEqual(new Set(["alert dismissed"]));
    expect(c.text).toContain("The page went on after 1,000 alerts.");
    expect(c.record.settle.loadEvent).toBe(true);
  }, 240_000);

  it("closes the windows a page opens and records the URL each was given; the screenshot is the opener's", async () => {
    const c = await captureOne("/hostile/popups.html");
    expect(c.record.popups).toMatchObject({
      count: 3,
      closed: 3,
      recorded: [
        { url: `${site.url}/hostile/popup-ad.html?slot=1` },
        { url: `${site.url}/hostile/popup-ad.html?slot=2` },
        { url: `${site.url}/marketplace/listing.html` },
      ],
    });
    // The pop-ups' own alert ("You won a prize!") is answered in the pop-up and not recorded as the opener's dialog.
    expect(c.record.dialogs).toEqual({ count: 0, recorded: [] });
    expect(c.record.title).toBe("Shopwell · Pop-up page");
    expect(c.text).toContain("Three windows open when this page loads.");
    expect(c.text).not.toContain("Advertisement");
    expect(c.dom).not.toContain("Screw Bangle Bracelet");
  }, 180_000);

  it("holds a page that sends itself away 300 ms after it loads: the first document is captured, each navigation recorded", async () => {
    const cases = [
      { path: "/hostile/nav-first.html", heading: "First document", to: "/hostile/nav-second.html", how: "script" },
      { path: "/hostile/nav-replace.html", heading: "Replacing document", to: "/hostile/nav-final.html", how: "script" },
      { path: "/hostile/nav-second.html", heading: "Second document", to: "/hostile/nav-final.html", how: "meta refresh" },
    ] as const;
    for (const k of cases) {
      const before = site.requests.length;
      const c = await captureOne(k.path);
      expect(c.record, k.path).toMatchObject({ requestedUrl: `${site.url}${k.path}`, finalUrl: `${site.url}${k.path}`, status: 200 });
      expect(c.record.navigations, k.path).toMatchObject({
        follow: false,
        count: 1,
        recorded: [{ url: `${site.url}${k.to}`, how: k.how, outcome: "held" }],
      });
      expect(c.record.settings.followNavigation).toBe(false);
      // The screenshot, DOM and text are of the document the record names; the next one was never fetched.
      expect(c.text, k.path).toContain(k.heading);
      expect(c.dom).toContain(`<h1>${k.heading}</h1>`);
      expect(c.dom).not.toContain("Final document");
      expect(await headingText(c.png)).toContain(k.heading);
      expect(site.requests.slice(before)).not.toContain(k.to);
    }
  }, 300_000);

  it("with --follow-navigation captures the document the page ends on, each navigation recorded as a hop", async () => {
    const before = site.requests.length;
    const c = await captureOne("/hostile/nav-first.html", "--follow-navigation");
    expect(c.record).toMatchObject({
      requestedUrl: `${site.url}/hostile/nav-first.html`,
      finalUrl: `${site.url}/hostile/nav-final.html`,
      status: 200,
      title: "Shopwell · Final document",
      settings: { followNavigation: true },
    });
    expect(c.record.navigations).toMatchObject({
      follow: true,
      count: 2,
      recorded: [
        {
          url: `${site.url}/hostile/nav-second.html`,
          how: "script",
          outcome: "followed",
          from: `${site.url}/hostile/nav-first.html`,
          status: 200,
        },
        {
          url: `${site.url}/hostile/nav-final.html`,
          how: "meta refresh",
          outcome: "followed",
          from: `${site.url}/hostile/nav-second.html`,
          status: 200,
        },
      ],
    });
    const [first, second] = c.record.navigations!.recorded;
    expect(second!.atMs).toBeGreaterThan(first!.atMs);
    expect(c.text).toContain("Final document");
    expect(c.text).not.toContain("First document");
    expect(c.dom).toContain("<h1>Final document</h1>");
    expect(await headingText(c.png)).toContain("Final document");
    expect(c.outcome.finalUrl).toBe(`${site.url}/hostile/nav-final.html`);
    expect(site.requests.slice(before)).toEqual(expect.arrayContaining(["/hostile/nav-second.html", "/hostile/nav-final.html"]));
  }, 180_000);
});
