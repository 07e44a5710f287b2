/**
 * The JSON records read back from disk, each with its schema, and the JSON validator; zod without yaml.
 * Readers import this when they have a record to parse (`await import`): zod takes a tenth of a second to load,
 * and a rebuild that finds nothing new to read should not pay for it.
 */
export { checkJson, describeProblem, parseJson } from "./json.js";
export type { FieldProblem, JsonResult } from "./json.js";
export { manifestSchema } from "./manifest.js";
export { exhibitProvenanceSchema, PROVENANCE_FORMAT } from "./provenance.js";
export { timestampsFileSchema } from "./timestamps.js";
export { custodyEntrySchema } from "./custody.js";
export { textLayerSchema } from "./text-layer.js";
export { captureRecordSchema } from "./capture.js";
