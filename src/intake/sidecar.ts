/** Optional metadata beside an evidence file: `<file>.meta.yaml` (url, capturedAt, capturedBy, title, marks…). */
import type { EvidenceMeta } from "../model/case.js";
import { parseYaml, sidecarSchema } from "../schema/index.js";
import { InvalidInputError } from "../util/errors.js";

/** Parse and validate a sidecar's text; problems come back as errors naming the sidecar, its line and field. */
export function parseSidecar(source: string, shown: string): { meta?: EvidenceMeta; errors: InvalidInputError[] } {
  const parsed = parseYaml(source, shown, sidecarSchema);
  if ("errors" in parsed) return { errors: parsed.errors };
  return { meta: parsed.value, errors: [] };
}
