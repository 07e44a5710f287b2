/**
 * The review page's files: its HTML and CSS (templates/review/, shipped with the package) and its script, plain
 * TypeScript in src/review/page/ joined by esbuild. The compiled form of the CLI carries the script ready-made
 * (bin/compiled.js writes review-page.js beside its chunks); running from the sources, it is joined on first use.
 * Nothing is fetched from anywhere else: the page works offline.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readFile } from "../util/fs.js";

const TEMPLATES = new URL("../../templates/review/", import.meta.url);
/** Beside this module in the compiled form (dist/cli-<digest>/); absent beside the sources. */
const COMPILED_SCRIPT = new URL("./review-page.js", import.meta.url);
const SOURCE_ENTRY = new URL("./page/main.ts", import.meta.url);

let script: Promise<string> | undefined;

export async function pageHtml(): Promise<string> {
  return readFile(fileURLToPath(new URL("page.html", TEMPLATES)), "utf8");
}

export async function pageCss(): Promise<string> {
  return readFile(fileURLToPath(new URL("page.css", TEMPLATES)), "utf8");
}

export function pageScript(): Promise<string> {
  script ??= loadScript().catch((e: unknown) => {
    script = undefined;
    throw e;
  });
  return script;
}

async function loadScript(): Promise<string> {
  const compiled = fileURLToPath(COMPILED_SCRIPT);
  if (existsSync(compiled)) return readFile(compiled, "utf8");
  const { bundleReviewPage } = await import("./page-bundle.js");
  return bundleReviewPage(fileURLToPath(SOURCE_ENTRY));
}
