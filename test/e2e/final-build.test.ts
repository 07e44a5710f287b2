/**
 * Draft vs final: `build --final` files no paper with a draft banner, draft note or "(draft)" title, and refuses
 * (exit 3, nothing written) while any blank for counsel remains — naming the paper and the field that holds it;
 * `check --final` lists the same blanks without building anything.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { copyFixture, runCliAsync, tempDir } from "../helpers/cli.js";
import { appendixPdfs } from "../helpers/test-files.js";

/**
 * The fixture as counsel would finish it for filing: the flagged defendant's damages request withdrawn, and no FRE 902
 * certification (its screenshots are bare files, which no record lets a certifier vouch for: the investigator's
 * declaration carries them), the declarant named in its own block.
 */
function fileableCopy(): string {
  const caseDir = copyFixture();
  const doc = parse(readFileSync(join(caseDir, "case.yaml"), "utf8")) as {
    damages: { defendants: Record<string, unknown> };
    certification?: { certifier: Record<string, unknown>; signedAt: unknown };
    declaration?: object;
  };
  if (!doc.certification) throw new Error("the fixture has no certification block");
  delete doc.damages.defendants.studline;
  const { recordedAs: _r, ...declarant } = doc.certification.certifier;
  doc.declaration = { ...doc.declaration, declarant, signedAt: doc.certification.signedAt };
  delete doc.certification;
  writeFileSync(join(caseDir, "case.yaml"), stringify(doc));
  return caseDir;
}

describe("a final build", () => {
  const cache = join(tempDir(), "cache");

  it("carries no draft banner, draft note or draft title in any paper", async () => {
    const caseDir = fileableCopy();
    const ok = await runCliAsync(["check", caseDir, "--final", "--out", join(tempDir(), "out")]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/no blank for counsel remains/);
    const out = join(tempDir(), "out");
    const r = await runCliAsync(["build", caseDir, "--out", out, "--cache", cache, "--final", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const pdfs = appendixPdfs(r.stdout.trim());
    expect(pdfs.length).toBeGreaterThanOrEqual(6);
    expect(pdfs.some((p) => p.endsWith("declaration.pdf"))).toBe(true);
    for (const pdf of pdfs) {
      expect(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }), pdf).not.toMatch(/draft/i);
      expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }), pdf).not.toMatch(/draft/i);
    }
    // The same case built as a draft says so.
    const draftOut = join(tempDir(), "out");
    const d = await runCliAsync(["build", caseDir, "--out", draftOut, "--cache", cache, "--quiet"]);
    expect(d.code, d.stderr).toBe(0);
    const texts = appendixPdfs(d.stdout.trim()).map((pdf) => execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }));
    expect(texts.some((t) => /DRAFT FOR REVIEW BY COUNSEL/.test(t))).toBe(true);
  }, 600_000);

  it("is refused while a blank for counsel remains, naming the paper; check --final lists it and writes nothing", async () => {
    const caseDir = fileableCopy();
    // The investigator's phone-number pattern without its basis: the reference list must leave the basis to counsel.
    const doc = parse(readFileSync(join(caseDir, "case.yaml"), "utf8")) as { redaction: { patterns: { basis?: string }[] } };
    expect(doc.redaction.patterns[0]!.basis).toBeDefined();
    delete doc.redaction.patterns[0]!.basis;
    writeFileSync(join(caseDir, "case.yaml"), stringify(doc));
    const before = readFileSync(join(caseDir, "case.yaml"));

    const out = join(tempDir(), "out");
    const r = await runCliAsync(["build", caseDir, "--out", out, "--cache", cache, "--final"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/appendices\/[a-z-]+\.pdf \(field [^)]+\): a blank for counsel remains \(\[basis: for counsel to state\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a user's matter: no stack trace
    expect(existsSync(join(out, "valentino-v-kaitlyn-pan"))).toBe(false);
    expect(existsSync(join(caseDir, "custody-log.jsonl"))).toBe(false);

    const c = await runCliAsync(["check", caseDir, "--final", "--out", join(tempDir(), "out")]);
    expect(c.code, c.stderr).toBe(3);
    expect(c.stdout).toMatch(/appendices\/[a-z-]+\.pdf \(field [^)]+\): a blank for counsel remains \(\[basis: for counsel to state\]/);
    expect(existsSync(join(caseDir, "custody-log.jsonl"))).toBe(false);
    expect(readFileSync(join(caseDir, "case.yaml")).equals(before)).toBe(true);
  }, 600_000);
});
