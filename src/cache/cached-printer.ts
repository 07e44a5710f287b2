/**
 * Chromium prints through the cache: the same HTML printed by the same browser (its binary and the
 * machine's fonts) gives the same PDF, so a print is looked up by the SHA-256 of both before Chromium is
 * asked, and Chromium starts only on the first miss. This is the only place that decides whether a print is
 * reused: callers ask print(source, () => html) and never look in the cache themselves. A rebuild that
 * changes one screenshot re-prints its cover batch and the appendices that cite it, and nothing else.
 * Every new print is checked before it is kept: a character Chromium did not draw (no font for it) fails the
 * print with an UndrawnCharactersError, which the stage that made the HTML turns into an error naming the document.
 */
import { readdir, realpath, stat } from "../util/fs.js";
import { homedir } from "node:os";
import { join } from "node:path";
import {
  UndrawnCharactersError,
  findRenderer,
  openBrowser,
  undrawnCharacters,
  type BrowserSession,
  type Printer,
} from "../browser/index.js";
import { readPrintedText } from "../pdf/index.js";
import { limiter } from "../util/concurrency.js";
import type { BuildCache } from "./build-cache.js";
import { cacheKey, digestOf, knownDigest, type CacheKey } from "./recipes.js";

const FONT_DIRS = [
  "/usr/share/fonts",
  "/usr/local/share/fonts",
  "/etc/fonts",
  join(homedir(), ".fonts"),
  join(homedir(), ".local/share/fonts"),
];

/** What a render depends on besides its HTML: the browser binary, and the fonts (their folders' mtimes). */
async function rendererIdentity(env: NodeJS.ProcessEnv) {
  const path = await realpath(findRenderer(env));
  const s = await stat(path);
  const fonts: [string, number][] = [];
  const walk = async (dir: string, depth: number) => {
    const d = await stat(dir).catch(() => undefined);
    if (!d?.isDirectory()) return;
    fonts.push([dir, d.mtimeMs]);
    if (depth === 0) return;
    for (const e of (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) await walk(join(dir, e.name), depth - 1);
    }
  };
  for (const dir of FONT_DIRS) await walk(dir, 3);
  return { path, bytes: s.size, mtimeMs: s.mtimeMs, fonts };
}

/** A render read from the cache as plain bytes, its digest (checked as it was read) still known. */
const asBytes = (hit: Buffer) => knownDigest(new Uint8Array(hit.buffer, hit.byteOffset, hit.length), digestOf(hit));

/** Prints asked of Chromium at once: it lays out one while it prints the other (more only queue inside it). */
export const PRINTS_AT_ONCE = 2;

/**
 * The build's printer: prints looked up in the cache, Chromium started on the first miss, or earlier by
 * warmUp() (a first build, where nearly every print misses: started in the background, with a throwaway
 * print so that the first real one does not pay for fonts).
 */
export async function cachedPrinter(cache: BuildCache, env: NodeJS.ProcessEnv = process.env): Promise<Printer> {
  let renderer: Awaited<ReturnType<typeof rendererIdentity>>;
  try {
    renderer = await rendererIdentity(env);
  } catch (e) {
    // No Chromium: said by the first print that needs one, after the case's own errors have been reported.
    const none = () => Promise.reject(e);
    return { version: none, print: none, startPrint: none, close: async () => undefined };
  }
  const idKey = cacheKey("browser", { renderer });
  let real: Promise<BrowserSession> | undefined;
  const launch = () => (real ??= openBrowser(env));
  // The version is known from the cache, or asked of the browser (launched in the background) when first needed.
  let version: Promise<string> | undefined;
  const cached = (await cache.read("browser", idKey))?.toString("utf8");
  if (cached) version = Promise.resolve(cached);
  const versionOf = () =>
    (version ??= launch()
      .then((b) => b.version())
      .then(async (v) => (await cache.write("browser", idKey, v), v)));
  let printing = false; // a real print was asked of Chromium
  let closed: Promise<void> | undefined;
  const gate = limiter(PRINTS_AT_ONCE);
  const sourceKey = async (source: unknown) => cacheKey("render-source", { version: await versionOf(), renderer, source });

  /**
   * The print of `html`, kept under the HTML or printed by Chromium; `fresh` when Chromium printed it (it is
   * then checked and kept by keep(), outside the gate, so that Chromium prints the next one meanwhile).
   */
  const printHtml = async (html: string): Promise<{ key: CacheKey<"render">; pdf: Uint8Array; fresh: boolean }> => {
    const key = cacheKey("render", { version: await versionOf(), renderer, html });
    const hit = await cache.read("render", key);
    if (hit) return { key, pdf: asBytes(hit), fresh: false };
    printing = true;
    return { key, pdf: await (await launch()).htmlToPdf(html), fresh: true };
  };
  /** A new print kept only when every character was drawn (a kept print was checked when it was printed); noted under `source` too. */
  const keep = async (html: string, source: unknown, { key, pdf, fresh }: Awaited<ReturnType<typeof printHtml>>) => {
    if (fresh) {
      const undrawn = undrawnCharacters(html, await readPrintedText(pdf));
      if (undrawn) throw new UndrawnCharactersError(undrawn);
      await cache.write("render", key, pdf);
    }
    // The source's entry names the render's: the PDF is stored once.
    if (source !== undefined) await cache.writeJson("render-source", await sourceKey(source), { render: key });
    return pdf;
  };
  /** A print kept under `source` by an earlier build, without making its HTML. */
  const recall = async (source: unknown): Promise<Uint8Array | undefined> => {
    const key = (await cache.readJson<{ render: string }>("render-source", await sourceKey(source), false))?.render;
    const hit =
      typeof key === "string" && /^[0-9a-f]{64}$/.test(key) ? await cache.read("render", key as CacheKey<"render">, false) : undefined;
    if (hit) cache.count("render", true); // a miss is counted by the print that follows
    return hit && asBytes(hit);
  };
  const startPrint: Printer["startPrint"] = async (source, html) => {
    const kept = source === undefined ? undefined : await recall(source);
    if (kept) return { kept: true, pdf: Promise.resolve(kept) };
    const pdf = gate(async () => {
      const made = await html();
      return { made, printed: await printHtml(made) };
    }).then(({ made, printed }) => keep(made, source, printed));
    pdf.catch(() => undefined); // the caller awaits it; this only keeps it from going unhandled meanwhile
    return { kept: false, pdf };
  };
  return {
    version: versionOf,
    startPrint,
    print: async (source, html) => (await startPrint(source, html)).pdf,
    async warmUp() {
      // In the background; a failed launch is reported by the first print that needs it. The throwaway print
      // only while no real one is asked for: beside a real print it slows it down (a rebuild asks at once).
      launch()
        .then((b) => (printing ? undefined : b.warmUp?.()))
        .catch(() => undefined);
    },
    close() {
      // Once, however often asked (the build closes it when its last print is done, and again on the way out).
      return (closed ??= (async () => {
        if (real) await (await real.catch(() => undefined))?.close();
      })());
    },
  };
}
