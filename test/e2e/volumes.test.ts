/**
 * Volumes under a court's size limit: an exhibit or bundle.pdf over `volumes.maxMegabytes` is split at page
 * boundaries into numbered parts, each under the limit, with Bates numbers running on across parts; the
 * manifest and the exhibit index list every part, and verify checks them.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { noisyPng } from "../helpers/test-files.js";
import { tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";

const LIMIT_MB = 2;
let tree: string;

beforeAll(async () => {
  const caseDir = join(tempDir(), "case");
  mkdirSync(join(caseDir, "evidence", "s1"), { recursive: true });
  const files: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const name = `evidence/s1/${String(i).padStart(2, "0")}-listing.png`;
    writeFileSync(join(caseDir, name), await noisyPng(i));
    files.push(name);
  }
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: volumes\ncaption: {court: Test Court, caseNumber: "1:26-cv-7", plaintiffs: [P], defendants: D, shortTitle: P v. D}\ntimeZone: ` +
      `UTC\nbates: {prefix: V, start: 100}\nvolumes: {maxMegabytes: ${LIMIT_MB}}\ndefendants:\n  - {id: s1, name: Seller ` +
      `One}\nevidence:\n  - files: [${files.slice(0, 5).join(", ")}]\n    title: Five listing screenshots\n`,
  );
  const out = join(tempDir(), "out");
  const r = await runBuild({ caseDir, out, quiet: true });
  expect(r.code, r.stderr).toBe(0);
  tree = join(out, "volumes");
}, 240_000);

describe("volumes", () => {
  it("splits the big exhibit into numbered parts, each under the limit, and leaves the small one whole", () => {
    const names = readdirSync(join(tree, "exhibits")).sort();
    const parts = names.filter((n) => n.startsWith("001 ") && /\(Part \d of \d\)\.pdf$/.test(n));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toMatch(/\(Part 1 of \d\)\.pdf$/);
    expect(names.some((n) => n.startsWith("002 ") && !/Part/.test(n))).toBe(true);
    for (const n of names) expect(statSync(join(tree, "exhibits", n)).size, n).toBeLessThanOrEqual(LIMIT_MB * 1_000_000);
  });

  it("splits bundle.pdf too, each part under the limit", () => {
    const parts = readdirSync(tree).filter((n) => /^bundle-part-\d+-of-\d+\.pdf$/.test(n));
    expect(parts.length).toBeGreaterThan(1);
    for (const n of parts) expect(statSync(join(tree, n)).size, n).toBeLessThanOrEqual(LIMIT_MB * 1_000_000);
  });

  it("keeps Bates numbers continuous across parts, as the manifest records and verify checks", async () => {
    const m = JSON.parse(readFileSync(join(tree, "manifest.json"), "utf8"));
    const ex = m.exhibits[0];
    expect(ex.volumes.length).toBeGreaterThan(1);
    expect(ex.volumes[0].bates.first).toBe(ex.bates.first);
    expect(ex.volumes.at(-1).bates.last).toBe(ex.bates.last);
    for (let i = 1; i < ex.volumes.length; i++)
      expect(Number(ex.volumes[i].bates.first.slice(1))).toBe(Number(ex.volumes[i - 1].bates.last.slice(1)) + 1);
    expect(ex.volumes.reduce((n: number, v: { pages: number }) => n + v.pages, 0)).toBe(ex.pages);
    expect(m.bundle.volumes.reduce((n: number, v: { pages: number }) => n + v.pages, 0)).toBe(m.bates.pages);
    const v = await runVerify(tree);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toMatch(/1 exhibit\(s\) in parts; bundle in \d+ parts/);
  });

  it("lists every part in the exhibit index", () => {
    const csv = readFileSync(join(tree, "appendices", "exhibit-index.csv"), "utf8");
    expect(csv).toMatch(/exhibits\/001 [^,"]*\(Part 1 of \d\)\.pdf \+ exhibits\/001 [^,"]*\(Part 2 of \d\)\.pdf/);
  });

  it("each part verifies alone, carrying the originals of the items that begin in it", async () => {
    const names = readdirSync(join(tree, "exhibits"))
      .filter((n) => n.startsWith("001 "))
      .sort();
    let attached = 0;
    for (const n of names) {
      const r = await runVerify(join(tree, "exhibits", n), { manifest: join(tree, "manifest.json") });
      expect(r.code, r.stdout).toBe(0);
      attached += (r.stdout.match(/, attached\)/g) ?? []).length;
    }
    expect(attached).toBe(5); // each of the five screenshots is attached exactly once, in the part where it begins
  });
});
