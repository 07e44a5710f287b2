/**
 * Stage 5, check: completeness per defendant and consistency of the case, from the plan, before anything is
 * written (`exhibits check` runs it alone; `build` stops on its errors and prints its warnings).
 */
export { checkCase, formatCheckReport, estimateRenderedPages } from "./check.js";
export type { CheckReport, CheckFinding, DefendantReport, FindingPlace, CaseLines } from "./check.js";
export { checkBuildTime, latestAfter } from "./time-sanity.js";
export {
  SCENE_THRESHOLD,
  imageFingerprints,
  nearIdenticalPairs,
  duplicateSceneFindings,
  depictsReceivedGoods,
  testBuyOf,
  stableFindingId,
} from "./duplicates.js";
export type { ImageFingerprint, FingerprintKind, ScenePair, SceneOptions } from "./duplicates.js";
export { receivedBeforeOrderFindings, testBuyOrder } from "./chronology.js";
export type { ChronologyOptions } from "./chronology.js";
export { defendantChains } from "./links.js";
export type { LinkInputs } from "./links.js";
export { identityFindings } from "./identity.js";
export { ocrTexts } from "./text-layers.js";
export { consistencyFindings, staleAcknowledgements } from "./findings.js";
export type { FindingInputs } from "./findings.js";
export { circumstanceFindings, printHeaderOffset } from "./circumstances.js";
