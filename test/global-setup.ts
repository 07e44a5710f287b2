/**
 * Every test's temporary files (cases, outputs, caches, Chromium profiles, the CLI's work folders) go into one
 * folder made for the run, removed when it ends: thousands of test runs left 78 GB under /tmp before this.
 * TMPDIR is set before the workers start, so they and every process they spawn inherit it.
 * Each tier lists this setup first; when both run, the first to start makes the folder and the other uses it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MARK = "EXHIBITS_TEST_RUN_TMPDIR";

export default function setup(): () => void {
  if (process.env[MARK]) return () => undefined;
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "exhibits-tests-"));
  process.env.TMPDIR = dir;
  process.env[MARK] = dir;
  // OCR words shared by every build of the run (keyed by image, engine and settings): each fixture image is
  // recognised once, not once per test that builds it.
  process.env.EXHIBITS_OCR_CACHE ??= join(dir, "ocr-words");
  return () => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env[MARK];
    if (process.env.EXHIBITS_OCR_CACHE === join(dir, "ocr-words")) delete process.env.EXHIBITS_OCR_CACHE;
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
