/**
 * The hostile-input suite (test/hostile/): every case runs `exhibits` as a process against a copy of a good case and
 * of its earlier bundle, and must end as its row says — never a crash, a hang, a stack trace, over 60 s or 1 GB, or a
 * change to the earlier bundle, the cache, the custody log or anything outside the case. The figures are printed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { HostileResult } from "../hostile/case.js";
import { HOSTILE_CASES } from "../hostile/cases/index.js";
import { prepare, report, runAll } from "../hostile/runner.js";

let results: Map<string, HostileResult>;
/** HOSTILE_ONLY=pdf-,yaml- runs only the cases whose ids start so (while working on an area). */
const only = process.env.HOSTILE_ONLY?.split(",").filter(Boolean);
const CASES = only ? HOSTILE_CASES.filter((c) => only.some((p) => c.id.startsWith(p))) : HOSTILE_CASES;

beforeAll(async () => {
  const ids = HOSTILE_CASES.map((c) => c.id);
  expect(new Set(ids).size, "hostile case ids are unique").toBe(ids.length);
  const all = await runAll(CASES, await prepare());
  console.log(report(all));
  results = new Map(all.map((r) => [r.id, r]));
}, 3_600_000);

describe("hostile inputs", () => {
  for (const c of CASES) {
    it(`${c.format}: ${c.id}`, () => {
      expect(results.get(c.id)!.problems).toEqual([]);
    });
  }
});
