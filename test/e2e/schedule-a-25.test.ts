/**
 * The 25-defendant Schedule A fixture: check, build and verify, with every appendix covering all 25 (its identities are
 * sealed: public/ and sealed/ twins, see identity-sealing.test.ts). The build is the run's shared build of the case
 * (test/helpers/fixture-builds.ts); check and verify are called in-process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck, runVerify } from "../helpers/commands.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const shared = sharedBuild("schedule-a-25");

describe("Schedule A case with 25 defendants", () => {
  it("checks, builds and verifies; Schedule A, index and damages cover every defendant", async () => {
    const check = await runCheck(shared.caseDir);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toMatch(/0 errors, 0 warnings/);

    // Identity sealing: public/ names defendants by their Doe designation, sealed/ holds the full Schedule A.
    expect((await runVerify(shared.bundleDir)).code).toBe(0);
    const rows = (twin: string, f: string) =>
      readFileSync(join(shared.bundleDir, twin, "appendices", f), "utf8")
        .trim()
        .split("\r\n")
        .slice(1);
    const sa = rows("sealed", "schedule-a.csv");
    expect(sa).toHaveLength(25);
    expect(sa.map((r) => Number(r.split(",")[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(rows("public", "schedule-a.csv")).toHaveLength(25);
    for (const twin of ["public", "sealed"]) expect(new Set(rows(twin, "exhibit-index.csv").map((r) => r.split(",")[0])).size).toBe(50);
    const damages = rows("public", "damages.csv");
    expect(damages.filter((r) => r.startsWith("defendant total,"))).toHaveLength(25);
    const grand = damages.find((r) => r.startsWith("grand total,"))!.split(",");
    // 7 willful defendants (doe-01, 05, 09, 13, 17, 21, 25) at $250,000 and 18 at $50,000.
    expect(grand[13]).toBe("2650000.00");
  });
});
