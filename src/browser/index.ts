/**
 * The puppeteer room: one Chromium per run, pages reused, rendering locked down. Evidence text reaches
 * templates, so pages render with JavaScript off and every request blocked except inline data.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, CDPSession, Page } from "puppeteer-core";
import { createRequire } from "node:module";
import { EnvironmentError } from "../util/errors.js";
import { findRenderer } from "./find-chromium.js";

export { findChromium, findRenderer } from "./find-chromium.js";

/** Headless flags that work on locked-down machines (no network chatter, no GPU, no sandbox as root). */
/** Signals are the command's (util/interrupt.ts): puppeteer must not exit the process on its own. */
export const LAUNCH_SIGNALS = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } as const;

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--font-render-hinting=none",
];

/**
 * What the stages print with: HTML in, PDF bytes out. The build's printer keeps prints in the build cache
 * (cache/cached-printer.ts); this room's own session prints every time.
 */
export interface Printer {
  /**
   * Print the complete HTML document `html()` makes (US Letter, backgrounds printed, CSS page size honoured).
   * `source`: what the HTML is made from (the template's identity and data), when the HTML is a pure function
   * of it: a print kept under it is used without making the HTML again. Undefined: looked up by the HTML.
   */
  print(source: unknown, html: () => string | Promise<string>): Promise<Uint8Array>;
  /**
   * The same print in two steps: settles as soon as it is known whether the print was kept (then `pdf` is at
   * hand), so a caller can go on with what is ready while Chromium starts or prints.
   */
  startPrint(source: unknown, html: () => string | Promise<string>): Promise<{ kept: boolean; pdf: Promise<Uint8Array> }>;
  /** "HeadlessChrome/…", as the appendices record it. */
  version(): Promise<string>;
  /**
   * Open a page and print a throwaway document in the templates' fonts, so that the first real render does
   * not pay for them (0.25 s and more on a busy machine); its output is discarded.
   */
  warmUp?(): Promise<void>;
  close(): Promise<void>;
}

/** A Chromium of this process's own: prints every HTML it is given. */
export interface BrowserSession extends Printer {
  htmlToPdf(html: string): Promise<Uint8Array>;
}

/**
 * Chromium stamps each PDF with the time it was printed (/CreationDate and /ModDate): the only bytes that
 * differ between two renders of the same HTML. They are overwritten in place (same length, so the xref
 * offsets hold) with the epoch, making a render a pure function of its HTML; no output carries these dates
 * (pages are copied out of renders, and appendices get the build's fixed metadata).
 */
export function withoutRenderTime(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  for (const key of ["/CreationDate (D:", "/ModDate (D:"]) {
    const at = bytes.indexOf(key, 0, "latin1");
    const end = at < 0 ? -1 : bytes.indexOf(")", at, "latin1");
    if (end < 0 || end - at > 64) continue;
    const start = at + key.length;
    bytes.write("19700101000000+00'00'".padEnd(end - start, "0").slice(0, end - start), start, "latin1");
  }
  return pdf;
}

/**
 * Chromium's pipes may fail once it is gone (ECONNRESET when a signal ends it first): puppeteer drops its own error
 * listeners when its connection closes, and an 'error' with no listener ends this process with a stack trace. The
 * browser's end is told by its exit and disconnection; its pipes' errors say nothing more.
 */
export function quietPipes(browser: Browser): void {
  for (const stream of browser.process()?.stdio ?? []) (stream as NodeJS.EventEmitter | null)?.on("error", () => undefined);
}

/** Print settings (as puppeteer's page.pdf() sends them): the templates' @page rules give size and margins. */
const PRINT = {
  transferMode: "ReturnAsBase64",
  landscape: false,
  displayHeaderFooter: false,
  printBackground: true,
  scale: 1,
  paperWidth: 8.5,
  paperHeight: 11,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  pageRanges: "",
  preferCSSPageSize: true,
  generateTaggedPDF: false,
  generateDocumentOutline: false,
} as const;

