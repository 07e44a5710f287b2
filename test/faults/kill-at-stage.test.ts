/**
 * kill -9 at each named stage of a build (src/util/fault-point.ts): after each, `out/<case-id>` is a complete bundle
 * that verify passes (the old one, or the new one once the switch happened), the case's custody log is byte for byte
 * what it was before the killed build, and the next build leaves no temporary tree behind and finishes what the
 * killed one left (a switched bundle's custody entries).
 */
import { readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { FaultPoint } from "../../src/util/fault-point.js";
import { hashTree, runCli, runCliAsync } from "../helpers/cli.js";
import { leftovers } from "../helpers/output-folder.js";
import { CASE_ID, changeEvidence, custodyLog, runToPoint, builtFaultCase } from "./fault-case.js";

const STAGES: readonly FaultPoint[] = ["intake", "twin-public", "exhibits", "bundle", "twin-sealed", "manifest", "swap", "switched"];

let caseDir = "";
let outDir = "";

beforeAll(async () => {
  ({ caseDir, outDir } = await builtFaultCase());
}, 300_000);

const bundle = () => join(outDir, CASE_ID);
const verifies = () => {
  const r = runCli(["verify", bundle()]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
};

describe("a build killed (SIGKILL) at each stage", () => {
  it.each(STAGES.map((s, i) => [s, i] as const))(
    "%s: the bundle is whole (old or new), the custody log untouched, and the next build cleans up",
    async (stage, round) => {
      const before = { tree: hashTree(bundle()), log: custodyLog(caseDir), version: readlinkSync(bundle()) };
      changeEvidence(caseDir, round);
      const killed = await runToPoint(["build", caseDir, "--out", outDir], stage, "SIGKILL");
      expect(killed.signal).toBe("SIGKILL");
      verifies();
      const switched = stage === "switched";
      if (switched) expect(readlinkSync(bundle())).not.toBe(before.version);
      else expect(hashTree(bundle())).toEqual(before.tree); // the old bundle, byte for byte
      expect(custodyLog(caseDir).equals(before.log)).toBe(true);

      const next = await runCliAsync(["build", caseDir, "--out", outDir, "--quiet"]);
      expect(next.code, next.stderr).toBe(0);
      expect(leftovers(outDir, CASE_ID)).toEqual([]);
      verifies();
      const log = custodyLog(caseDir);
      expect(log.subarray(0, before.log.length).equals(before.log)).toBe(true); // extended, never rewritten
      // The bundle's own copy of the log is the case's log as this build left it.
      const copy = readFileSync(join(bundle(), "sealed", "appendices", "custody-log.csv"), "utf8");
      const lines = log.toString("utf8").trim().split("\n").length;
      expect(copy.trim().split("\n").length).toBe(lines + 1); // its header, then one row per entry
    },
    300_000,
  );
});
