/**
 * `exhibits capture` against the local test sites with the real Chromium: what each capture folder holds,
 * and a recorded outcome for every bad input (never a hang or a crash).
 */
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { closedPort } from "../helpers/closed-port.js";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capture } from "../../src/commands/capture.js";
import type { CaptureOutcome, CaptureRecord, TextLayer } from "../../src/model/capture.js";
import { makeCaptureCase } from "../helpers/capture-case.js";
import { runCliAsync } from "../helpers/cli.js";
import { LAZY_IMAGE_COLOURS, TALL_STRIPES, startSiteServer, type SiteServer } from "../helpers/site-server.js";

let http: SiteServer;
let https: SiteServer;
let caseDir: string;
const outcomes = new Map<string, CaptureOutcome>();
const flags = { hide: ["#cookie-banner"], click: ["#read-more"], allowPrivate: true };

const record = (o: CaptureOutcome): CaptureRecord => JSON.parse(readFileSync(join(caseDir, o.folder!, "capture.json"), "utf8"));
const text = (o: CaptureOutcome): TextLayer => JSON.parse(readFileSync(join(caseDir, o.folder!, "text.json"), "utf8"));
const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

async function countColour(png: Buffer, hex: string, rows?: [number, number]): Promise<number> {
  const img = sharp(png).removeAlpha();
  const { width, height } = await img.metadata();
  const region = rows
    ? { left: 0, top: rows[0], width: width!, height: rows[1] - rows[0] }
    : { left: 0, top: 0, width: width!, height: height! };
  const raw = await img.extract(region).raw().toBuffer();
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < raw.length; i += 3) if (raw[i] === r && raw[i + 1] === g && raw[i + 2] === b) n++;
  return n;
}

beforeAll(async () => {
  http = await startSiteServer();
  https = await startSiteServer({ https: true });
  caseDir = makeCaptureCase();
  const port = await closedPort();
  writeFileSync(join(caseDir, "..", "cert.pem"), https.certPem!);
  // Two runs at once (as two investigators might): one capture run per case folder at a time, so the second waits
  // for the case folder's lock (--wait) while the first waits out a page that never loads.
  const firstRun = capture({
    cwd: caseDir,
    caseDir,
    urls: [
      `${http.url}/go/listing`,
      `${http.url}/social/profile.html`,
      `${http.url}/marketplace/missing.html`,
      `${http.url}/download/report.zip`,
      `${http.url}/slow/never.html`,
      `http://127.0.0.1:${port}/listing`,
      `${https.url}/marketplace/generic-listing.html`,
      "notaurl",
    ],
    defendant: "glint",
    marks: ["screw"],
    note: "test buy target",
    flags,
    banner: false,
    concurrency: 2,
    retries: 1,
    backoffMs: 100,
    operator: "Dana Investigator",
    trustCerts: [],
  });
  const second = await capture({
    cwd: caseDir,
    caseDir,
    urls: [`${https.url}/marketplace/listing.html`, `${http.url}/tall/`, `${http.url}/marketplace/listing.html?plain`],
    defendant: "other",
    marks: [],
    flags: { hide: [], click: [], allowPrivate: true },
    banner: false,
    concurrency: 2,
    retries: 0,
    trustCerts: [join(caseDir, "..", "cert.pem")],
    env: { ...process.env, EXHIBITS_OPERATOR: "Env Operator" },
    wait: true,
  });
  for (const o of second.outcomes) outcomes.set(o.url.replace(http.url, "http:").replace(https.url, "https:"), o);
  const third = await capture({
    cwd: caseDir,
    caseDir,
    urls: [`${http.url}/tall/`],
    defendant: "other",
    marks: [],
    flags: { hide: [], click: [], maxHeight: 20_000, allowPrivate: true },
    banner: true,
    retries: 0,
    trustCerts: [],
  });
  outcomes.set("tall-capped", third.outcomes[0]);
  for (const o of (await firstRun).outcomes) {
    outcomes.set(
      o.url
        .replace(http.url, "http:")
        .replace(https.url, "https:")
        .replace(/:\d+\/listing$/, ":closed/listing"),
      o,
    );
  }
}, 240_000);

