/**
 * Live pages, for `exhibits capture`: one Chromium for the whole run, a fresh incognito context per capture
 * (no cookies or cache carried from one seller's page to the next). Unlike template rendering, the live
 * page runs its own scripts, because that is what a visitor saw.
 *
 * A capture: navigate (redirects recorded hop by hop), wait for the load event and for the network to go
 * quiet (each bounded in time, and the outcome recorded), hide and click what the case asks, scroll
 * through the page so lazy content loads, settle again, then take the full-page PNG, the MHTML snapshot,
 * the serialized DOM and the visible text with its boxes. Failures come back as CaptureFailure with a reason.
 *
 * Before the screenshot the page's scripts are stopped (page-still.ts): what is saved is one state of one document,
 * and the record's address, status, headers and title are that document's. Requests to refused addresses never leave
 * (address-guard.ts, enforced in page-watch.ts); a refused main-frame navigation or redirect fails the capture.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, {
  type Browser,
  type BrowserContext,
  type CDPSession,
  type HTTPRequest,
  type HTTPResponse,
  type Page,
} from "puppeteer-core";
import type { LivePage, PageCaptureSettings, RedirectHop, SettleOutcome } from "../model/capture.js";
import { EnvironmentError } from "../util/errors.js";
import { CHROMIUM_FLAGS, LAUNCH_SIGNALS, quietPipes } from "./index.js";
import { findChromium } from "./find-chromium.js";
import { clickFirst, collectVisibleText, countMatches, hideAll, imagesAndFonts, pageSize, scrollThrough } from "./page-text.js";
import { inPage } from "./in-page.js";
import { guardDialogs } from "./dialog-guard.js";
import { watchPage, type PageWatch } from "./page-watch.js";
import { addressGuard, describeRefusal, refusedRange } from "./address-guard.js";
import { holdStill } from "./page-still.js";
import { CaptureFailure, navigationFailure, requestIdOf, seconds, sortedHeaders, tlsSummary } from "./live-response.js";

export { CaptureFailure, spkiPin } from "./live-response.js";

export interface LiveBrowser {
  /** "Chromium 131.0.6778.85"-style name and version. */
  name: string;
  version: string;
  capture(url: string, settings: PageCaptureSettings): Promise<LivePage>;
  close(): Promise<void>;
}

/** Cap on text boxes per page; a page with more is still captured, its text layer is cut and a note says so. */
const TEXT_BOX_LIMIT = 200_000;

/** --follow-navigation: how long a quiet page is watched for a further navigation of its own before it is held. */
const FOLLOW_GRACE_MS = 2000;

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
      ...LAUNCH_SIGNALS,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new EnvironmentError(`Chromium at ${executablePath} did not start: ${(e as Error).message.split("\n")[0]}`);
  }
  quietPipes(browser);
  const product = await browser.version(); // "HeadlessChrome/131.0.6778.85"
  const version = product.split("/")[1] ?? product;
  const defaultUserAgent = (await browser.userAgent()).replace("HeadlessChrome", "Chrome");
  // One browser-level session for all captures: it reports the windows pages open, so that each capture closes its own.
  const browserCdp = await browser.target().createCDPSession();
  await browserCdp.send("Target.setDiscoverTargets", { discover: true });
  const connection = browserCdp.connection();
  if (connection) guardDialogs(connection);
  return {
    name: "Chromium",
    version,
    capture: (url, settings) =>
      capturePage(browser, url, settings, { version, defaultUserAgent, pins: new Set(opts.trustedPins ?? []), browserCdp }),
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
  browserCdp: CDPSession;
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
    return await Promise.race([captureIn(page, context, url, s, facts), deadline]);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}

async function captureIn(page: Page, context: BrowserContext, url: string, s: PageCaptureSettings, facts: BrowserFacts): Promise<LivePage> {
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable"); // Network.getCertificate (the TLS fingerprint) answers only with it on
  const watch = await watchPage(page, context, cdp, facts.browserCdp, s.followNavigation, addressGuard(s.allowPrivate));
  try {
    return await captureWatched(page, cdp, watch, url, s, facts);
  } finally {
    watch.stop();
  }
}

