/**
 * SIGINT and SIGTERM at each stage of a build: the process exits 130 or 143 within 2 s, its temporary tree and lock
 * are gone, and the bundle and the custody log are exactly as they were before it started.
 */
import { readlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { FaultPoint } from "../../src/util/fault-point.js";
import { hashTree } from "../helpers/cli.js";
import { leftovers } from "../helpers/output-folder.js";
import { CASE_ID, changeEvidence, custodyLog, runToPoint, builtFaultCase } from "./fault-case.js";

const STAGES: readonly FaultPoint[] = ["intake", "twin-public", "exhibits", "bundle", "twin-sealed", "manifest"];
const SIGNALS = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const;

let caseDir = "";
let outDir = "";

beforeAll(async () => {
  ({ caseDir, outDir } = await builtFaultCase());
}, 300_000);

const cases = STAGES.flatMap((stage) => SIGNALS.map(([signal, code]) => [stage, signal, code] as const));

describe("a build stopped by a signal", () => {
  it.each(cases.map((c, i) => [...c, i] as const))(
    "at %s, %s: exits %i within 2 s and changes nothing",
    async (stage, signal, code, round) => {
      const bundle = join(outDir, CASE_ID);
      const before = { tree: hashTree(bundle), log: custodyLog(caseDir), version: readlinkSync(bundle) };
      changeEvidence(caseDir, 40 + round);
      const stopped = await runToPoint(["build", caseDir, "--out", outDir], stage, signal);
      expect(stopped.code, stopped.stderr).toBe(code);
      expect(stopped.stderr).toMatch(new RegExp(`stopping \\(${signal}\\)`));
      expect(stopped.exitMs).toBeLessThan(2000);
      expect(readlinkSync(bundle)).toBe(before.version);
      expect(hashTree(bundle)).toEqual(before.tree);
      expect(custodyLog(caseDir).equals(before.log)).toBe(true);
      expect(leftovers(outDir, CASE_ID)).toEqual([]); // no temporary tree, no lock
    },
    240_000,
  );
});
