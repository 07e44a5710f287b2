/** Every hostile case, by area: each area's file exports its list (one line here per file). */
import type { HostileCase } from "../case.js";
import { formulaCases } from "./formulas.js";
import { sampleCases } from "./sample.js";
import { verifyCases } from "./verify.js";

export const HOSTILE_CASES: HostileCase[] = [...sampleCases, ...verifyCases, ...formulaCases];
