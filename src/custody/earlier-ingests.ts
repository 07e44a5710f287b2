/**
 * What the case's custody log says about when each original was first read: the first "ingested" entry of each
 * item in the log as it stood before this build (its time and the digests it read). The certification states the
 * first digest the records hold from it, and says when the file read then had other bytes.
 */
import type { CustodyEntry } from "../model/custody.js";
import type { CustodyLog } from "./log.js";

export interface FirstIngest {
  /** UTC ISO-8601 of the entry. */
  at: string;
  /** The digests it read ("sha256:…"): the item's file first, then its sidecar and related files. */
  inputs: string[];
}

const INGESTED = '"event":"ingested"';

/** The first "ingested" entry of each item (by evidence path) in `log`, as read before this build appended to it. */
export function earlierIngests(log: CustodyLog): Map<string, FirstIngest> {
  const first = new Map<string, FirstIngest>();
  const text = Buffer.concat([...log.bytes]).toString("utf8");
  for (const line of text.split("\n")) {
    if (!line.includes(INGESTED)) continue;
    const e = JSON.parse(line) as CustodyEntry; // the chain was verified as the log was read
    if (e.event === "ingested" && !first.has(e.item_id)) first.set(e.item_id, { at: e.at_utc, inputs: e.inputs });
  }
  return first;
}
