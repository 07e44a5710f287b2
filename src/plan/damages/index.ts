/**
 * Stage 4, plan: the §1117 damages table, computed (pure) from case.yaml before anything is written, so a
 * request outside the statutory range stops the build at once; appendices/ prints it.
 */
export { computeDamages, DAMAGES_ROUNDING_RULE, DAMAGES_STATUTORY_NOTE, INTEREST_FORMULA } from "./compute.js";
export { allocateFlat } from "./defendant.js";
export { daysBetween, percentToFraction } from "./decimal.js";
export { postJudgmentInterest } from "./interest.js";
