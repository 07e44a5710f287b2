/**
 * Every test's temporary files (cases, outputs, caches, Chromium profiles, the CLI's work folders) go into one
 * folder made for the run, removed when it ends: thousands of test runs left 78 GB under /tmp before this.
 * TMPDIR is set before the workers start, so they and every process they spawn inherit it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "exhibits-tests-"));
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