async function captureWatched(
  page: Page,
  cdp: CDPSession,
  watch: PageWatch,
  url: string,
  s: PageCaptureSettings,
  facts: BrowserFacts,
): Promise<LivePage> {
  const startedAt = new Date().toISOString();
  const userAgent = s.userAgent ?? facts.defaultUserAgent;
  await page.setUserAgent({ userAgent });
  await page.setViewport({ width: s.viewport.width, height: s.viewport.height, deviceScaleFactor: 1 });

  // Track open requests (for "network quiet") and the main frame's last document response (for downloads).
  const open = new Map<HTTPRequest, string>();
  let lastActivity = Date.now();
  let mainDocument: HTTPResponse | undefined;
  const documents = new Map<string, HTTPResponse>(); // main-frame document responses by request id (= loader id)
  page.on("request", (r) => {
    // A navigation of the main frame that is held never leaves (page-watch.ts): it is no network activity.
    if (watch.holding() && watch.commits() > 0 && r.isNavigationRequest() && r.frame() === page.mainFrame()) return;
    open.set(r, r.url());
    lastActivity = Date.now();
  });
  const done = (r: HTTPRequest) => {
    if (open.delete(r)) lastActivity = Date.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  page.on("response", (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) {
      mainDocument = r;
      documents.set(requestIdOf(r.request()), r);
    }
  });
  const notes: string[] = [];
  // A main-frame navigation or redirect refused for its address ends the capture, whatever else the browser reports.
  const failIfRefused = () => {
    const r = watch.refused().main;
    if (!r) return;
    const always = refusedRange(r.address, true) !== undefined;
    throw new CaptureFailure(
      "refused-address",
      `refused to request ${r.url}${r.url === url ? "" : ` (reached from ${url})`}: its host is ${describeRefusal(r)}; ` +
        `nothing was requested from it` +
        (always
          ? " (link-local and cloud-metadata addresses are refused even with --allow-private)"
          : " (pass --allow-private to capture a page on this machine or a private network)"),
      { finalUrl: r.url },
    );
  };

  let response: HTTPResponse | null;
  try {
    response = await page.goto(url, { waitUntil: "domcontentloaded", timeout: s.navigationTimeoutMs });
  } catch (e) {
    failIfRefused();
    // A download aborts the navigation before its response event arrives: give that event a moment.
    if (/ERR_ABORTED/.test((e as Error).message)) for (let i = 0; i < 20 && !mainDocument; i++) await sleep(50);
    const failure = navigationFailure(e as Error, url, mainDocument, s);
    // A document that arrived but did not finish parsing in time (a script opening dialog after dialog) is captured as
    // it stood; only a page that never arrived is a time-out.
    if (failure.reason !== "timeout" || watch.commits() === 0 || !mainDocument) throw failure;
    response = mainDocument;
    notes.push(`the document had not finished parsing after ${seconds(s.navigationTimeoutMs)} (--nav-timeout); captured as it stood`);
  }
  failIfRefused();
  if (!response) throw new CaptureFailure("browser", `no response for ${url}`);
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
    while (!watch.loaded() && Date.now() < until) await sleep(50);
    return watch.loaded();
  };

  if (s.followNavigation) {
    const stillMoving = await followToRest(watch, waitLoad, waitQuiet, s);
    if (stillMoving) notes.push(stillMoving);
  }
  watch.hold();
  // A navigation let through before the hold ends (commits or fails) before the document is named.
  for (const until = Date.now() + s.settleTimeoutMs; watch.navigating() && Date.now() < until; ) await sleep(50);
  failIfRefused();
  // From here on the document in the main frame is the one captured: the record's URL, status and headers are its own.
  const documentId = await watch.documentId();
  const commitsAtHold = watch.commits();
  response = documents.get(documentId) ?? (requestIdOf(response.request()) === documentId ? response : null);
  if (!response) throw new CaptureFailure("navigation", `the page ended on a document that came with no HTTP response (${page.url()})`);
  const sameDocument = async (step: string) => {
    if (watch.commits() !== commitsAtHold || (await watch.documentId()) !== documentId)
      throw new CaptureFailure(
        "navigation",
        `the page replaced its document ${step}; nothing was kept rather than mix two documents (${page.url()})`,
        { finalUrl: page.url() },
      );
  };
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

  // From here the page's scripts are stopped: what follows is one state of the page, the one the record describes.
  const still = await holdStill(cdp, watch.now());
  // The page as laid out now: measure, cap, screenshot, text, snapshots.
  const size = await inPage(page, pageSize);
  const width = Math.min(size.width, Math.max(s.viewport.width, 1));
  const height = Math.min(size.height, s.maxHeight);
  const truncated = size.height > s.maxHeight;
  if (truncated) notes.push(`the page is ${size.height} px tall; the screenshot stops at ${s.maxHeight} px (--max-height)`);
  await sameDocument("before the screenshot");
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
  await sameDocument("while it was captured");
  const after = await still.since();
  if (after.url !== still.url)
    throw new CaptureFailure(
      "navigation",
      `the page changed its address from ${still.url} to ${after.url} while it was captured, its scripts stopped; ` +
        `nothing was kept rather than record an address the files do not show`,
      { finalUrl: after.url },
    );
  if (after.changes > 0)
    notes.push(
      `the page's content changed ${after.changes} time${after.changes === 1 ? "" : "s"} after its scripts were stopped, ` +
        `while it was captured (screenshot, text, MHTML and DOM were taken in that order)`,
    );
  const refused = watch.refused();
  const tls = await tlsSummary(cdp, response, facts.pins);
  const remote = response.remoteAddress();
  const endedAt = new Date().toISOString();
  const settle: SettleOutcome = { loadEvent, networkQuiet: quiet.quiet, pending, scrolledTo, notes, scriptsStoppedAtMs: still.atMs };
  return {
    requestedUrl: url,
    // The address of the document as it stood when saved (the MHTML's); the response's own when the page changed it.
    finalUrl: still.url,
    // A #fragment is never sent with a request: one the URL carried (or a redirect kept) is no change of address.
    ...(withoutFragment(still.url) !== withoutFragment(response.url()) ? { responseUrl: response.url() } : {}),
    redirects,
    status,
    statusText: response.statusText(),
    headers: sortedHeaders(response.headers()),
    ...(remote.ip ? { remoteAddress: remote.port ? `${remote.ip}:${remote.port}` : remote.ip } : {}),
    ...(tls ? { tls } : {}),
    title: still.title,
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
    behaviour: {
      dialogs: watch.dialogs(),
      popups: watch.popups(),
      navigations: { follow: s.followNavigation, ...watch.navigations() },
      refused: { count: refused.count, recorded: refused.recorded },
    },
    screenshot,
    mhtml,
    html,
    text: { format: "exhibits-text/1", width, height, boxes },
  };
}

/**
 * --follow-navigation: wait for each document to load and go quiet, and for a further navigation the page starts
 * within a short grace after that; follow it, until the page stays on one document or the navigation bound ends.
 * Returns a note when the bound ended the following.
 */
async function followToRest(
  watch: PageWatch,
  waitLoad: () => Promise<boolean>,
  waitQuiet: () => Promise<unknown>,
  s: PageCaptureSettings,
): Promise<string | undefined> {
  for (;;) {
    const seen = watch.commits();
    await waitLoad();
    await waitQuiet();
    const graceUntil = Date.now() + Math.min(FOLLOW_GRACE_MS, s.settleTimeoutMs);
    while (Date.now() < graceUntil && watch.commits() === seen && !watch.navigating()) await sleep(50);
    if (watch.commits() === seen && !watch.navigating()) return undefined;
    if (watch.now() >= s.navigationTimeoutMs)
      return `the page was still navigating after ${seconds(s.navigationTimeoutMs)} (--nav-timeout); held at the document it had then`;
  }
}

function withoutFragment(url: string): string {
  const at = url.indexOf("#");
  return at < 0 ? url : url.slice(0, at);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
