/**
 * Golden texts of appendices (test/golden/<set>): an appendix's CSV rows or the text pdftotext extracts from its PDF,
 * compared with the committed file (rewrite with UPDATE_GOLDEN=1 after a deliberate change, and review the diff).
 * What depends on this machine's Chromium and fonts is masked (rendered PDFs' digests, browser and Node versions);
 * source digests are kept.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { ROOT } from "./cli.js";

export interface GoldenSet {
  /** Mask what depends on this machine; keep every digest of `sourceHashes` (hex, no prefix). */
  mask(text: string): string;
  /** Compare `actual` with test/golden/<set>/<name>; `flowing`: line breaks and runs of spaces count as one space. */
  golden(name: string, actual: string, flowing?: boolean): void;
  /** A PDF's text as laid out (pdftotext -layout), masked. */
  pdfText(file: string): string;
}

export function goldenSet(set: string, sourceHashes: () => ReadonlySet<string>): GoldenSet {
  const dir = join(ROOT, "test/golden", set);
  const mask = (text: string) =>
    text
      .replace(/[0-9a-f]{64}/g, (h) => (sourceHashes().has(h) ? h : "<rendered-pdf-sha256>"))
      .replace(/(?:Headless)?Chrome\/[\d.]+/g, "Chrome/<version>")
      .replace(/Node v[\d.]+/g, "Node <version>")
      .replace(/(linux|darwin|win32) (x64|arm64)/g, "<platform>")
      .replace(/[ \t]+$/gm, "");
  const golden = (name: string, actual: string, flowing = false) => {
    const path = join(dir, name);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, actual);
    }
    const as = (t: string) => (flowing ? t.replace(/\s+/g, " ").trim() : t);
    expect(as(actual), `${name} differs from test/golden/${set}/${name}`).toBe(as(readFileSync(path, "utf8")));
  };
  const pdfText = (file: string) => mask(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));
  return { mask, golden, pdfText };
}
