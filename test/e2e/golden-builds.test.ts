/**
 * The fixture cases build to the very bytes recorded in test/golden/builds.json: a refactoring that changes
 * one output byte fails here. A change that is meant to change the output updates the file on purpose
 * (UPDATE_GOLDEN=1 npx vitest run test/e2e/golden-builds.test.ts) and the diff is reviewed.
 *
 * Two things in a bundle are not decided by its inputs, and are compared for what they are:
 * - the build machine's name, recorded by the custody log (and so in the manifest's digest of it): the
 *   custody log and the manifest are compared with the host column masked;
 * - the renderer: Chromium's version and the machine's fonts decide the bytes of every rendered page. On the
 *   renderer the digests were recorded with, every file is compared byte for byte; on another, what the
 *   renderer does not decide is (file names, sources, page counts, Bates ranges).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openBrowser } from "../../src/browser/index.js";
import { parseCsv } from "../../src/util/csv.js";
import { ROOT, hashTree } from "../helpers/cli.js";
import { SHARED_CASES } from "../helpers/fixture-builds.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const GOLDEN = join(ROOT, "test/golden/builds.json");
const CASES = SHARED_CASES;

interface Golden {
  renderer: { browser: string; fonts: string };
  cases: Record<string, { files: Record<string, string>; summary: unknown }>;
}

/** The renderer's identity: Chromium's version and the digest of the machine's font list. */
async function rendererIdentity(): Promise<Golden["renderer"]> {
  const browser = await openBrowser(process.env);
  try {
    const fonts = execFileSync("fc-list", ["--format", "%{file}|%{family}|%{style}\n"], { encoding: "utf8" }).split("\n").sort().join("\n");
    return { browser: await browser.version(), fonts: createHash("sha256").update(fonts).digest("hex") };
  } finally {
    await browser.close();
  }
}

/** The custody log with its host column masked and its hash chain (which covers the host) left out. */
function maskedCustody(csv: string): string {
  const { header, rows } = parseCsv(csv);
  const host = header.indexOf("host");
  const prev = header.indexOf("prev");
  return rows.map((r) => r.cells.map((c, i) => (i === host ? "<host>" : i === prev ? "" : c)).join("\u0001")).join("\n");
}

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Every file's digest; the custody log and manifests masked as the header says. */
function digests(root: string): Record<string, string> {
  const out = hashTree(root);
  for (const path of Object.keys(out)) {
    if (path.endsWith("custody-log.csv")) out[path] = `masked:${sha(maskedCustody(readFileSync(join(root, path), "utf8")))}`;
    if (path === "manifest.json" || path.endsWith("/manifest.json")) {
      const m = JSON.parse(readFileSync(join(root, path), "utf8"));
      for (const f of m.outputs) if (f.path.endsWith("custody-log.csv")) Object.assign(f, { bytes: 0, sha256: "<masked>" });
      out[path] = `masked:${sha(JSON.stringify(m))}`;
    }
    if (path.endsWith("manifest.json.sha256")) delete out[path];
  }
  return out;
}

/** What the renderer does not decide: the files, and each tree's sources, exhibits, pages and Bates ranges. */
function summary(root: string, files: Record<string, string>): unknown {
  const manifests = Object.keys(files).filter((p) => p.endsWith("manifest.json"));
  return {
    files: Object.keys(files),
    trees: manifests.map((p) => {
      const m = JSON.parse(readFileSync(join(root, p), "utf8"));
      return {
        manifest: p,
        inputs: m.inputs,
        bates: m.bates,
        exhibits: m.exhibits.map((e: { label: string; title: string; pages: number; bates: unknown; sources: unknown }) => [
          e.label,
          e.title,
          e.pages,
          e.bates,
          e.sources,
        ]),
      };
    }),
  };
}

describe("the fixture cases build to the recorded bytes", async () => {
  const shared = { "valentino-v-kaitlyn-pan": sharedBuild("valentino-v-kaitlyn-pan"), "schedule-a-25": sharedBuild("schedule-a-25") };
  const renderer = await rendererIdentity();
  const golden: Golden | undefined = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, "utf8")) : undefined;
  const update = process.env.UPDATE_GOLDEN === "1" || !golden;
  const next: Golden = { renderer, cases: {} };
  const sameRenderer = golden !== undefined && golden.renderer.browser === renderer.browser && golden.renderer.fonts === renderer.fonts;

  for (const name of CASES) {
    it(
      `${name}: ` + `${sameRenderer || update ? "every file byte for byte" : "files, sources, pages and Bates ranges (another renderer)"}`,
      async () => {
        // Built as the README builds it: `exhibits build` from the repository's folder, named relative to it (a private
        // copy), with --no-cache: the run's shared build of the case, made once for the e2e tier by buildAsReadme().
        const r = shared[name];
        const files = digests(r.bundleDir);
        next.cases[name] = { files, summary: summary(r.bundleDir, files) };
        if (update) {
          if (Object.keys(next.cases).length === CASES.length) writeFileSync(GOLDEN, JSON.stringify(next, null, 1) + "\n");
          return;
        }
        const want = golden!.cases[name]!;
        if (sameRenderer) expect(files).toEqual(want.files);
        else expect(summary(r.bundleDir, files)).toEqual(want.summary);
      },
    );
  }
});
