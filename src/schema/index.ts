/** The validation room (zod): schemas of case.yaml, evidence sidecars and the JSON records, the YAML and JSON validators. */
export { caseSchema, sidecarSchema, isoInstant } from "./case.js";
export { parseYaml } from "./validate.js";
export { YAML_BOUNDS } from "./yaml-text.js";
export type { ParsedYaml } from "./validate.js";
export * from "./records.js";