/** `launchTimeoutMs`: how long Chromium may take to start before the launch fails (puppeteer's default: 30 s). */
export async function openBrowser(env: NodeJS.ProcessEnv = process.env, opts: { launchTimeoutMs?: number } = {}): Promise<BrowserSession> {
  const executablePath = findRenderer(env);
  const userDataDir = await mkdtemp(join(tmpdir(), "exhibits-chromium-"));
  let browser: Browser;
  try {
    // Loaded only when something is rendered, and synchronously: the ES module graph is hundreds of files,
    // each an asynchronous read that waits for a busy event loop (a rebuild starts Chromium while intake
    // runs); required, the same code loads in a quarter of a second.
    const puppeteer = createRequire(import.meta.url)("puppeteer-core") as typeof import("puppeteer-core");
    browser = await puppeteer.launch({
      executablePath,
      args: CHROMIUM_FLAGS,
      userDataDir,
      headless: true,
      pipe: true,
      timeout: opts.launchTimeoutMs,
      ...LAUNCH_SIGNALS,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new EnvironmentError(`Chromium at ${executablePath} did not start: ${(e as Error).message.split("\n")[0]}`);
  }
  quietPipes(browser);
  const version = await browser.version();
  // Chromium ending on its own (killed, out of memory, crashed on a huge document) is the machine's doing, not the
  // input's: every print after it fails with one line saying why and what to do.
  let ended: string | undefined;
  let closing = false;
  const child = browser.process();
  child?.once("exit", (code, signal) => {
    ended = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  browser.once("disconnected", () => {
    ended ??= "closed its connection";
  });
  const crashed = async (e: unknown): Promise<never> => {
    if (closing) throw e;
    // The process's exit is reported a moment after the pipe closes: wait for it briefly to name the reason.
    for (let i = 0; i < 20 && (!ended || ended === "closed its connection") && browser.connected === false; i++)
      await new Promise((r) => setTimeout(r, 25));
    if (!ended && browser.connected) throw e;
    throw new EnvironmentError(
      `Chromium stopped while printing (${ended ?? "closed its connection"}): build again; if it stops again, ` +
        `give the machine more free memory (a Chromium killed by SIGKILL has usually run out of it) or run \`exhibits doctor\``,
    );
  };
  const idle: { page: Page; cdp: CDPSession }[] = [];
  const lockedPage = async (): Promise<{ page: Page; cdp: CDPSession }> => {
    const reused = idle.pop();
    if (reused) return reused;
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      const url = req.url();
      if (url.startsWith("data:") || url === "about:blank") void req.continue();
      else void req.abort("blockedbyclient");
    });
    return { page, cdp: await page.createCDPSession() };
  };
  const htmlToPdf = (html: string): Promise<Uint8Array> => printOnce(html).catch(crashed);
  const printOnce = async (html: string): Promise<Uint8Array> => {
    if (ended) throw new Error("Chromium has ended");
    const tab = await lockedPage();
    try {
      await tab.page.setContent(html, { waitUntil: "load" });
      // Fonts settled before printing, as page.pdf() waits for them: without it the glyph order of a font
      // subset can differ between two renders of the same HTML.
      await tab.cdp.send("Runtime.evaluate", { expression: "document.fonts.ready.then(() => true)", awaitPromise: true });
      // Printed straight through the DevTools protocol, the PDF returned in one message: puppeteer's
      // page.pdf() streams it back in many round trips, a third of the time of a short document.
      const { data } = await tab.cdp.send("Page.printToPDF", PRINT, { timeout: 120_000 });
      return withoutRenderTime(Buffer.from(data, "base64"));
    } finally {
      idle.push(tab);
    }
  };
  return {
    version: async () => version,
    htmlToPdf,
    print: async (_source, html) => htmlToPdf(await html()),
    startPrint: async (_source, html) => ({ kept: false, pdf: Promise.resolve(html()).then(htmlToPdf) }),
    async warmUp() {
      const fonts = ["Liberation Serif", "Liberation Sans", "Liberation Mono"]
        .map((f) => `<p style="font-family:'${f}'">Exhibit <b>1</b> <i>page</i> 1</p>`)
        .join("");
      await htmlToPdf(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${fonts}</body></html>`);
    },
    async close() {
      closing = true;
      await browser.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
export { UndrawnCharactersError, undrawnCharacters } from "./glyph-check.js";
export type { UndrawnCharacters } from "./glyph-check.js";
export { describeCharacter, fontPackagesFor, systemFonts, undrawnError } from "./font-coverage.js";
export type { FontProbe, UndrawnPlace } from "./font-coverage.js";
export { visibleText } from "./html-text.js";
