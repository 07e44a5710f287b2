import { defineConfig } from "vitest/config";

/*
 * Two tiers, known by folder:
 *   e2e  = test/e2e/**  — real Chromium, the CLI as a process, capture against local servers, full builds, and the
 *          outside tools used as oracles (qpdf, poppler). Tests that need them for one room go in test/e2e/<room>/.
 *          With it, test/faults/**: builds and captures killed, signalled, raced and starved of disk, as processes.
 *   unit = every other test/**: pure and in-process, and held to it (test/unit-guard.ts refuses child processes,
 *          so Chromium too, and servers beyond 127.0.0.1 there). `npm run test:unit` runs in seconds.
 * One run of both (`npm test`, `npx vitest run`) shares one pool of workers; `--project unit|e2e` picks a tier.
 */
const RUN_TEMP = "test/global-setup.ts";

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Three on this 2-core machine: e2e tests spend much of their time waiting (on Chromium, on pages settling, on
    // child processes), and a third worker keeps both cores busy meanwhile (about 10% off a full run).
    maxWorkers: 3,
    // A worker keeps the modules it loaded for the next test file: loading src/ again for each file was a fifth of the
    // run. Tests leave no state behind them (servers closed, clocks restored, files in their own temporary folders).
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/faults/**"],
          globalSetup: [RUN_TEMP],
          setupFiles: ["test/unit-guard.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts", "test/faults/**/*.test.ts"],
          // The fixture cases built once for the run, shared read-only by the tests that only read them.
          globalSetup: [RUN_TEMP, "test/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
