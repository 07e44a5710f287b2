/**
 * A build time before the evidence it holds is refused: SOURCE_DATE_EPOCH 2026-01-01 is earlier than the fixture's
 * March 2026 captures, so `exhibits build` exits 3 naming both times and the item, and writes no bundle.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture, runCli, tempDir } from "../helpers/cli.js";

describe("time sanity", () => {
  it("exits 3 when SOURCE_DATE_EPOCH is earlier than the latest capture, naming both times and the file", () => {
    const caseDir = copyFixture();
    const out = tempDir();
    const r = runCli(["build", caseDir, "--out", out, "--no-cache"], { env: { SOURCE_DATE_EPOCH: "1767225600" } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("evidence/kpg/03-test-buy/05-received-box.jpg (field capturedAt)");
    expect(r.stderr).toMatch(
      /acquired at 2026-03-20T21:07:48Z \(exif\), after the build time 2026-01-01T00:00:00Z \(from SOURCE_DATE_EPOCH\)/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user mistake
    expect(existsSync(join(out, "valentino-v-kaitlyn-pan"))).toBe(false);
  }, 120_000);
});
