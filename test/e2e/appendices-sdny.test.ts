/**
 * The fixture's papers under the S.D.N.Y. profile (court: sdny), pinned as golden texts (test/golden/valentino-sdny;
 * UPDATE_GOLDEN=1 rewrites them, and the diff is reviewed): the same facts as the N.D. Ill. set in S.D.N.Y.'s form —
 * its caption (dashed rules, "x" and ":", "- against -"), no LR 26.2 in the sealing legend, "Bar No." in the signature.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/model/manifest.js";
import { copyFixture, tempDir } from "../helpers/cli.js";
import { runBuild } from "../helpers/commands.js";
import { goldenSet } from "../helpers/golden-text.js";

let sealed: string;
let publicDir: string;
let sourceHashes = new Set<string>();
const { golden, pdfText, mask } = goldenSet("valentino-sdny", () => sourceHashes);

beforeAll(async () => {
  const caseDir = copyFixture();
  const yaml = readFileSync(join(caseDir, "case.yaml"), "utf8");
  writeFileSync(join(caseDir, "case.yaml"), yaml.replace(/^id: (.*)$/m, "id: $1\ncourt: sdny"));
  const built = await runBuild({ caseDir, out: tempDir() });
  expect(built.code, built.stderr).toBe(0);
  const bundle = built.result!.bundleDir;
  [sealed, publicDir] = [join(bundle, "sealed", "appendices"), join(bundle, "public", "appendices")];
  const manifest = JSON.parse(readFileSync(join(bundle, "public", "manifest.json"), "utf8")) as Manifest;
  sourceHashes = new Set(manifest.inputs.map((f) => f.sha256.slice(7)));
}, 300_000);

describe("the fixture's papers in the S.D.N.Y. profile (golden)", () => {
  for (const pdf of ["schedule-a", "exhibit-index", "damages", "certification", "notice-of-intent", "declaration"]) {
    it(`${pdf}.pdf text matches the golden file`, () => golden(`${pdf}.txt`, pdfText(join(publicDir, `${pdf}.pdf`)), true));
  }
  it("schedule-a.csv matches the golden file", () =>
    golden("schedule-a.csv", mask(readFileSync(join(publicDir, "schedule-a.csv"), "utf8"))));

  it("sets S.D.N.Y.'s caption and signature, and its generic sealing legend", () => {
    const notice = pdfText(join(sealed, "notice-of-intent.pdf"));
    expect(notice).toContain("- against -");
    expect(notice).toMatch(/Bar No\. 6329914/);
    expect(notice).not.toContain("ARDC");
    expect(notice).toContain("PROVISIONALLY FILED UNDER SEAL PENDING THE COURT'S RULING ON THE");
    expect(notice).not.toContain("LR 26.2");
  });
});
