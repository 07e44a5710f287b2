/**
 * manifest.json (types in src/model/manifest.ts), as `verify` reads it back: the bundle's own record, which
 * anyone holding the bundle may have edited. A manifest of another version is refused on that alone; a
 * version 1 manifest must have exactly the fields the build writes, so verify's checks never meet a
 * missing list or a mistyped Bates number.
 */
import { z } from "zod";
import type { Manifest } from "../model/manifest.js";
import { batesRange, digest, relativePath, storedFile, twinName, type SameType } from "./fields.js";
import { isoInstant } from "./case.js";

const count = z.number().int().min(0);

const volume = z.strictObject({ file: storedFile, pages: count, bates: batesRange });

const exhibit = z.strictObject({
  number: z.number().int().min(1),
  label: z.string().min(1),
  title: z.string(),
  defendantId: z.string().optional(),
  pages: count,
  bates: batesRange,
  sources: z.array(z.strictObject({ path: relativePath, sha256: digest, capturedAt: z.string().optional(), capturedAtSource: z.string() })),
  file: storedFile,
  volumes: z.array(volume).optional(),
  ocr: z
    .strictObject({ engine: z.string().min(1), languages: z.array(z.string()).min(1), pages: z.array(z.number().int().min(1)).min(1) })
    .optional(),
  filedUnderSeal: z.strictObject({ pages: z.number().int().min(1) }).optional(),
  natives: z.array(z.strictObject({ path: relativePath, bytes: count, sha256: digest, source: relativePath })).optional(),
});

const manifestBody = z.strictObject({
  version: z.literal(1),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  case: z.strictObject({ id: z.string().min(1), digest }),
  twin: twinName.optional(),
  redactions: count.optional(),
  builtAt: isoInstant,
  builtAtSource: z.enum(["SOURCE_DATE_EPOCH", "asOf", "clock"]),
  bates: z.strictObject({ prefix: z.string(), digits: z.number().int().min(1), first: z.string(), last: z.string(), pages: count }),
  inputs: z.array(storedFile),
  exhibits: z.array(exhibit),
  bundle: z.strictObject({ file: storedFile, pages: count, volumes: z.array(volume).optional() }),
  outputs: z.array(storedFile),
  timestamps: z.array(z.strictObject({ tsa: z.string() })),
});

/** The version first: the fields of another version's manifest are not this one's to judge. */
export const manifestSchema = z
  .looseObject({
    version: z.literal(1, {
      error: (issue) =>
        issue.input === undefined
          ? "missing; this field is required"
          : `unsupported manifest version ${JSON.stringify(issue.input)} (this tool reads version 1)`,
    }),
  })
  .pipe(manifestBody);

const _manifest: SameType<z.output<typeof manifestSchema>, Manifest> = true;
void _manifest;
