/**
 * Stage 5, consistency: every finding of the evidence against itself (issue 20), from every rule — the same scene in
 * two items and goods received before the order (chronology), identifiers that disagree along a defendant's chain
 * (identity), shipping, clocks, "ships from" and unpaid purchases (circumstances) — with each item's pin cite from the
 * plan, and case.yaml's acknowledgements applied (an acknowledged finding keeps its reason and stops warning). Pure.
 */
import type { CaseConfig } from "../model/case.js";
import type { ConsistencyFinding } from "../model/consistency.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { receivedBeforeOrderFindings } from "./chronology.js";
import { circumstanceFindings } from "./circumstances.js";
import { duplicateSceneFindings, nearIdenticalPairs, type ImageFingerprint } from "./duplicates.js";
import { identityFindings } from "./identity.js";
import { markFindings } from "./marks-shown.js";

export interface FindingInputs {
  config: CaseConfig;
  items: readonly EvidenceItem[];
  exhibits: readonly PlannedExhibit[];
  /** Each item's text: its readings, a PDF's text layer, OCR words (lines joined by "\n"), a capture's DOM text. */
  texts: ReadonlyMap<string, string>;
  /** The words each item's pages show, as far as they were read (PDF text, OCR words, DOM text): never sidecar fields. */
  pageTexts?: ReadonlyMap<string, string>;
  /** Perceptual hashes of the case's photos (duplicates.ts: imageFingerprints). */
  fingerprints: readonly ImageFingerprint[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

export function consistencyFindings(i: FindingInputs): ConsistencyFinding[] {
  const timeZone = i.config.timeZone;
  const pairs = nearIdenticalPairs(i.fingerprints);
  const all = [
    ...duplicateSceneFindings(i.fingerprints, { timeZone }),
    ...receivedBeforeOrderFindings(i.items, pairs, { timeZone }),
    ...identityFindings({ defendants: i.config.defendants, items: i.items, texts: i.texts }),
    ...markFindings(i.config.marks, i.items, i.pageTexts ?? new Map()),
    ...circumstanceFindings(i),
  ];
  const cite = pinCites(i.exhibits);
  const acknowledged = new Map((i.config.acknowledge ?? []).map((a) => [a.finding, a.reason]));
  const order = new Map(i.config.defendants.map((d, n) => [d.id, n]));
  return all
    .map((f) => {
      const reason = acknowledged.get(f.id);
      return {
        ...f,
        items: f.items.map((it) => (it.cite || !cite(it.itemId) ? it : { ...it, cite: cite(it.itemId) })),
        ...(reason ? { acknowledged: reason } : {}),
      };
    })
    .sort(
      (a, b) =>
        (order.get(a.defendantId ?? "") ?? -1) - (order.get(b.defendantId ?? "") ?? -1) ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Acknowledgements in case.yaml that name no finding of this run (the evidence changed, or a typo): said, not silent. */
export function staleAcknowledgements(config: CaseConfig, findings: readonly ConsistencyFinding[]): string[] {
  const ids = new Set(findings.map((f) => f.id));
  return (config.acknowledge ?? []).filter((a) => !ids.has(a.finding)).map((a) => a.finding);
}

/** "Ex. 5 at VAL000018": an item's exhibit and the Bates number of its first page in the plan. */
function pinCites(exhibits: readonly PlannedExhibit[]): (itemId: string) => string | undefined {
  const byItem = new Map<string, string>();
  for (const e of exhibits) {
    const prefix = e.bates.first.replace(/\d+$/, "");
    const first = Number(e.bates.first.slice(prefix.length));
    const width = e.bates.first.length - prefix.length;
    e.pages.forEach((p, n) => {
      const id = "itemId" in p ? (p as { itemId?: string }).itemId : undefined;
      if (id && !byItem.has(id)) byItem.set(id, `Ex. ${e.label} at ${prefix}${String(first + n).padStart(width, "0")}`);
    });
    for (const id of e.itemIds) if (!byItem.has(id)) byItem.set(id, `Ex. ${e.label} (${e.bates.first}–${e.bates.last})`);
  }
  return (id) => byItem.get(id);
}
