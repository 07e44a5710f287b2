/**
 * The build cache: a rebuild reuses what did not change and writes exactly the bytes a build without the
 * cache writes. Checked on the fixture case (public and sealed twins, captures, chats, purchases):
 * an unchanged rebuild reuses everything; one changed screenshot recomposes one exhibit per twin, and the
 * tree equals a --no-cache build; an output edited in place and a damaged cache entry are not trusted; a
 * settings change (the Bates prefix) reaches every exhibit.
 */
import { appendFileSync, chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { copyFixture, hashTree, tempDir } from "../helpers/cli.js";
import { runBuild } from "../helpers/commands.js";
import { reused } from "../helpers/cache-line.js";
import { findChromium } from "../../src/browser/index.js";

let caseDir: string;
let out: string;
const CASE_ID = "valentino-v-kaitlyn-pan";
const tree = (root: string) => hashTree(join(root, CASE_ID));

/** `exhibits build <caseDir> --out <to> [--no-cache]` (in-process); its progress lines, which end with the cache line. */
async function build(opts: { cache?: false } = {}, to = out, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await runBuild({ caseDir, out: to, env, ...opts });
  expect(r.stderr).not.toMatch(/Error|at .*\.ts:/);
  expect(r.code).toBe(0);
  return r.stderr;
}

let first: Record<string, string>;
/** A clean (--no-cache) build of the case as the changed screenshot left it: what the cached builds must equal. */
let cleanAfterScreenshot: Record<string, string>;

// The second describe's copy, made now so that it has aged past the racy window when that describe starts.
const agedCase = copyFixture();
const agedSince = Date.now();

beforeAll(async () => {
  caseDir = copyFixture();
  out = tempDir();
  await build();
  first = tree(out);
}, 120_000);

describe("build cache", () => {
  it("reuses everything when nothing changed, and writes the same bytes (the exhibit files are the same files)", async () => {
    const exhibit = readdirSync(join(out, CASE_ID, "public", "exhibits")).find((f) => f.endsWith(".pdf"))!;
    const before = statSync(join(out, CASE_ID, "public", "exhibits", exhibit)).ino;
    const log = await build();
    expect(tree(out)).toEqual(first);
    const parts = reused(log, "parts");
    expect(parts.total).toBeGreaterThan(10);
    expect(parts.hits).toBe(parts.total);
    expect(reused(log, "render").hits).toBe(reused(log, "render").total);
    expect(statSync(join(out, CASE_ID, "public", "exhibits", exhibit)).ino).toBe(before); // linked, not rewritten
  }, 120_000);

  it("after one changed screenshot recomposes only its exhibit, and equals a clean build byte for byte", async () => {
    // The product page (Exhibit 8): nothing in it is redacted, so only the public tree holds it.
    const shot = join(caseDir, "evidence/studline/01-website-product.png");
    const img = readFileSync(shot);
    writeFileSync(
      shot,
      await sharp(img)
        .composite([{ input: { create: { width: 120, height: 40, channels: 3, background: "#2e86c1" } }, left: 30, top: 60 }])
        .removeAlpha()
        .png()
        .toBuffer(),
    );
    const log = await build();
    const parts = reused(log, "parts");
    // Its exhibit (8), in each tree that holds it: the public one, and the sealed one when anything in it is redacted.
    const sealedManifest = JSON.parse(readFileSync(join(out, CASE_ID, "sealed", "manifest.json"), "utf8"));
    const trees = sealedManifest.exhibits.some((e: { label: string }) => e.label === "8") ? 2 : 1;
    expect(trees).toBe(1);
    expect(parts.total - parts.hits).toBe(trees);
    // Each bundle.pdf holding it is rewritten, copying every other part's bytes from the previous bundle.pdf; a sealed
    // one that does not hold this exhibit is the previous file (each exhibit of the fixture is one part).
    const copied = reused(log, "bundle-parts");
    expect(copied.total).toBe(trees === 2 ? parts.total : parts.total - sealedManifest.exhibits.length);
    expect(copied.total - copied.hits).toBe(trees);
    const cached = tree(out);
    const clean = tempDir();
    await build({ cache: false }, clean);
    cleanAfterScreenshot = tree(clean);
    expect(cached).toEqual(cleanAfterScreenshot);
    // The change did reach the output: the exhibit made from the screenshot differs from the first build.
    const changed = Object.keys(first).filter((p) => p.includes("exhibits/") && first[p] !== cached[p]);
    expect(changed.length).toBe(trees);
  }, 180_000);

  it("does not trust an output edited in place or a damaged cache entry", async () => {
    const dir = join(out, CASE_ID, "sealed", "exhibits");
    const victim = readdirSync(dir).find((f) => f.endsWith(".pdf"))!;
    appendFileSync(join(dir, victim), "%% edited\n");
    // The public bundle.pdf edited in place too: it is written again, and none of its bytes are copied from it.
    appendFileSync(join(out, CASE_ID, "public", "bundle.pdf"), "%% edited\n");
    // Damage one stored render (a cover batch or a document) by flipping a byte in the middle. It must be one
    // the last build used (the newest): the entries the changed screenshot made stale are still stored.
    const renders = join(out, ".cache", "render");
    const entries = readdirSync(renders).flatMap((shard) => readdirSync(join(renders, shard)).map((f) => join(renders, shard, f)));
    const entry = entries.map((p) => ({ p, t: statSync(p).mtimeMs })).sort((a, b) => b.t - a.t || a.p.localeCompare(b.p))[0]!.p;
    const bytes = readFileSync(entry);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(entry, bytes);
    const log = await build();
    const line = log.split("\n").find((l) => l.startsWith("cache:"));
    expect({
      exhibit: reused(log, "exhibit").total - reused(log, "exhibit").hits,
      render: reused(log, "render").total - reused(log, "render").hits,
      line,
    }).toMatchObject({ exhibit: 1, render: 1 });
    expect(reused(log, "bundle-parts").total).toBeGreaterThan(0);
    expect(reused(log, "bundle-parts").hits).toBe(0);
    // The case is as the previous test left it: its clean build is the one to equal.
    expect(tree(out)).toEqual(cleanAfterScreenshot);
  }, 180_000);

  it("carries a settings change (the Bates prefix) into every exhibit, equal to a clean build", async () => {
    const yaml = join(caseDir, "case.yaml");
    const text = readFileSync(yaml, "utf8");
    const prefix = /prefix:\s*"?([A-Z]+)"?/.exec(text)![1]!;
    writeFileSync(yaml, text.replace(/prefix:\s*"?[A-Z]+"?/, `prefix: ${prefix}X`));
    const log = await build();
    expect(reused(log, "parts").hits).toBe(0);
    const clean = tempDir();
    await build({ cache: false }, clean);
    const cached = tree(out);
    expect(cached).toEqual(tree(clean));
    expect(readFileSync(join(out, CASE_ID, "public", "manifest.json"), "utf8")).toContain(`"${prefix}X`);
  }, 180_000);
});

describe("a rebuild reads and renders only what changed", () => {
  // Chromium behind a wrapper that notes each launch (the wrapper is the browser the renders are keyed by).
  let wrapper: string;
  let launches: string;
  let own: string;
  const launched = () => (existsSync(launches) ? readFileSync(launches, "utf8").split("\n").filter(Boolean).length : 0);
  const buildOwn = () => build({}, own, { PUPPETEER_EXECUTABLE_PATH: wrapper });

  beforeAll(async () => {
    caseDir = agedCase;
    own = tempDir();
    const dir = tempDir();
    wrapper = join(dir, "chromium");
    launches = join(dir, "launches.txt");
    writeFileSync(wrapper, `#!/bin/sh\necho launched >> '${launches}'\nexec '${findChromium()}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    // Files changed in the last two seconds are read again next time (a coarse clock could hide a second
    // write): the copy is let age first, as evidence on disk would be (made at the start of the file, it has
    // usually aged already).
    await sleep(Math.max(0, agedSince + 2100 - Date.now()));
    const log = await buildOwn();
    expect(reused(log, "readings").hits).toBe(0);
    expect(launched()).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it("starts no browser and reads no evidence again when nothing changed", async () => {
    const before = launched();
    const log = await buildOwn();
    expect(launched()).toBe(before);
    const readings = reused(log, "readings");
    expect(readings.total).toBeGreaterThan(10);
    expect(readings.hits).toBe(readings.total); // every item recalled whole, none parsed again
    expect(reused(log, "case").hits).toBe(1); // case.yaml's validated configuration, recalled
    // The log's checkpoint vouches for it twice: read before the build, and read again to append after the switch.
    expect(reused(log, "custody").hits).toBe(2);
  }, 180_000);

  it("after one edited email, reads that file again, starts the browser once, and equals a clean build", async () => {
    const path = join(caseDir, "evidence/kpg/03-test-buy/order-confirmation.eml");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace(/^Subject: (.*)$/m, "Subject: $1 (resent)"));
    expect(readFileSync(path, "utf8")).not.toBe(text);
    const before = launched();
    const log = await buildOwn();
    const readings = reused(log, "readings");
    expect(readings.total - readings.hits).toBe(1);
    expect(launched()).toBe(before + 1);
    const clean = tempDir();
    await build({ cache: false }, clean, { PUPPETEER_EXECUTABLE_PATH: wrapper }); // the same browser renders it
    expect(tree(own)).toEqual(tree(clean));
  }, 180_000);
});
