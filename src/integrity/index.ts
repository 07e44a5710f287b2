/** Verification, offline: the named checks of a bundle (or a single exhibit) against its manifest, tokens and signature. */
export { verifyBundle } from "./verify.js";
export type { VerifyReport, CheckResult } from "./verify.js";
export { verifyExhibit } from "./verify-exhibit.js";
export type { ExhibitSourceReport, VerifyExhibitOptions } from "./verify-exhibit.js";
export { leakCheck, LEAKS_CHECK } from "./verify-leaks.js";
export { isSidecar } from "./exhibit-pdf-checks.js";
