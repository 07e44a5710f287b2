/**
 * A consistency finding with its stable id: "<check>:<defendant or case>:<8 hex digits>", the digits a digest of
 * what the finding is about (its key: item ids, order ids, values), so the same evidence gives the same id on every
 * run and machine, and case.yaml can acknowledge it by that id.
 */
import type { ConsistencyFinding } from "../model/consistency.js";
import { sha256Bytes } from "../util/hash.js";

export type FindingDraft = Omit<ConsistencyFinding, "id" | "acknowledged"> & { key: readonly string[] };

export function finding({ key, ...f }: FindingDraft): ConsistencyFinding {
  const digest = sha256Bytes([...key].sort().join("\0")).slice(7, 15);
  const clean = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Omit<ConsistencyFinding, "id">;
  return { id: `${f.check}:${f.defendantId ?? "case"}:${digest}`, ...clean };
}
