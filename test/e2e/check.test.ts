/**
 * `exhibits check` and `exhibits build` agree: a case check finds in error is refused by build too (build renders the
 * evidence documents before it checks, so this needs Chromium; the check's findings are tested in
 * test/consistency/check.test.ts). The fixture's check runs here too: intake checks its PDFs with qpdf, a child process.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { runBuild, runCheck } from "../helpers/commands.js";

describe("exhibits check and build", () => {
  it("exits 3 when a defendant has no evidence, and build refuses the same case", async () => {
    const dir = copyFixture();
    const yaml = join(dir, "case.yaml");
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace("defendants:\n", "defendants:\n  - id: empty\n    name: Empty Store\n"));
    mkdirSync(join(dir, "evidence/empty"), { recursive: true });
    const r = await runCheck(dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/ERROR {3}has-evidence: no evidence at all/);
    const b = await runBuild({ caseDir: dir, out: join(dir, "..", "out") });
    expect(b.code).toBe(3);
    expect(b.stderr).toMatch(/case\.yaml \(field has-evidence\): Empty Store: no evidence at all/);
  });
});

describe("exhibits check (the command, in-process, on the fixture)", () => {
  it("reports the fixture per defendant and exits 0 with warnings only", async () => {
    const r = await runCheck(copyFixture());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok {6}forum-test-buy: test buy shipped to IL: order 114-7730215-6620491/);
    expect(r.stdout).toMatch(/0 errors, \d+ warnings/);
    expect(JSON.parse((await runCheck(copyFixture(), { json: true })).stdout).ok).toBe(true);
  });
});
