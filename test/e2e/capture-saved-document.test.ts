/**
 * `exhibits capture` (the CLI, real Chromium, the local test site on 127.0.0.1): the record is taken from the document
 * the files hold, on pages that change their address every 200 ms; a URL is recorded as given, malformed %-escapes
 * and all; requests to link-local (cloud metadata) addresses are refused even with --allow-private, and without it
 * the local site itself is refused before any request reaches it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaptureOutcome, CaptureRecord } from "../../src/model/capture.js";
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

interface Saved {
  record: CaptureRecord;
  dom: string;
  text: string;
  /** The MHTML's own address of the page, and its HTML part with quoted-printable soft breaks and escapes undone. */
  mhtmlUrl: string;
  mhtmlHtml: string;
  png: Buffer;
}

async function run(url: string, ...flags: string[]): Promise<{ code: number | null; outcome: CaptureOutcome; stderr: string }> {
  const r = await runCliAsync(["capture", url, "--case", caseDir, "--defendant", "glint", "--json", "--retries", "0", ...flags]);
  const outcome = JSON.parse(r.stdout.trim()) as CaptureOutcome;
  return { code: r.code, outcome, stderr: r.stderr };
}

function saved(outcome: CaptureOutcome): Saved {
  const folder = join(caseDir, outcome.folder!);
  const raw = JSON.parse(readFileSync(join(folder, "capture.json"), "utf8")) as unknown;
  const parsed = captureRecordSchema.safeParse(raw);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  const mhtml = readFileSync(join(folder, "page.mhtml"), "latin1");
  const htmlPart = mhtml.slice(mhtml.indexOf("Content-Type: text/html"));
  const qp = htmlPart.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  const layer = JSON.parse(readFileSync(join(folder, "text.json"), "utf8")) as { boxes: { text: string }[] };
  return {
    record: raw as CaptureRecord,
    dom: readFileSync(join(folder, "dom.html"), "utf8"),
    text: layer.boxes.map((b) => b.text).join("\n"),
    mhtmlUrl: /^Content-Location: (\S+)/m.exec(htmlPart)![1]!,
    mhtmlHtml: Buffer.from(qp, "latin1").toString("utf8"),
    png: readFileSync(join(folder, "screenshot.png")),
  };
}

/** The heading number each file shows: the record's URL and title, the DOM, the MHTML, the text layer, the screenshot. */
async function shownEverywhere(s: Saved): Promise<number> {
  const n = Number(/Loop document (\d+)<\/h1>/.exec(s.dom)?.[1]);
  expect(Number.isInteger(n), s.dom).toBe(true);
  expect(s.record.title).toBe(`Shopwell · Loop document ${n}`);
  expect(s.mhtmlHtml).toContain(`>Loop document ${n}</h1>`);
  expect(s.mhtmlHtml).toContain(`<title>Shopwell · Loop document ${n}</title>`);
  expect(s.text).toContain(`Loop document ${n}`);
  expect(await headingText(s.png)).toContain(`Loop document ${n}`);
  // The record's address is the document's as it was saved (the MHTML's own).
  expect(s.record.finalUrl).toBe(s.mhtmlUrl);
  return n;
}

describe("the record is the saved document's", () => {
  it("a page that changes its address every 200 ms through the history API: URL, title and files of one state", async () => {
    const path = "/hostile/nav-loop-push.html";
    const { code, outcome } = await run(`${site.url}${path}`, "--allow-private");
    expect(code).toBe(0);
    const s = saved(outcome);
    const n = await shownEverywhere(s);
    expect(n).toBeGreaterThan(0);
    expect(s.record.finalUrl).toBe(`${site.url}${path}?n=${n}`);
    expect(outcome.finalUrl).toBe(s.record.finalUrl);
    // Status and headers are of the response that brought the document, whose URL the record names.
    expect(s.record).toMatchObject({ requestedUrl: `${site.url}${path}`, responseUrl: `${site.url}${path}`, status: 200 });
    expect(s.record.headers["content-type"]).toBe("text/html; charset=utf-8");
    // Each change of address is a recorded hop within the document, the last one being the address saved, and the
    // scripts were stopped after it (the stated point).
    const hops = s.record.navigations!.recorded;
    expect(hops).toHaveLength(n);
    expect(hops.map((h) => h.url)).toEqual(Array.from({ length: n }, (_, i) => `${site.url}${path}?n=${i + 1}`));
    expect(new Set(hops.map((h) => `${h.how}/${h.outcome}`))).toEqual(new Set(["within the document/same-document"]));
    expect(s.record.settle.scriptsStoppedAtMs).toBeGreaterThan(hops.at(-1)!.atMs);
  }, 180_000);

  it("pages that load another document every 200 ms (location.href, location.replace): the first is held and saved", async () => {
    for (const path of ["/hostile/nav-loop-href.html", "/hostile/nav-loop-replace.html"]) {
      const before = site.requests.length;
      const { code, outcome } = await run(`${site.url}${path}`, "--allow-private");
      expect(code, path).toBe(0);
      const s = saved(outcome);
      expect(await shownEverywhere(s), path).toBe(0);
      expect(s.record, path).toMatchObject({ requestedUrl: `${site.url}${path}`, finalUrl: `${site.url}${path}`, status: 200 });
      expect(s.record.responseUrl).toBeUndefined();
      const nav = s.record.navigations!;
      expect(nav.count, path).toBeGreaterThanOrEqual(2);
      expect(new Set(nav.recorded.map((h) => `${h.url} ${h.how} ${h.outcome}`))).toEqual(new Set([`${site.url}${path}?n=1 script held`]));
      // Held navigations never left the browser, and are no network activity: the page went quiet.
      expect(site.requests.slice(before).filter((p) => p.includes("?n="))).toEqual([]);
      expect(s.record.settle.networkQuiet, path).toBe(true);
    }
  }, 240_000);

  it("with --follow-navigation, a page that never stops navigating is held at the bound and saved as it stood then", async () => {
    const path = "/hostile/nav-loop-href.html";
    const { code, outcome } = await run(`${site.url}${path}`, "--allow-private", "--follow-navigation", "--nav-timeout", "3");
    expect(code).toBe(0);
    const s = saved(outcome);
    const n = await shownEverywhere(s);
    expect(n).toBeGreaterThan(0);
    expect(s.record.finalUrl).toBe(`${site.url}${path}?n=${n}`);
    expect(s.record.settle.notes).toContain("the page was still navigating after 3 s (--nav-timeout); held at the document it had then");
    const followed = s.record.navigations!.recorded.filter((h) => h.outcome === "followed");
    // The document saved is the last one followed, and its status is the one recorded for that hop.
    expect(followed.at(-1)).toMatchObject({ url: s.record.finalUrl, status: 200 });
    expect(followed.length).toBe(n);
  }, 180_000);
});