afterAll(async () => {
  await http?.close();
  await https?.close();
});

describe("capture folders", () => {
  it("records every hash as written: each file's SHA-256 and size equal capture.json's, and nothing else is in the folder", () => {
    const good = [...outcomes.values()].filter((o) => o.ok);
    expect(good.length).toBe(7);
    for (const o of good) {
      const r = record(o);
      const files = readdirSync(join(caseDir, o.folder!)).sort();
      expect(files).toEqual([...Object.keys(r.files), "capture.json"].sort());
      for (const [name, f] of Object.entries(r.files)) {
        const data = readFileSync(join(caseDir, o.folder!, name));
        expect({ name, sha256: sha(data), bytes: data.length }).toEqual({ name, sha256: f.sha256, bytes: f.bytes });
      }
      expect(sha(readFileSync(join(caseDir, o.folder!, "capture.json")))).toBe(o.record);
    }
  });

  it("writes the screenshot, MHTML snapshot, DOM and text boxes, and the facts of the capture", () => {
    const o = outcomes.get("http:/go/listing")!;
    const r = record(o);
    expect(Object.keys(r.files).sort()).toEqual(["dom.html", "page.mhtml", "screenshot.png", "text.json"]);
    const mhtml = readFileSync(join(caseDir, o.folder!, "page.mhtml"), "utf8");
    expect(mhtml).toMatch(/^From: <Saved by Blink>/);
    expect(mhtml).toContain(`Snapshot-Content-Location: ${http.url}/marketplace/listing.html`);
    expect(readFileSync(join(caseDir, o.folder!, "dom.html"), "utf8")).toContain('id="productTitle"');
    expect(r).toMatchObject({
      status: 200,
      title: expect.stringContaining("Women's Classic Screw Bangle Bracelet"),
      defendant: "glint",
      marks: ["screw"],
      note: "test buy target",
      operator: "Dana Investigator",
      operatorSource: "flag",
      browser: { name: "Chromium", viewport: { width: 1366, height: 900 } },
      exhibitImage: "screenshot.png",
      bannerHeight: 0,
    });
    expect(r.browser.userAgent).not.toContain("Headless");
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(Date.parse(r.endedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
    expect(o.folder).toMatch(/^evidence\/glint\/\d{8}T\d{6}Z-127\.0\.0\.1-marketplace-listing$/);
    const lines = text(o).boxes.map((b) => b.text);
    expect(lines).toContain("$24.99");
    expect(lines.join(" ")).toContain("Women's Classic Screw Bangle");
  });

  it("records the redirect chain hop by hop and the final URL", () => {
    const r = record(outcomes.get("http:/go/listing")!);
    expect(r.requestedUrl).toBe(`${http.url}/go/listing`);
    expect(r.redirects).toEqual([
      { url: `${http.url}/go/listing`, status: 302, location: "/r2" },
      { url: `${http.url}/r2`, status: 301, location: "/marketplace/listing.html" },
    ]);
    expect(r.finalUrl).toBe(`${http.url}/marketplace/listing.html`);
  });

  it("scrolls so lazy images load: each photo's colour fills its 300 × 300 centre in the screenshot", async () => {
    const png = readFileSync(join(caseDir, outcomes.get("http:/go/listing")!.folder!, "screenshot.png"));
    // Each photo is shown at about 590 px, so its flat centre covers about 295 × 295 px; without lazy
    // loading only the gallery's small thumbnails (under 2,000 px) carry these colours.
    for (const colour of LAZY_IMAGE_COLOURS) expect(await countColour(png, colour), colour).toBeGreaterThan(70_000);
  });

  it("hides the cookie banner: gone from pixels and text, still in the DOM; a capture without --hide shows it", async () => {
    const hidden = outcomes.get("http:/go/listing")!;
    const plain = outcomes.get("http:/marketplace/listing.html?plain")!;
    expect(record(hidden).hidden).toEqual([{ selector: "#cookie-banner", count: 1 }]);
    expect(record(hidden).clicked).toEqual([{ selector: "#read-more", clicked: true }]);
    const navy = async (o: CaptureOutcome) => countColour(readFileSync(join(caseDir, o.folder!, "screenshot.png")), "#14213d", [800, 900]);
    expect(await navy(hidden)).toBeLessThan(2000);
    expect(await navy(plain)).toBeGreaterThan(50_000);
    expect(text(hidden).boxes.some((b) => b.text.includes("We value your privacy"))).toBe(false);
    expect(text(plain).boxes.some((b) => b.text.includes("We value your privacy"))).toBe(true);
    expect(readFileSync(join(caseDir, hidden.folder!, "dom.html"), "utf8")).toContain("We value your privacy");
  });

  it("keeps the link in bio of a social profile, as text and in the DOM", () => {
    const o = outcomes.get("http:/social/profile.html")!;
    expect(text(o).boxes.map((b) => b.text)).toContain(`${http.url.replace("http://", "")}/marketplace/generic-listing.html`);
    expect(readFileSync(join(caseDir, o.folder!, "dom.html"), "utf8")).toContain('href="/marketplace/generic-listing.html"');
  });

  it("records the TLS certificate of an https page it was told to trust: subject, issuer, validity, fingerprint", () => {
    const o = outcomes.get("https:/marketplace/listing.html")!;
    expect(o.ok).toBe(true);
    const r = record(o);
    const cert = new X509Certificate(https.certPem!);
    expect(r.tls).toMatchObject({
      subject: "127.0.0.1",
      issuer: "127.0.0.1",
      subjectAlternativeNames: ["127.0.0.1"],
      sha256Fingerprint: cert.fingerprint256,
      trustedByPin: true,
    });
    expect(Date.parse(r.tls!.validTo)).toBe(Date.parse(cert.validTo));
    expect(r).toMatchObject({ operator: "Env Operator", operatorSource: "environment" });
  });

  it("captures a 50,000 px page whole, every stripe in place", async () => {
    const o = outcomes.get("http:/tall/")!;
    expect(o.ok).toBe(true);
    const png = readFileSync(join(caseDir, o.folder!, "screenshot.png"));
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([1366, 50_000]);
    for (const y of [50, 16_450, 33_333, 49_950]) {
      const [r, g, b] = await sharp(png).extract({ left: 600, top: y, width: 1, height: 1 }).removeAlpha().raw().toBuffer();
      expect("#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join(""), `y ${y}`).toBe(TALL_STRIPES[Math.floor(y / 100) % 2]);
    }
    expect(record(o).page).toEqual({ width: 1366, height: 50_000, truncated: false });
  });

  it("stops a page taller than --max-height there and says so; the banner copy is the exhibit image, the clean one stays", async () => {
    const o = outcomes.get("tall-capped")!;
    const r = record(o);
    expect(r.page).toEqual({ width: 1366, height: 50_000, truncated: true });
    expect(o.notes?.join(" ")).toMatch(/50000 px tall; the screenshot stops at 20000 px/);
    expect((await sharp(readFileSync(join(caseDir, o.folder!, "screenshot.png"))).metadata()).height).toBe(20_000);
    expect(r.exhibitImage).toBe("screenshot-banner.png");
    expect((await sharp(readFileSync(join(caseDir, o.folder!, "screenshot-banner.png"))).metadata()).height).toBe(20_000 + r.bannerHeight);
  });
});

describe("recorded outcomes for bad inputs", () => {
  it("a 404 is a failure with its status, and leaves no folder", () => {
    expect(outcomes.get("http:/marketplace/missing.html")).toMatchObject({ ok: false, reason: "http-status", status: 404, attempts: 1 });
  });

  it("a page that never stops loading ends at the time bound, captured as it stood, with the bound recorded", () => {
    const o = outcomes.get("http:/slow/never.html")!;
    expect(o.ok).toBe(true);
    const r = record(o);
    expect(r.settle).toMatchObject({ loadEvent: false, networkQuiet: false, pending: [`${http.url}/hang.js`] });
    expect(r.settle.notes.join(" ")).toMatch(/load event had not fired after 3 s/);
    expect(text(o).boxes.map((b) => b.text)).toContain("This page never finishes loading");
  });

  it("a URL that downloads a file is refused as a download, naming the file", () => {
    expect(outcomes.get("http:/download/report.zip")).toMatchObject({
      ok: false,
      reason: "download",
      message: expect.stringMatching(/application\/zip, 'report\.zip'/),
    });
  });

  it("an unreachable host is retried, then recorded", () => {
    expect(outcomes.get("http://127.0.0.1:closed/listing")).toMatchObject({
      ok: false,
      reason: "unreachable",
      attempts: 2,
      message: expect.stringMatching(/ERR_CONNECTION_REFUSED/),
    });
  });

  it("a certificate that does not validate is a TLS failure that says how to trust it", () => {
    expect(outcomes.get("https:/marketplace/generic-listing.html")).toMatchObject({
      ok: false,
      reason: "tls",
      message: expect.stringMatching(/ERR_CERT_AUTHORITY_INVALID.*--trust-cert/),
    });
  });

  it("an invalid URL is refused before the browser, naming the argument", () => {
    expect(outcomes.get("notaurl")).toMatchObject({
      ok: false,
      reason: "invalid-url",
      attempts: 0,
      message: expect.stringMatching(/url 8.*'notaurl' is not a valid URL/),
    });
  });

  it("logs one line per outcome in capture-log.jsonl and leaves no temporary folder", () => {
    const lines = readFileSync(join(caseDir, "capture-log.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as CaptureOutcome);
    expect(lines.length).toBe(outcomes.size);
    expect(
      lines
        .filter((l) => !l.ok)
        .map((l) => l.reason)
        .sort(),
    ).toEqual(["download", "http-status", "invalid-url", "tls", "unreachable"]);
    expect(readdirSync(caseDir).filter((n) => n.startsWith(".exhibits-capture-"))).toEqual([]);
    expect(existsSync(join(caseDir, "evidence/glint"))).toBe(true);
  });
});

describe("the CLI", () => {
  it("runs a CSV batch: one JSON line per row, a row with a missing column recorded by line, exit 6 when any failed", async () => {
    const list = join(caseDir, "..", "list.csv");
    writeFileSync(
      list,
      `url,defendant,marks,note\n${http.url}/marketplace/generic-listing.html,other,screw,hidden link ` +
        `target\n${http.url}/marketplace/listing.html,other\n${http.url}/nope.html,other,,\n`,
    );
    const r = await runCliAsync(["capture", "--case", caseDir, "--from", list, "--json", "--retries", "0", "--allow-private"]);
    expect(r.code, r.stderr).toBe(6);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as CaptureOutcome);
    expect(lines.length, r.stdout).toBe(3);
    const byUrl = new Map(lines.map((l) => [l.url.replace(http.url, ""), l]));
    expect(byUrl.get("/marketplace/generic-listing.html"), r.stdout).toMatchObject({ ok: true, defendant: "other" });
    expect(byUrl.get("/marketplace/listing.html")).toMatchObject({
      ok: false,
      reason: "input",
      message: expect.stringMatching(/list\.csv:3: expected 4 columns .* found 2/),
    });
    expect(byUrl.get("/nope.html")).toMatchObject({ ok: false, reason: "http-status", status: 404 });
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("exits 2 with a usage message when no defendant is given", async () => {
    const r = await runCliAsync(["capture", `${http.url}/`, "--case", caseDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--defendant <id>/);
  });
});
