/**
 * PngSuite at intake: every corrupt PNG is refused with a reason. That every valid one reaches the PDF losslessly is
 * checked end to end, against qpdf's decoding, in test/e2e/images/pngsuite.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeImage } from "../../src/images/index.js";
import { SUITE, corrupt, valid } from "../helpers/pngsuite.js";

describe("PngSuite", () => {
  it("has both valid and corrupt files to test", () => {
    expect(valid.length).toBeGreaterThan(140);
    expect(corrupt.length).toBe(14);
  });

  it.each(corrupt)("refuses corrupt %s with a reason", async (name) => {
    await expect(probeImage(readFileSync(join(SUITE, name)), "png")).rejects.toThrow(/./);
  });
});
