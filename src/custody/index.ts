/**
 * Stage 10, custody: the case's append-only chain-of-custody log (custody-log.jsonl in the case folder). Read
 * and checked before anything is written (a broken chain stops the build); after the twins are written, this
 * build's events (acquisition, ingestion, redaction, each exhibit rendered, the build) are appended once each,
 * and a copy of the whole log goes into each tree as appendices/custody-log.csv (with identity sealing, the sealed
 * tree only).
 */
import type { BuildContext } from "../model/build-context.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { writeStoredFile } from "../util/stored-files.js";
import { custodyEvents } from "./events.js";
import { appendCustody, custodyCsv, readCustodyLog, rememberCustody, type CustodyCheckpoints, type CustodyLog } from "./log.js";
import type { NewCustodyEntry } from "./log.js";

export { readCustodyLog, CUSTODY_FILE } from "./log.js";
export { earlierIngests, type FirstIngest } from "./earlier-ingests.js";
export type { CustodyLog, CustodyCheckpoint, CustodyCheckpoints, NewCustodyEntry } from "./log.js";

/** Where the custody log's copy goes in each tree. */
export const CUSTODY_CSV = "appendices/custody-log.csv";

/** Appends this build's events to the case's log and writes its copy into each tree (added to `hashed`). */
export async function recordCustody(
  ctx: BuildContext,
  log: CustodyLog,
  twins: readonly TwinOutputs[],
  checkpoints: CustodyCheckpoints,
): Promise<void> {
  const events = custodyEvents(ctx, twins);
  const after = await appendCustody(ctx.loaded.dir, log, events);
  await rememberCustody(after, checkpoints);
  const csv = Buffer.from(custodyCsv(after));
  // The log names every source by its URL and every exhibit file of both trees: with identity sealing its copy goes to
  // the sealed tree only (a copy with the identities masked would no longer match its own hash chain).
  const identities = ctx.loaded.config.sealing.identities;
  for (const t of twins) if (!(identities && t.tree.twin === "public")) t.hashed.push(await writeStoredFile(t.tree.dir, CUSTODY_CSV, csv));
}

/**
 * Append one entry to the case's log outside a build (an operator's edit from `exhibits review`): the chain is read and
 * checked first, as a build reads it, so an edit never extends a broken log.
 */
export async function appendCustodyEntry(caseDir: string, shown: string, entry: NewCustodyEntry): Promise<void> {
  const log = await readCustodyLog(caseDir, shown);
  await appendCustody(caseDir, log, [entry]);
}
