/**
 * The e2e tier's global setup: builds each fixture case once for the run (test/helpers/fixture-builds.ts), makes
 * the builds read-only and hands them to the test files (inject("sharedBuilds")). At the end of the run it checks
 * that no test changed them, and fails the run naming the files if one did.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { hashTree } from "../helpers/cli.js";
import { SHARED_CASES, buildAsReadme, setWritable, type SharedBuild, type SharedCase } from "../helpers/fixture-builds.js";

export default async function setup(project: TestProject): Promise<() => void> {
  // TMPDIR is the run's own folder by now (test/global-setup.ts comes first), removed at the end with these builds.
  const root = join(process.env.TMPDIR!, "shared-builds");
  // Both at once: one build alone leaves half of a two-core machine idle, and nothing else runs yet.
  const built = await Promise.all(
    SHARED_CASES.map(async (name): Promise<[SharedCase, SharedBuild]> => {
      const work = join(root, name);
      mkdirSync(work, { recursive: true });
      const { bundleDir } = await buildAsReadme(name, work);
      return [name, { work, caseDir: join(work, "fixtures/cases", name), bundleDir, digests: hashTree(work) }];
    }),
  );
  const builds = Object.fromEntries(built) as Record<SharedCase, SharedBuild>;
  setWritable(root, false);
  project.provide("sharedBuilds", builds);
  return () => {
    setWritable(root, true); // so that the run's folder can be removed
    for (const { work, digests } of Object.values(builds)) {
      const now = hashTree(work);
      const changed = [...new Set([...Object.keys(digests), ...Object.keys(now)])].filter((p) => digests[p] !== now[p]);
      if (changed.length === 0) continue;
      console.error(`A test changed the shared build in ${work} (tests must change only their own copy): ${changed.join(", ")}`);
      process.exitCode = 1;
    }
  };
}
