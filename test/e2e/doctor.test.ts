/**
 * `exhibits doctor`, the CLI as a process with real programs: with PATH holding every program of this machine but qpdf
 * (links in a temporary folder; Chromium found as usual, PUPPETEER_EXECUTABLE_PATH kept), qpdf is reported missing with
 * exit 5 and the apt command names it; with the full PATH this machine has everything required (exit 0); a case's OCR
 * languages are checked, one it names that is not installed reported with its Debian package.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DoctorReport } from "../../src/commands/doctor.js";
import { copyFixture, runCli, tempDir } from "../helpers/cli.js";

/** A PATH of one folder linking every program on this PATH except `hidden`. */
function pathWithout(hidden: string): string {
  const dir = join(tempDir(), "bin");
  mkdirSync(dir);
  const seen = new Set<string>();
  for (const from of (process.env.PATH ?? "").split(":").filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(from);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === hidden || seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(from, name), join(dir, name));
    }
  }
  return dir;
}

const json = (stdout: string) => JSON.parse(stdout) as DoctorReport;

describe("exhibits doctor", () => {
  it("reports qpdf missing when PATH hides it: exit 5, and the apt command names qpdf", () => {
    const r = runCli(["doctor", "--json"], { env: { PATH: pathWithout("qpdf") } });
    expect(r.code, r.stderr).toBe(5);
    const report = json(r.stdout);
    expect(report.format).toBe("exhibits-doctor/1");
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual(["qpdf"]);
    const qpdf = report.checks.find((c) => c.id === "qpdf")!;
    expect(qpdf).toMatchObject({ status: "missing", required: true, packages: ["qpdf"] });
    expect(qpdf.detail).toMatch(/qpdf is not on PATH/);
    expect(report.apt).toMatch(/^sudo apt-get install -y --no-install-recommends (?:\S+ )*qpdf(?: \S+)*$/);
    // Everything else is still found through the links: poppler, tesseract, fontconfig, and Chromium started.
    for (const id of ["chromium", "chromium-starts", "pdftotext", "pdftoppm", "pdfimages", "tesseract", "fonts-latin"])
      expect(report.checks.find((c) => c.id === id)?.status, id).toBe("ok");
  });

  it("prints one line per check, the missing qpdf and the command, as text", () => {
    const r = runCli(["doctor"], { env: { PATH: pathWithout("qpdf") } });
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/^MISSING qpdf +qpdf is not on PATH/m);
    expect(r.stdout).toMatch(/^ok {6}chromium-starts +started headless and closed: HeadlessChrome\//m);
    expect(r.stdout).toMatch(/^Missing \(required\): qpdf$/m);
    expect(r.stdout).toMatch(/^ {2}sudo apt-get install -y --no-install-recommends .*\bqpdf\b/m);
  });

  it("finds everything required on this machine with the full PATH (exit 0)", () => {
    const r = runCli(["doctor", "--json"]);
    const report = json(r.stdout);
    expect(report.missing, r.stdout).toEqual([]);
    expect(r.code).toBe(0);
    const chromium = report.checks.find((c) => c.id === "chromium")!;
    expect(chromium.found?.version).toMatch(/^\d+\.\d+/);
    expect(report.checks.find((c) => c.id === "qpdf")!.found?.version).toMatch(/^\d+\.\d+/);
    expect(report.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(["disk", "memory", "fonts-cjk", "fonts-emoji", "tesseract-lang-eng"]),
    );
  });

  it("checks the languages a case reads: one not installed is missing, with its Debian package", () => {
    const dir = copyFixture();
    const yaml = join(dir, "case.yaml");
    writeFileSync(yaml, `${readFileSync(yaml, "utf8")}\nocr:\n  languages: [eng, chi_sim, zul]\n`);
    const r = runCli(["doctor", dir, "--json", "--out", join(tempDir(), "out")]);
    expect(r.code, r.stderr).toBe(5);
    const report = json(r.stdout);
    expect(report.missing).toEqual(["tesseract-lang-zul"]);
    expect(report.checks.find((c) => c.id === "tesseract-lang-chi_sim")!.status).toBe("ok");
    expect(report.apt).toContain("tesseract-ocr-zul");
    expect(report.checks.find((c) => c.id === "disk")!.detail).toMatch(/MiB of evidence/);
  });
});
