/** Optional metadata beside an evidence file: `<file>.meta.yaml` (url, capturedAt, capturedBy, title, marks…). */
import { readFile } from "../util/fs.js";
import type { EvidenceMeta } from "../model/case.js";
import { parseYaml, sidecarSchema } from "../schema/index.js";
import { InvalidInputError } from "../util/errors.js";

/** Parse and validate a sidecar; problems come back as errors naming the sidecar, its line and field. */
export async function readSidecar(abs: string, shown: string): Promise<{ meta?: EvidenceMeta; errors: InvalidInputError[] }> {
  const source = await readFile(abs, "utf8").catch(() => undefined);
  if (source === undefined) return { errors: [new InvalidInputError({ file: shown }, "cannot be read")] };
  const parsed = parseYaml(source, shown, sidecarSchema);
  if ("errors" in parsed) return { errors: parsed.errors };
  return { meta: parsed.value, errors: [] };
}
