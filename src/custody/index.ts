/**
 * Stage 10, custody: the case's append-only chain-of-custody log (custody-log.jsonl in the case folder). Read
 * and checked before anything is written (a broken chain stops the build); after the twins are written, a copy of
 * the log with this build's events (acquisition, ingestion, redaction, each exhibit rendered, the build) goes into
 * each tree as appendices/custody-log.csv (with identity sealing, the sealed tree only), and once the bundle is in
 * place the events are appended to the case's log, once each.
 */
import type { BuildContext } from "../model/build-context.js";
import { CUSTODY_CSV_FILE } from "../model/manifest.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { writeStoredFile } from "../util/stored-files.js";
import { custodyEvents } from "./events.js";
import {
  appendCustody,
  custodyCsv,
  extendCustody,
  readCustodyLog,
  rememberCustody,
  type CustodyCheckpoints,
  type CustodyLog,
} from "./log.js";
import type { NewCustodyEntry } from "./log.js";

export { readCustodyLog, CUSTODY_FILE } from "./log.js";
export { earlierIngests, type FirstIngest } from "./earlier-ingests.js";
export type { CustodyLog, CustodyCheckpoint, CustodyCheckpoints, NewCustodyEntry } from "./log.js";

/** Where the custody log's copy goes in each tree. */
export const CUSTODY_CSV = CUSTODY_CSV_FILE;

/**
 * This build's events, and the log as it will be once they are appended: its copy goes into each tree now (added to
 * `hashed`), while the case's own log is extended only after the bundle is in place (`commitCustody`), so a build
 * that never finishes leaves no trace in it.
 */
export async function prepareCustody(ctx: BuildContext, log: CustodyLog, twins: readonly TwinOutputs[]): Promise<NewCustodyEntry[]> {
  const events = custodyEvents(ctx, twins);
  const csv = Buffer.from(custodyCsv(extendCustody(log, events)));
  // The log names every source by its URL and every exhibit file of both trees: with identity sealing its copy goes to
  // the sealed tree only (a copy with the identities masked would no longer match its own hash chain).
  const identities = ctx.loaded.config.sealing.identities;
  for (const t of twins) if (!(identities && t.tree.twin === "public")) t.hashed.push(await writeStoredFile(t.tree.dir, CUSTODY_CSV, csv));
  return events;
}

/**
 * Append a finished build's events to the case's log (the log is read and checked again: an edit logged meanwhile
 * stays, and events already there are not logged twice), and keep its checkpoint for the next build.
 */
export async function commitCustody(
  caseDir: string,
  shown: string,
  events: NewCustodyEntry[],
  checkpoints: CustodyCheckpoints,
): Promise<void> {
  const after = await appendCustody(caseDir, await readCustodyLog(caseDir, shown, checkpoints), events);
  await rememberCustody(after, checkpoints);
}

/**
 * Append one entry to the case's log outside a build (an operator's edit from `exhibits review`): the chain is read and
 * checked first, as a build reads it, so an edit never extends a broken log.
 */
export async function appendCustodyEntry(caseDir: string, shown: string, entry: NewCustodyEntry): Promise<void> {
  const log = await readCustodyLog(caseDir, shown);
  await appendCustody(caseDir, log, [entry]);
}
