/** Optional metadata beside an evidence file: `<file>.meta.yaml` (url, capturedAt, capturedBy, title, marks…). */
import { readFile } from "node:fs/promises";
import type { EvidenceMeta } from "../model/case.js";
import { parseYaml, sidecarSchema } from "../schema/index.js";
import { InvalidInputError } from "../util/errors.js";

export async function readSidecar(abs: string, shown: string, errors: InvalidInputError[]): Promise<EvidenceMeta | undefined> {
  const source = await readFile(abs, "utf8").catch(() => undefined);
  if (source === undefined) return undefined;
  const parsed = parseYaml(source, shown, sidecarSchema);
  if ("errors" in parsed) {
    errors.push(...parsed.errors);
    return undefined;
  }
  return parsed.value;
}
