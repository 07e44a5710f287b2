/** The chain-of-custody log: one append-only JSON line per event, each line holding the hash of the one before. */

/** `edited`: an item's sidecar changed by the operator from the review page (`exhibits review`), digests before and after. */
export const CUSTODY_EVENTS = ["acquired", "ingested", "redacted", "rendered", "built", "verified", "edited"] as const;
export type CustodyEvent = (typeof CUSTODY_EVENTS)[number];

export interface CustodyEntry {
  /** 1-based, consecutive. */
  seq: number;
  event: CustodyEvent;
  /** Evidence path relative to the case folder, or the case id for build events. */
  item_id: string;
  /** UTC ISO-8601 with Z. */
  at_utc: string;
  /** Person (name, role) or "system". */
  actor: string;
  /** Tool name and version. */
  tool: string;
  host: string;
  /** SHA-256 digests read. */
  inputs: string[];
  /** SHA-256 digests written. */
  outputs: string[];
  details: Record<string, string>;
  /** SHA-256 of the previous line exactly as written ("" for the first). */
  prev: string;
}
