/**
 * A full disk and a read-only output folder, for real: a small tmpfs mounted for the test (root, or a container
 * allowed to mount). The build ends with exit 5 and one line naming the output folder; the previous bundle verifies
 * and is byte for byte as it was, nothing is left beside it, and the custody log is unchanged.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync, tempDir } from "../helpers/cli.js";
import { CASE_ID, changeEvidence, writeFaultCase, expectUnchanged, stateOf } from "./fault-case.js";

const mnt = join(tempDir("exhibits-disk-"), "mnt");
mkdirSync(mnt);
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt], { encoding: "utf8" });
const canMount = mounted.status === 0;
if (!canMount)
  console.warn(`test/faults/disk: not run here: cannot mount a tmpfs (${(mounted.stderr || mounted.error?.message || "").trim()})`);

let caseDir = "";
const outDir = join(mnt, "out");

beforeAll(async () => {
  if (!canMount) return;
  ({ caseDir } = await writeFaultCase());
  const first = await runCliAsync(["build", caseDir, "--out", outDir, "--quiet"]);
  expect(first.code, first.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (canMount) spawnSync("umount", ["-l", mnt]);
});

const _bundle = () => join(outDir, CASE_ID);

describe.runIf(canMount)("the output folder's disk", () => {
  it("full (ENOSPC): exit 5 naming the output folder; the previous bundle stays", async () => {
    const before = stateOf(outDir, caseDir);
    const { bavail, bsize } = statfsSync(mnt);
    writeFileSync(join(mnt, "filler"), Buffer.alloc(Math.max(0, bavail * bsize - 200 * 1024)));
    changeEvidence(caseDir, 1);
    const r = await runCliAsync(["build", caseDir, "--out", outDir]);
    expect(r.code, r.stderr).toBe(5);
    const last = r.stderr.trim().split("\n").pop()!;
    expect(last).toMatch(new RegExp(`^exhibits: the output folder ${outDir}: no space left on its device \\(ENOSPC\\)`));
    expect(last).toMatch(/The previous bundle and the custody log are unchanged\.$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    spawnSync("rm", ["-f", join(mnt, "filler")]);
    expectUnchanged(outDir, caseDir, before);
  }, 300_000);

  it("read-only (EROFS): exit 5 naming the output folder; the previous bundle stays", async () => {
    const before = stateOf(outDir, caseDir);
    expect(spawnSync("mount", ["-o", "remount,ro", mnt]).status).toBe(0);
    try {
      changeEvidence(caseDir, 2);
      const r = await runCliAsync(["build", caseDir, "--out", outDir]);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr.trim()).toMatch(new RegExp(`^exhibits: the output folder ${outDir} is on a read-only file system \\(EROFS\\)`));
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      spawnSync("mount", ["-o", "remount,rw", mnt]);
    }
    expectUnchanged(outDir, caseDir, before);
  }, 300_000);
});
