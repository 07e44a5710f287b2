/** The validation room (zod): schemas of case.yaml and evidence sidecars, and the YAML validator. */
export { caseSchema, sidecarSchema, isoInstant } from "./case.js";
export { parseYaml } from "./validate.js";
export type { ParsedYaml } from "./validate.js";
export { captureRecordSchema } from "./capture.js";
