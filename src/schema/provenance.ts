/**
 * The provenance record in each exhibit PDF's metadata (Info /ExhibitsProvenance, JSON; type
 * ExhibitProvenance in src/model/manifest.ts), as `verify <exhibit.pdf>` reads it: an exhibit copied out of
 * its bundle carries nothing else that says what it was made from.
 */
import { z } from "zod";
import type { ExhibitProvenance } from "../model/manifest.js";
import { batesRange, digest, relativePath, twinName, type SameType } from "./fields.js";

export const PROVENANCE_FORMAT = "exhibits-provenance/1";

export const exhibitProvenanceSchema = z.strictObject({
  format: z.literal(PROVENANCE_FORMAT),
  case: z.string().min(1),
  exhibit: z.string().min(1),
  bates: batesRange,
  twin: twinName.optional(),
  filedUnderSeal: z.literal(true).optional(),
  tool: z.string(),
  sources: z.array(
    z.strictObject({
      path: relativePath,
      bytes: z.number().int().min(0),
      sha256: digest,
      item: z.string(),
      attached: z.boolean(),
      attachedIn: z.string().optional(),
      native: relativePath.optional(),
    }),
  ),
  volume: z.strictObject({ part: z.number().int().min(1), of: z.number().int().min(1) }).optional(),
});

const _provenance: SameType<z.output<typeof exhibitProvenanceSchema>, ExhibitProvenance> = true;
void _provenance;
