/** The shared fixture builds, as a test file gets them (see test/helpers/fixture-builds.ts), and private copies. */
import { cpSync, existsSync, readFileSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { hashTree, tempDir } from "./cli.js";
import { setWritable, type SharedBuild, type SharedCase, type SharedReport } from "./fixture-builds.js";

/**
 * The shared build of `name`, for a test file that only reads it: its paths at once, its files once the build is
 * done (the file's first hook waits for it; the builds start with the run). After the file's tests, its files are
 * checked to be as they were built.
 */
export function sharedBuild(name: SharedCase): SharedBuild {
  const shared = inject("sharedBuilds")[name];
  let digests: Record<string, string> | undefined;
  beforeAll(async () => {
    digests = await builtDigests(shared);
  });
  afterAll(() => {
    const message = `the shared build of ${name} was changed: a test must change only its own copy`;
    if (digests) expect(hashTree(shared.work), message).toEqual(digests);
  });
  return shared;
}

/** Wait for a shared build's report (written once, when the build is done), and return its digests or throw its error. */
async function builtDigests(shared: SharedBuild): Promise<Record<string, string>> {
  while (!existsSync(shared.report)) await sleep(50);
  const report = JSON.parse(readFileSync(shared.report, "utf8")) as SharedReport;
  if (report.error !== undefined) throw new Error(report.error);
  return report.digests;
}

/** A private, writable copy of a shared folder (or of anything), in a new temporary folder. */
export function copyOf(dir: string, name = "copy"): string {
  const to = join(tempDir(), name);
  // A bundle folder is a link to its version folder: copy what it names, and links inside as they are (relative).
  cpSync(realpathSync(dir), to, { recursive: true, verbatimSymlinks: true });
  setWritable(to, true);
  return to;
}

/**
 * A private, writable copy of a shared build's case folder (with the custody log its build left), placed and named
 * as the shared build named it: `caseDir` relative to `cwd`. The bytes of a bundle depend on how the case folder
 * was named (documents say which file they were read from), so a build of this copy can be compared with the shared one.
 */
export function copyCase(shared: SharedBuild): { cwd: string; caseDir: string; abs: string } {
  const caseDir = relative(shared.work, shared.caseDir);
  const cwd = tempDir();
  cpSync(shared.caseDir, join(cwd, caseDir), { recursive: true });
  setWritable(cwd, true);
  return { cwd, caseDir, abs: join(cwd, caseDir) };
}
