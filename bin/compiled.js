// The compiled form of the sources, for bin/exhibits.js: src/ joined by esbuild into dist/cli-<digest>/ (ES
// modules, one chunk per command, packages left as imports), where <digest> is the SHA-256 of every source
// file. So the compiled form is never stale: an edited source is a different digest, compiled afresh on first
// use (about a tenth of a second). Starting from it saves tsx's per-module transform and resolution, about a
// second on each run. Anything that prevents compiling (a read-only install, no esbuild) returns undefined,
// and the caller runs the sources through tsx instead: the same code either way.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");
const DIST = join(ROOT, "dist");
/** Files the compiled code opens beside itself (worker threads), copied as they are. */
const BESIDE = ["images/png-check-worker.mjs", "images/png-data-check.mjs"];
/** Compiled forms kept: the newest few (a running process may still load chunks from an older one). */
const KEEP = 3;

function sources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.(ts|mts|mjs|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

/**
 * The entry module of an installed package (npm pack → npm install -g): no sources beside it, only the compiled form
 * `npm pack` made (scripts/pack.mjs), dist/cli-<digest>/main.js. Undefined in a checkout (src/ is there).
 */
export function packagedEntry() {
  if (existsSync(SRC) || !existsSync(DIST)) return undefined;
  const forms = readdirSync(DIST).filter((n) => /^cli-[0-9a-f]{16}$/.test(n) && existsSync(join(DIST, n, "main.js")));
  return forms.length === 1 ? join(DIST, forms[0], "main.js") : undefined;
}

/** The entry module of the compiled form of the current sources, or undefined. */
export async function compiledEntry() {
  const packaged = packagedEntry();
  if (packaged) return packaged;
  try {
    const h = createHash("sha256").update("exhibits-cli-1\0");
    for (const f of sources(SRC)) h.update(f.slice(SRC.length)).update("\0").update(readFileSync(f)).update("\0");
    const dir = join(DIST, `cli-${h.digest("hex").slice(0, 16)}`);
    const entry = join(dir, "main.js");
    if (existsSync(entry)) return entry;
    const { build } = await import("esbuild");
    const tmp = `${dir}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await build({
        entryPoints: [join(SRC, "main.ts")],
        bundle: true,
        splitting: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        outdir: tmp,
        logLevel: "silent",
      });
      for (const f of BESIDE) copyFileSync(join(SRC, f), join(tmp, f.split("/").pop()));
      // The review page's script (browser code), beside the chunks where src/review/page.ts looks for it.
      await build({
        entryPoints: [join(SRC, "review/page/main.ts")],
        bundle: true,
        platform: "browser",
        format: "iife",
        target: "chrome120",
        outfile: join(tmp, "review-page.js"),
        logLevel: "silent",
      });
      mkdirSync(DIST, { recursive: true });
      try {
        renameSync(tmp, dir);
      } catch {
        if (!existsSync(entry)) throw new Error("not placed"); // else another run placed the same build first
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    prune(dir);
    return entry;
  } catch {
    return undefined;
  }
}

function prune(current) {
  const others = readdirSync(DIST)
    .filter((n) => /^cli-[0-9a-f]{16}$/.test(n) && join(DIST, n) !== current)
    .map((n) => ({ path: join(DIST, n), at: statSync(join(DIST, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEEP - 1)) rmSync(old.path, { recursive: true, force: true });
}
