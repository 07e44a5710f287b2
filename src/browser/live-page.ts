/**
 * Live pages, for `exhibits capture`: one Chromium for the whole run, a fresh incognito context per capture
 * (no cookies or cache carried from one seller's page to the next). Unlike template rendering, the live
 * page runs its own scripts, because that is what a visitor saw.
 *
 * A capture: navigate (redirects recorded hop by hop), wait for the load event and for the network to go
 * quiet (each bounded in time, and the outcome recorded), hide and click what the case asks, scroll
 * through the page so lazy content loads, settle again, then take the full-page PNG, the MHTML snapshot,
 * the serialized DOM and the visible text with its boxes. Failures come back as CaptureFailure with a reason.
 */
import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type HTTPRequest, type HTTPResponse, type Page } from "puppeteer-core";
import type { CaptureFailureReason, LivePage, PageCaptureSettings, RedirectHop, SettleOutcome, TlsSummary } from "../model/capture.js";
import { EnvironmentError } from "../util/errors.js";
import { CHROMIUM_FLAGS } from "./index.js";
import { findChromium } from "./find-chromium.js";
import { clickFirst, collectVisibleText, countMatches, hideAll, imagesAndFonts, pageSize, scrollThrough } from "./page-text.js";
import { inPage } from "./in-page.js";

export class CaptureFailure extends Error {
  constructor(
    readonly reason: CaptureFailureReason,
    message: string,
    readonly details: { status?: number; finalUrl?: string; redirects?: RedirectHop[] } = {},
  ) {
    super(message);
  }
}

export interface LiveBrowser {
  /** "Chromium 131.0.6778.85"-style name and version. */
  name: string;
  version: string;
  capture(url: string, settings: PageCaptureSettings): Promise<LivePage>;
  close(): Promise<void>;
}

/** Cap on text boxes per page; a page with more is still captured, its text layer is cut and a note says so. */
const TEXT_BOX_LIMIT = 200_000;

