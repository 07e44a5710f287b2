/**
 * Stage 5, check: time sanity. A build cannot come before the evidence it holds: a build time (SOURCE_DATE_EPOCH, or
 * case.yaml `asOf`, or the clock) earlier than an item's acquisition time would put "ingested" and "built" entries in
 * the custody log before the item was acquired, and date the papers before the facts they state. Pure.
 */
import type { EvidenceItem } from "../model/evidence.js";
import { InvalidInputError } from "../util/errors.js";

const SOURCE_WORDS: Record<string, string> = {
  SOURCE_DATE_EPOCH: "SOURCE_DATE_EPOCH",
  asOf: "case.yaml asOf",
  clock: "the clock",
};

/** The item acquired last, with its time, when any item's acquisition time is later than `builtAt`. */
export function latestAfter(builtAt: string, items: readonly EvidenceItem[]): { item: EvidenceItem; at: string } | undefined {
  const built = Date.parse(builtAt);
  let latest: { item: EvidenceItem; at: string; ms: number } | undefined;
  for (const item of items) {
    if (!item.capturedAt) continue;
    const ms = Date.parse(item.capturedAt);
    if (ms > built && (!latest || ms > latest.ms || (ms === latest.ms && item.source.path < latest.item.source.path)))
      latest = { item, at: item.capturedAt, ms };
  }
  return latest && { item: latest.item, at: latest.at };
}

/**
 * Refuses (exit 3) a build time earlier than the latest acquisition time of any evidence item, naming both times and
 * the item's file.
 */
export function checkBuildTime(builtAt: { at: string; source: string }, items: readonly EvidenceItem[]): void {
  const late = latestAfter(builtAt.at, items);
  if (!late) return;
  const from = SOURCE_WORDS[builtAt.source] ?? builtAt.source;
  throw new InvalidInputError(
    { file: late.item.source.path, field: "capturedAt" },
    `acquired at ${late.at} (${late.item.capturedAtSource}), after the build time ${builtAt.at} (from ${from}); a build cannot ` +
      `come before the evidence it holds: set ${builtAt.source === "asOf" ? "case.yaml asOf" : "SOURCE_DATE_EPOCH"} to a time after ` +
      `${late.at}, or correct the item's capture time`,
  );
}
