/**
 * Two builds of one case into one --out at once, ten rounds: one builds, the other exits 5 naming the holder (or,
 * both run with --wait, builds after it); nothing is left behind, and the bundle verifies after every round.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliAsync } from "../helpers/cli.js";
import { leftovers } from "../helpers/output-folder.js";
import { CASE_ID, changeEvidence, writeFaultCase } from "./fault-case.js";

let caseDir = "";
let outDir = "";

beforeAll(async () => {
  ({ caseDir, outDir } = await writeFaultCase());
}, 60_000);

describe("two builds into one output folder at once", () => {
  it.each(Array.from({ length: 10 }, (_, i) => [i + 1, i % 2 === 1] as const))(
    "round %i (--wait: %s): one builds, the other waits or exits 5; nothing left behind",
    async (round, wait) => {
      changeEvidence(caseDir, 80 + round);
      const build = (extra: string[]) => runCliAsync(["build", caseDir, "--out", outDir, "--quiet", ...extra]);
      const flags = wait ? ["--wait"] : [];
      const [a, b] = await Promise.all([build(flags), build(flags)]);
      const codes = [a.code, b.code].sort();
      if (wait) expect(codes, a.stderr + b.stderr).toEqual([0, 0]);
      else {
        expect(codes, a.stderr + b.stderr).toEqual([0, 5]);
        const refused = a.code === 5 ? a : b;
        expect(refused.stderr).toMatch(/the output folder .* is in use by a build \(PID \d+ on .*\); wait for it to finish/);
        expect(refused.stderr.trim().split("\n")).toHaveLength(1);
      }
      expect(leftovers(outDir, CASE_ID)).toEqual([]);
      const v = runCli(["verify", `${outDir}/${CASE_ID}`]);
      expect(v.code, v.stdout).toBe(0);
    },
    300_000,
  );
});
