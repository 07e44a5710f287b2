/** Optional metadata beside an evidence file: `<file>.meta.yaml` (url, capturedAt, capturedBy, title, marks…). */
import type { EvidenceMeta } from "../model/case.js";
import type { InvalidInputError } from "../util/errors.js";

/** Parse and validate a sidecar's text; problems come back as errors naming the sidecar, its line and field. */
export async function parseSidecar(source: Uint8Array, shown: string): Promise<{ meta?: EvidenceMeta; errors: InvalidInputError[] }> {
  const { parseYaml, sidecarSchema, YAML_BOUNDS } = await import("../schema/index.js"); // zod and yaml: loaded here
  const parsed = parseYaml(source, shown, sidecarSchema, YAML_BOUNDS.sidecar);
  if ("errors" in parsed) return { errors: parsed.errors };
  return { meta: parsed.value, errors: [] };
}
