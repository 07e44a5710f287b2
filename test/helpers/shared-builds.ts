/** The shared fixture builds, as a test file gets them (see test/helpers/fixture-builds.ts), and private copies. */
import { cpSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, expect, inject } from "vitest";
import { hashTree, tempDir } from "./cli.js";
import { setWritable, type SharedBuild, type SharedCase } from "./fixture-builds.js";

/**
 * The shared build of `name`, for a test file that only reads it; after the file's tests, its files are checked
 * to be as they were built.
 */
export function sharedBuild(name: SharedCase): SharedBuild {
  const shared = inject("sharedBuilds")[name];
  afterAll(() => {
    expect(hashTree(shared.work), `the shared build of ${name} was changed: a test must change only its own copy`).toEqual(shared.digests);
  });
  return shared;
}

/** A private, writable copy of a shared folder (or of anything), in a new temporary folder. */
export function copyOf(dir: string, name = "copy"): string {
  const to = join(tempDir(), name);
  cpSync(dir, to, { recursive: true });
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
