/**
 * Chromium renders through the cache: the same HTML rendered by the same browser (its binary and the
 * machine's fonts) gives the same PDF, so a render is looked up by the SHA-256 of both before Chromium is
 * asked, and Chromium starts only on the first miss. A rebuild that changes one screenshot re-renders its
 * cover batch and the appendices that cite it, and nothing else.
 */
import { readdir, realpath, stat } from "../util/fs.js";
import { homedir } from "node:os";
import { join } from "node:path";
import { findChromium, openBrowser, type BrowserSession } from "../browser/index.js";
import { BuildCache } from "./build-cache.js";

const FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", join(homedir(), ".fonts"), join(homedir(), ".local/share/fonts")];

/** What a render depends on besides its HTML: the browser binary, and the fonts (their folders' mtimes). */
async function rendererIdentity(env: NodeJS.ProcessEnv) {
  const path = await realpath(findChromium(env));
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

/**
 * `warm`: start Chromium now, in the background, and print a first throwaway page, so that a rebuild that
 * does need a render (any changed evidence changes its cover sheet) does not wait for the launch; a build
 * that needs none just closes it.
 */
export async function cachedBrowser(cache: BuildCache, env: NodeJS.ProcessEnv = process.env, opts: { warm?: boolean } = {}): Promise<BrowserSession> {
  let identity: Awaited<ReturnType<typeof rendererIdentity>>;
  try {
    identity = await rendererIdentity(env);
  } catch (e) {
    // No Chromium: said by the first render that needs one, after the case's own errors have been reported.
    return { version: () => Promise.reject(e), htmlToPdf: () => Promise.reject(e), close: async () => undefined };
  }
  const idKey = BuildCache.key("chromium", identity);
  let real: Promise<BrowserSession> | undefined;
  const launch = () => (real ??= openBrowser(env));
  // A failed launch is reported by the first render that needs it.
  if (opts.warm) launch().then((b) => b.warmUp?.()).catch(() => undefined);
  // The version is known from the cache, or asked of the browser (launched in the background) when first needed.
  let version: Promise<string> | undefined;
  const cached = (await cache.read("browser", idKey))?.toString("utf8");
  if (cached) version = Promise.resolve(cached);
  const versionOf = () =>
    (version ??= launch()
      .then((b) => b.version())
      .then(async (v) => (await cache.write("browser", idKey, v), v)));
  return {
    version: versionOf,
    async htmlToPdf(html) {
      const key = BuildCache.key("render", await versionOf(), identity, html);
      const hit = await cache.read("render", key);
      if (hit) return new Uint8Array(hit.buffer, hit.byteOffset, hit.length);
      const pdf = await (await launch()).htmlToPdf(html);
      await cache.write("render", key, pdf);
      return pdf;
    },
    async close() {
      if (real) await (await real.catch(() => undefined))?.close();
    },
  };
}