describe("URLs as given", () => {
  it("captures a URL with malformed %-escapes in its path and query, and records it exactly as given", async () => {
    const url = `${site.url}/escaped/%E0%A4%A?q=100%zz`;
    const { code, outcome, stderr } = await run(url, "--allow-private");
    expect(code, stderr).toBe(0);
    expect(outcome).toMatchObject({ ok: true, url, finalUrl: url });
    expect(outcome.folder).toMatch(/^evidence\/glint\/\d{8}T\d{6}Z-127\.0\.0\.1-escaped-e0-a4-a$/);
    const s = saved(outcome);
    expect(s.record).toMatchObject({ requestedUrl: url, finalUrl: url, status: 200 });
    expect(s.mhtmlUrl).toBe(url);
    expect(site.requests).toContain("/escaped/%E0%A4%A?q=100%zz");
  }, 180_000);
});

describe("refused addresses", () => {
  const folders = () => (existsSync(join(caseDir, "evidence/glint")) ? readdirSync(join(caseDir, "evidence/glint")) : []);
  const logged = () =>
    readFileSync(join(caseDir, "capture-log.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as CaptureOutcome);

  it("refuses a redirect to the cloud metadata address even with --allow-private: exit 6, the address named", async () => {
    const before = { folders: folders().length, requests: site.requests.length };
    const { code, outcome, stderr } = await run(`${site.url}/go/metadata`, "--allow-private");
    expect(code, stderr).toBe(6);
    expect(outcome).toMatchObject({
      ok: false,
      reason: "refused-address",
      attempts: 1,
      finalUrl: "http://169.254.169.254/latest/meta-data/",
    });
    expect(outcome.message).toBe(
      `refused to request http://169.254.169.254/latest/meta-data/ (reached from ${site.url}/go/metadata): its host is ` +
        "169.254.169.254, which is link-local (169.254.0.0/16, where cloud instance metadata lives); nothing was requested " +
        "from it (link-local and cloud-metadata addresses are refused even with --allow-private)",
    );
    expect(logged().at(-1)).toMatchObject({ url: `${site.url}/go/metadata`, ok: false, reason: "refused-address" });
    expect(folders()).toHaveLength(before.folders);
    expect(site.requests.slice(before.requests)).toEqual(["/go/metadata"]);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 180_000);

  it("refuses a page's frame and image on the metadata address, records each, and captures the page without them", async () => {
    const { code, outcome } = await run(`${site.url}/hostile/private-frame.html`, "--allow-private");
    expect(code).toBe(0);
    const s = saved(outcome);
    expect(s.record.settings.allowPrivate).toBe(true);
    expect(s.record.refused!.count).toBe(2);
    expect(s.record.refused!.recorded.map((r) => [r.url, r.address]).sort()).toEqual([
      ["http://169.254.169.254/latest/meta-data/iam/security-credentials/", "169.254.169.254"],
      ["http://169.254.169.254/latest/meta-data/pixel.png", "169.254.169.254"],
    ]);
    expect(s.record.refused!.recorded[0]!.range).toMatch(/^link-local/);
    expect(outcome.notes).toContainEqual(
      expect.stringMatching(
        /^2 requests were refused for their address, nothing requested from them \(first: http:\/\/169\.254\.169\.254\//,
      ),
    );
    expect(s.record.settle.notes.join("\n")).not.toContain("refused");
    expect(s.text).toContain("Framed metadata");
  }, 180_000);

  it("without --allow-private refuses the local site itself: exit 6, and the server sees no request", async () => {
    const before = { folders: folders().length, requests: site.requests.length };
    const url = `${site.url}/marketplace/listing.html`;
    const { code, outcome, stderr } = await run(url);
    expect(code, stderr).toBe(6);
    expect(outcome).toMatchObject({ ok: false, reason: "refused-address", attempts: 1 });
    expect(outcome.message).toBe(
      `refused to request ${url}: its host is 127.0.0.1, which is loopback (127.0.0.0/8); nothing was requested from it ` +
        "(pass --allow-private to capture a page on this machine or a private network)",
    );
    expect(site.requests.length).toBe(before.requests);
    expect(folders()).toHaveLength(before.folders);
  }, 180_000);
});
