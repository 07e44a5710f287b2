/**
 * A change to an input of a key recipe (cache/recipes.ts) invalidates exactly the entries made from it: an
 * edited cover template re-prints the covers and recomposes every exhibit (each carries its cover), and the
 * certification and notice (they give each exhibit PDF's digest), but no document is printed again; an edited
 * transcript template re-prints the chat and recomposes only the chat's
 * exhibit, and the certification and notice (they name the digest of each page made from a record). The other
 * appendices are reused. Each cached rebuild equals a clean build.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/commands/build.js";
import { TEMPLATES_DIR } from "../../src/render/index.js";
import { EPOCH, copyFixture, hashTree, tempDir } from "../helpers/cli.js";

let caseDir: string;
let out: string;
let firstTree: Record<string, string>;

/** Build with the templates of `templates` (the repository's when undefined). */
async function buildWith(templates: string | undefined, opts: { out: string; cache?: false }): Promise<BuildResult> {
  const before = process.env.EXHIBITS_TEMPLATES;
  if (templates) process.env.EXHIBITS_TEMPLATES = templates;
  try {
    return await build({
      cwd: caseDir,
      caseDir,
      out: opts.out,
      ...(opts.cache === false ? { cache: false } : {}),
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
    });
  } finally {
    if (before === undefined) delete process.env.EXHIBITS_TEMPLATES;
    else process.env.EXHIBITS_TEMPLATES = before;
  }
}

/** A copy of the templates with `file` edited. */
function editedTemplates(file: string, from: string, to: string): string {
  const dir = join(tempDir(), "templates");
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  const text = readFileSync(join(dir, file), "utf8");
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
  return dir;
}

const misses = (r: BuildResult, kind: keyof BuildResult["cache"]) => r.cache[kind]?.misses ?? 0;
const hits = (r: BuildResult, kind: keyof BuildResult["cache"]) => r.cache[kind]?.hits ?? 0;
const exhibitsIn = (r: BuildResult) => r.trees.reduce((n, t) => n + t.manifest.exhibits.length, 0);
/** The native files written beside the exhibits (N.D. Ill.'s CM/ECF takes no embedded files): outputs of kind "exhibit". */
const nativesIn = (r: BuildResult) =>
  r.trees.reduce((n, t) => n + t.manifest.outputs.filter((o) => o.path.startsWith("natives/")).length, 0);

beforeAll(async () => {
  caseDir = copyFixture();
  // One chat in the case (the fixture's case-wide log is a second one): the transcript test counts its prints.
  for (const f of ["01-test-buy-coordination.csv", "01-test-buy-coordination.csv.meta.yaml"]) rmSync(join(caseDir, "evidence", f));
  out = tempDir();
  firstTree = hashTree((await buildWith(undefined, { out })).bundleDir);
}, 180_000);

describe("a changed template invalidates exactly what is made from it", () => {
  it("the cover template: covers re-printed and every exhibit recomposed; no document re-printed; the appendices but the " +
    "certification and notice reused", async () => {
    const templates = editedTemplates("cover.hbs", "<h2>Provenance summary", "<h2>Provenance summary of the sources");
    const r = await buildWith(templates, { out });
    const twins = r.trees.length;
    expect(twins).toBe(2);
    // One cover print per twin (the fixture's covers fit in one batch), and the certification and the notice (their
    // Table 2 gives each exhibit PDF's digest); the rest is the same HTML.
    expect(misses(r, "render")).toBe(3 * twins);
    expect(misses(r, "parts")).toBe(exhibitsIn(r));
    expect(hits(r, "parts")).toBe(0);
    expect(hits(r, "exhibit")).toBe(nativesIn(r)); // natives are copied files: reused
    // Schedule A, damages, the index and the declaration show no exhibit file's digest: reused in each twin.
    expect(misses(r, "appendix")).toBe(2 * twins);
    expect(hits(r, "appendix")).toBeGreaterThanOrEqual(4 * twins);
    const clean = await buildWith(templates, { out: tempDir(), cache: false });
    expect(hashTree(r.bundleDir)).toEqual(hashTree(clean.bundleDir));
    expect(hashTree(r.bundleDir)).not.toEqual(firstTree); // the change reached the output
  }, 240_000);

  it("the transcript template: the chat re-printed and only its exhibit recomposed", async () => {
    await buildWith(undefined, { out }); // back to the repository's templates
    // A change that keeps the chat's page count (a longer transcript would move every later Bates number).
    const templates = editedTemplates("partials/document-transcript.hbs", "<th>Sender</th>", "<th>From</th>");
    const r = await buildWith(templates, { out });
    const twins = r.trees.length;
    // The chat is redacted: one print per twin, and in each twin the certification and the notice, which name the
    // digest of every page made from a record. Covers, other documents and the other appendices: the same HTML.
    expect(misses(r, "render")).toBe(3 * twins);
    expect(misses(r, "parts")).toBe(twins); // the chat's exhibit, in each twin
    expect(hits(r, "parts")).toBe(exhibitsIn(r) - twins);
    expect(hits(r, "exhibit")).toBe(exhibitsIn(r) - twins + nativesIn(r)); // natives are copied files: reused
    // The certification and the notice name the digest of each page made from a record (records-manifest.json), so a
    // re-printed chat changes both, in each twin; the exhibit index (no page digests shown) and the rest are reused.
    expect(misses(r, "appendix")).toBe(2 * twins);
    expect(hits(r, "appendix")).toBeGreaterThanOrEqual(4 * twins);
    const clean = await buildWith(templates, { out: tempDir(), cache: false });
    expect(hashTree(r.bundleDir)).toEqual(hashTree(clean.bundleDir));
  }, 240_000);
});
