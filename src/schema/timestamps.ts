/**
 * timestamps.json (type TimestampsFile in src/model/manifest.ts), as `verify` reads it: which TSAs were
 * asked, which answered with which token file, and which failed. The file names it lists are opened, so
 * none may leave the bundle.
 */
import { z } from "zod";
import type { TimestampsFile } from "../model/manifest.js";
import { digest, relativePath, type SameType } from "./fields.js";

const token = z.strictObject({
  subject: relativePath,
  tsa: z.string(),
  file: relativePath,
  sha256: digest,
  genTime: z.string(),
  serial: z.string(),
  policy: z.string(),
  tsaName: z.string(),
});

const timestampsBody = z.strictObject({
  version: z.literal(1),
  manifest: digest,
  asked: z.array(z.string()),
  tokens: z.array(token),
  failures: z.array(z.strictObject({ tsa: z.string(), subject: z.string(), error: z.string() })),
});

/** The version first, as for the manifest. */
export const timestampsFileSchema = z
  .looseObject({
    version: z.literal(1, {
      error: (issue) =>
        issue.input === undefined
          ? "missing; this field is required"
          : `unsupported version ${JSON.stringify(issue.input)} (this tool reads version 1)`,
    }),
  })
  .pipe(timestampsBody);

const _timestamps: SameType<z.output<typeof timestampsFileSchema>, TimestampsFile> = true;
void _timestamps;
