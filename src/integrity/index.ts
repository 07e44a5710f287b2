/** Stage 7, seal and verify: hashes of every output, manifest.json written last, and the offline checks. */
export { caseDigest, digestLines, writeManifest, serializeManifest } from "./manifest.js";
export { listFiles, storedFile, writeStoredFile } from "./files.js";
export { verifyBundle } from "./verify.js";
export type { VerifyReport, CheckResult } from "./verify.js";
export { stampTree } from "./timestamps.js";
export type { StampTargets } from "./timestamps.js";
export { verifyExhibit } from "./verify-exhibit.js";
export type { ExhibitSourceReport, VerifyExhibitOptions } from "./verify-exhibit.js";
