/** A first few hostile cases, proving the runner (the areas' files add the rest). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "../case.js";

export const sampleCases: HostileCase[] = [
  {
    id: "good-case-builds",
    format: "control",
    make: () => undefined,
    expect: { exit: 0 },
  },
  {
    id: "png-truncated",
    format: "png",
    make: (dir, { good }) => writeFileSync(join(dir, "evidence/shop/09-cut.png"), readFileSync(good.png).subarray(0, 300)),
    expect: { exit: 3, message: /evidence\/shop\/09-cut\.png/ },
  },
];
