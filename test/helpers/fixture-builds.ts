/**
 * The fixture cases built once per e2e run (test/e2e/global-setup.ts) and shared by the tests that only read them.
 * Each is built exactly as test/e2e/golden-builds.test.ts wants it (the README's way: `exhibits build`, from a folder
 * holding a private copy at fixtures/cases/<name>, named relative to it, with --no-cache and SOURCE_DATE_EPOCH), so
 * that test compares these very builds with the recorded bytes.
 *
 * Shared means read-only: a test that changes a bundle or a case works on a copy (copyOf, copyCase). The shared files
 * are made read-only (which stops a writer that is not root), and their digests are checked after each test file
 * that uses them and once more at the end of the run (test/helpers/shared-builds.ts gives them to tests).
 */
import { spawn } from "node:child_process";
import { chmodSync, cpSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { EPOCH, ROOT } from "./cli.js";

export const SHARED_CASES = ["valentino-v-kaitlyn-pan", "schedule-a-25"] as const;
export type SharedCase = (typeof SHARED_CASES)[number];

export interface SharedBuild {
  /** The folder it was built from: holds fixtures/cases/<name>/ and out/<name>/. */
  work: string;
  /** The case folder (absolute): the fixture's files, and the custody log the build added. */
  caseDir: string;
  /** out/<case-id>/: public/ and sealed/ twins, or a single tree. */
  bundleDir: string;
  /** Where the build's SharedReport is written when it is done (beside `work`, not in it). */
  report: string;
}

/** A shared build's outcome: the digest of every file under `work` right after it, or why it failed. */
export type SharedReport = { digests: Record<string, string>; error?: undefined } | { error: string; digests?: undefined };

export const reportFile = (work: string) => `${work}.report.json`;

declare module "vitest" {
  export interface ProvidedContext {
    sharedBuilds: Record<SharedCase, SharedBuild>;
  }
}

/** The case folder's own logs (git-ignored, written by local builds) are not part of the fixture. */
export const notALog = (src: string) => !/(custody|capture)-log\.jsonl$/.test(src);

/**
 * Build fixture case `name` in `work` as the README does: `exhibits build fixtures/cases/<name> --out out --no-cache`
 * run from `work`, with SOURCE_DATE_EPOCH. A process of its own, so that a run can go on beside it. Returns the bundle
 * folder.
 */
export function buildAsReadme(name: SharedCase, work: string): Promise<string> {
  cpSync(join(ROOT, "fixtures/cases", name), join(work, "fixtures/cases", name), { recursive: true, filter: notALog });
  const args = [join(ROOT, "bin/exhibits.js"), "build", `fixtures/cases/${name}`, "--out", "out", "--no-cache", "--quiet"];
  const env = { ...process.env, SOURCE_DATE_EPOCH: EPOCH };
  const child = spawn(process.execPath, args, { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) done(resolve(work, stdout.trim()));
      else fail(new Error(`exhibits build exited ${code}:\n${stderr}`));
    });
  });
}

/** Make a tree read-only (files 0444, folders 0555), or writable again by its owner. */
export function setWritable(root: string, writable: boolean): void {
  const walk = (dir: string) => {
    if (writable) chmodSync(dir, 0o755);
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else chmodSync(abs, writable ? 0o644 : 0o444);
    }
    if (!writable) chmodSync(dir, 0o555);
  };
  walk(root);
}