/** SPKI pin (base64 SHA-256 of the public key) of a PEM or DER certificate, as Chromium's pin list wants it. */
export function spkiPin(cert: string | Buffer): string {
  const der = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

export async function openLiveBrowser(opts: { trustedPins?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<LiveBrowser> {
  const executablePath = findChromium(opts.env);
  const userDataDir = await mkdtemp(join(tmpdir(), "exhibits-capture-"));
  // Memory: no back/forward cache (each context loads one page), no translate or media-router services.
  const args = [
    ...CHROMIUM_FLAGS.filter((f) => f !== "--font-render-hinting=none"),
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-back-forward-cache",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--aggressive-cache-discard",
  ];
  if (opts.trustedPins?.length) args.push(`--ignore-certificate-errors-spki-list=${opts.trustedPins.join(",")}`);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      args,
      userDataDir,
      headless: true,
      pipe: true,
      defaultViewport: null,
      protocolTimeout: 120_000,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new EnvironmentError(`Chromium at ${executablePath} did not start: ${(e as Error).message.split("\n")[0]}`);
  }
  const product = await browser.version(); // "HeadlessChrome/131.0.6778.85"
  const version = product.split("/")[1] ?? product;
  const defaultUserAgent = (await browser.userAgent()).replace("HeadlessChrome", "Chrome");
  return {
    name: "Chromium",
    version,
    capture: (url, settings) => capturePage(browser, url, settings, { version, defaultUserAgent, pins: new Set(opts.trustedPins ?? []) }),
    async close() {
      await browser.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

interface BrowserFacts {
  version: string;
  defaultUserAgent: string;
  pins: Set<string>;
}

async function capturePage(browser: Browser, url: string, s: PageCaptureSettings, facts: BrowserFacts): Promise<LivePage> {
  const context = await browser.createBrowserContext();
  // Every wait inside is bounded; this deadline is the backstop for a page that stalls the browser itself
  // (a screenshot or snapshot that never returns). Closing the context ends whatever is still running.
  const deadlineMs = s.navigationTimeoutMs + 6 * s.settleTimeoutMs + 90_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new CaptureFailure("timeout", `the capture did not finish within ${seconds(deadlineMs)}; the page was abandoned`)),
      deadlineMs,
    );
  });
  try {
    const page = await context.newPage();
    return await Promise.race([captureIn(page, url, s, facts), deadline]);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}

async function captureIn(page: Page, url: string, s: PageCaptureSettings, facts: BrowserFacts): Promise<LivePage> {
  const startedAt = new Date().toISOString();
  const userAgent = s.userAgent ?? facts.defaultUserAgent;
  await page.setUserAgent({ userAgent });
  await page.setViewport({ width: s.viewport.width, height: s.viewport.height, deviceScaleFactor: 1 });
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable"); // Network.getCertificate (the TLS fingerprint) answers only with it on

  // Track open requests (for "network quiet") and the main frame's last document response (for downloads).
  const open = new Map<HTTPRequest, string>();
  let lastActivity = Date.now();
  let mainDocument: HTTPResponse | undefined;
  page.on("request", (r) => {
    open.set(r, r.url());
    lastActivity = Date.now();
  });
  const done = (r: HTTPRequest) => {
    open.delete(r);
    lastActivity = Date.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  page.on("response", (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) mainDocument = r;
  });
  let loaded = false;
  page.on("load", () => {
    loaded = true;
  });

  let response: HTTPResponse | null;
  try {
    response = await page.goto(url, { waitUntil: "domcontentloaded", timeout: s.navigationTimeoutMs });
  } catch (e) {
    // A download aborts the navigation before its response event arrives: give that event a moment.
    if (/ERR_ABORTED/.test((e as Error).message)) for (let i = 0; i < 20 && !mainDocument; i++) await sleep(50);
    throw navigationFailure(e as Error, url, mainDocument, s);
  }
  if (!response) throw new CaptureFailure("browser", `no response for ${url}`);
  const redirects: RedirectHop[] = response
    .request()
    .redirectChain()
    .map((r) => {
      const res = r.response();
      return { url: r.url(), status: res?.status() ?? 0, ...(res?.headers().location ? { location: res.headers().location } : {}) };
    });
  const status = response.status();
  if (status >= 400) {
    throw new CaptureFailure(
      "http-status",
      `the server answered HTTP ${status} ${response.statusText()}`.trim() + ` for ${response.url()}`,
      { status, finalUrl: response.url(), redirects },
    );
  }
  const contentType = response.headers()["content-type"] ?? "";
  if (contentType && !/html|xml|text\/plain|image\//i.test(contentType)) {
    throw new CaptureFailure("download", `the URL serves a ${contentType.split(";")[0]} file, not a web page`, {
      status,
      finalUrl: response.url(),
      redirects,
    });
  }

  const notes: string[] = [];
  const waitQuiet = async (): Promise<{ quiet: boolean }> => {
    const until = Date.now() + s.settleTimeoutMs;
    for (;;) {
      const now = Date.now();
      if (open.size === 0 && now - lastActivity >= s.quietMs) return { quiet: true };
      if (now >= until) return { quiet: false };
      await sleep(Math.min(100, until - now));
    }
  };
  const waitLoad = async () => {
    const until = Date.now() + s.settleTimeoutMs;
    while (!loaded && Date.now() < until) await sleep(50);
    return loaded;
  };

  const loadEvent = await waitLoad();
  if (!loadEvent) notes.push(`the page's load event had not fired after ${seconds(s.settleTimeoutMs)}; captured as it stood`);

  const hidden: { selector: string; count: number }[] = [];
  if (s.hide.length) {
    for (const selector of s.hide) {
      const count = await inPage(page, countMatches, selector);
      if (count < 0) throw new CaptureFailure("input", `--hide selector '${selector}' is not valid CSS`);
      hidden.push({ selector, count });
      if (count === 0) notes.push(`hide selector '${selector}' matched nothing`);
    }
    const css = s.hide.map((sel) => `${sel} { display: none !important; }`).join("\n");
    await page.addStyleTag({ content: css }).catch(async () => {
      // A strict Content-Security-Policy refuses style tags: hide element by element instead.
      await inPage(page, hideAll, s.hide);
    });
  }
  const clicked: { selector: string; clicked: boolean }[] = [];
  for (const selector of s.click) {
    const ok = await inPage(page, clickFirst, selector);
    if (ok < 0) throw new CaptureFailure("input", `--click selector '${selector}' is not valid CSS`);
    clicked.push({ selector, clicked: ok === 1 });
    if (ok === 0) notes.push(`click selector '${selector}' matched nothing`);
  }

  // Whatever the clicks fetch, and the lazy content the scroll brings in, is awaited once, below.
  const scrolledTo = await inPage(page, scrollThrough, s.maxHeight, 50, s.settleTimeoutMs);
  const quiet = await waitQuiet();
  await inPage(page, imagesAndFonts, Math.min(s.settleTimeoutMs, 5000));
  const pending = [...open.values()].sort();
  if (!quiet.quiet)
    notes.push(
      `the network was still busy after ${seconds(s.settleTimeoutMs)} (${pending.length} request${pending.length === 1 ? "" : "s"} ` +
        `open); captured as it stood`,
    );

  // The page as laid out now: measure, cap, screenshot, text, snapshots.
  const size = await inPage(page, pageSize);
  const width = Math.min(size.width, Math.max(s.viewport.width, 1));
  const height = Math.min(size.height, s.maxHeight);
  const truncated = size.height > s.maxHeight;
  if (truncated) notes.push(`the page is ${size.height} px tall; the screenshot stops at ${s.maxHeight} px (--max-height)`);
  const screenshot = await page.screenshot({
    type: "png",
    clip: { x: 0, y: 0, width, height },
    captureBeyondViewport: true,
    optimizeForSpeed: false,
  });
  const rawBoxes = await inPage(page, collectVisibleText, TEXT_BOX_LIMIT);
  if (rawBoxes.length >= TEXT_BOX_LIMIT) notes.push(`the text layer holds the first ${TEXT_BOX_LIMIT} lines of text only`);
  const boxes = rawBoxes.filter((b) => b.y < height && b.x < width);
  const { data: mhtml } = (await cdp.send("Page.captureSnapshot", { format: "mhtml" })) as { data: string };
  const html = await page.content();
  const title = await page.title();
  const tls = await tlsSummary(cdp, response, facts.pins);
  const remote = response.remoteAddress();
  const endedAt = new Date().toISOString();
  const settle: SettleOutcome = { loadEvent, networkQuiet: quiet.quiet, pending, scrolledTo, notes };
  return {
    requestedUrl: url,
    finalUrl: response.url(),
    redirects,
    status,
    statusText: response.statusText(),
    headers: sortedHeaders(response.headers()),
    ...(remote.ip ? { remoteAddress: remote.port ? `${remote.ip}:${remote.port}` : remote.ip } : {}),
    ...(tls ? { tls } : {}),
    title,
    startedAt,
    endedAt,
    browser: facts.version,
    userAgent,
    viewport: s.viewport,
    settle,
    hidden,
    clicked,
    page: { width, height: size.height },
    truncated,
    screenshot,
    mhtml,
    html,
    text: { format: "exhibits-text/1", width, height, boxes },
  };
}

function navigationFailure(e: Error, url: string, mainDocument: HTTPResponse | undefined, s: PageCaptureSettings): CaptureFailure {
  const message = e.message.split("\n")[0] ?? String(e);
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (mainDocument && code === "ERR_ABORTED") {
    const headers = mainDocument.headers();
    const type = headers["content-type"]?.split(";")[0] ?? "unknown type";
    const disposition = headers["content-disposition"];
    const name = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
    return new CaptureFailure("download", `the URL downloads a file (${type}${name ? `, '${name}'` : ""}) instead of showing a page`, {
      status: mainDocument.status(),
      finalUrl: mainDocument.url(),
    });
  }
  if (e.name === "TimeoutError" || /timeout/i.test(message)) {
    return new CaptureFailure("timeout", `the page did not start showing within ${seconds(s.navigationTimeoutMs)} (--nav-timeout)`);
  }
  if (code && /CERT|SSL|TLS/.test(code)) {
    return new CaptureFailure(
      "tls",
      `the site's TLS certificate was refused (${code}); if you trust it, pass it with --trust-cert <cert.pem>`,
    );
  }
  if (
    code &&
    new RegExp(
      String.raw`NAME_NOT_RESOLVED|CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|` +
        String.raw`ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|CONNECTION_TIMED_OUT|` +
        String.raw`TIMED_OUT|NETWORK_CHANGED|UNSAFE_PORT|EMPTY_RESPONSE|PROXY`,
    ).test(code)
  ) {
    return new CaptureFailure("unreachable", `could not reach ${safeHost(url)} (${code})`);
  }
  return new CaptureFailure("browser", `navigation to ${url} failed: ${message}`);
}

async function tlsSummary(
  cdp: import("puppeteer-core").CDPSession,
  response: HTTPResponse,
  pins: Set<string>,
): Promise<TlsSummary | undefined> {
  const sec = response.securityDetails();
  if (!sec) return undefined;
  let sha256Fingerprint: string | undefined;
  let pinned = false;
  try {
    const origin = new URL(response.url()).origin;
    const { tableNames } = (await cdp.send("Network.getCertificate", { origin })) as { tableNames: string[] };
    if (tableNames[0]) {
      const der = Buffer.from(tableNames[0], "base64");
      sha256Fingerprint = createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":");
      if (pins.size > 0) pinned = pins.has(spkiPin(der));
    }
  } catch {
    /* the fingerprint is best effort: older browsers lack Network.getCertificate */
  }
  const iso = (unix: number) => new Date(unix * 1000).toISOString();
  return {
    protocol: sec.protocol(),
    subject: sec.subjectName(),
    issuer: sec.issuer(),
    subjectAlternativeNames: sec.subjectAlternativeNames(),
    validFrom: iso(sec.validFrom()),
    validTo: iso(sec.validTo()),
    ...(sha256Fingerprint ? { sha256Fingerprint } : {}),
    ...(pinned ? { trustedByPin: true } : {}),
  };
}

function sortedHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
