/** The capture stage: live URLs → capture folders in a case's evidence/ (uses the browser room). */
export { checkUrl, targetsFromArgs, targetsFromCsv } from "./targets.js";
export type { CaptureTarget, RejectedTarget, TargetCheck } from "./targets.js";
export { pageSettings, ruleMatches, DEFAULTS as CAPTURE_DEFAULTS } from "./settings.js";
export type { CaptureFlags } from "./settings.js";
export { writeCapture, captureFolderName, CAPTURE_TEMP_PREFIX } from "./folder.js";
export type { Operator, WrittenCapture } from "./folder.js";
export { runCaptures, worthRetrying } from "./batch.js";
export { appendCaptureLog, CAPTURE_LOG_FILE } from "./log.js";
