/**
 * One line of custody-log.jsonl (type CustodyEntry in src/model/custody.ts). The log lives in the case
 * folder, where anyone may edit it; the hash chain catches a changed past line, this schema a line whose
 * fields are not what the build wrote. Checks that span lines (seq, prev) stay with the reader.
 */
import { z } from "zod";
import { CUSTODY_EVENTS, type CustodyEntry } from "../model/custody.js";
import type { SameType } from "./fields.js";

const strings = z.array(z.string());

export const custodyEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  event: z.enum(CUSTODY_EVENTS, {
    error: (issue) => (issue.input === undefined ? "missing; this field is required" : `unknown event '${String(issue.input)}'`),
  }),
  item_id: z.string(),
  at_utc: z.string(),
  actor: z.string(),
  tool: z.string(),
  host: z.string(),
  inputs: strings,
  outputs: strings,
  details: z.record(z.string(), z.string()),
  prev: z.string(),
});

const _entry: SameType<z.output<typeof custodyEntrySchema>, CustodyEntry> = true;
void _entry;
