/**
 * The e2e tier's global setup: builds each fixture case once for the run (test/helpers/fixture-builds.ts) and hands
 * the builds to the test files (inject("sharedBuilds")). The builds run in the background, both at once, each an
 * `exhibits build` process, while the tests that do not need them start; a test file that does waits for its build's
 * report, written beside it once the build is done and made read-only (test/helpers/shared-builds.ts). At the end of
 * the run it checks that no test changed them, and fails the run naming the files if one did.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { hashTree } from "../helpers/cli.js";
import { SHARED_CASES, buildAsReadme, reportFile, setWritable } from "../helpers/fixture-builds.js";
import type { SharedBuild, SharedCase, SharedReport } from "../helpers/fixture-builds.js";

export default function setup(project: TestProject): () => Promise<void> {
  // TMPDIR is the run's own folder by now (test/global-setup.ts comes first), removed at the end with these builds.
  const root = join(process.env.TMPDIR!, "shared-builds");
  const builds = {} as Record<SharedCase, SharedBuild>;
  const reports = new Map<SharedCase, SharedReport>();
  const done = SHARED_CASES.map(async (name) => {
    const work = join(root, name);
    const caseDir = join(work, "fixtures/cases", name);
    const build: SharedBuild = { work, caseDir, bundleDir: join(work, "out", name), report: reportFile(work) };
    builds[name] = build;
    let report: SharedReport;
    try {
      mkdirSync(work, { recursive: true });
      const bundleDir = await buildAsReadme(name, work);
      if (bundleDir !== build.bundleDir) throw new Error(`built into ${bundleDir}, not ${build.bundleDir}`);
      report = { digests: hashTree(work) };
      setWritable(work, false);
    } catch (e) {
      report = { error: `the shared build of ${name} failed: ${(e as Error).stack ?? String(e)}` };
    }
    reports.set(name, report);
    writeFileSync(`${build.report}.tmp`, JSON.stringify(report));
    renameSync(`${build.report}.tmp`, build.report);
  });
  project.provide("sharedBuilds", builds);
  return async () => {
    await Promise.all(done);
    for (const [name, { work }] of Object.entries(builds)) {
      const digests = reports.get(name as SharedCase)?.digests;
      if (!digests) continue;
      setWritable(work, true); // so that the run's folder can be removed
      const now = hashTree(work);
      const changed = [...new Set([...Object.keys(digests), ...Object.keys(now)])].filter((p) => digests[p] !== now[p]);
      if (changed.length === 0) continue;
      console.error(`A test changed the shared build in ${work} (tests must change only their own copy): ${changed.join(", ")}`);
      process.exitCode = 1;
    }
  };
}
