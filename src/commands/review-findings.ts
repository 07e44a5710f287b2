/**
 * `check`'s report as the review page lists it: each defendant with its items and findings, the case-wide findings,
 * and each finding linked to the items it is about (a completeness finding by the file it names, a consistency
 * finding by the items it rests on).
 */
import type { CheckFinding, CheckReport } from "../consistency/index.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { ReviewDefendant, ReviewFinding } from "../review/types.js";

export function reviewFindings(
  config: CaseConfig,
  items: readonly EvidenceItem[],
  report: CheckReport | undefined,
): { defendants: ReviewDefendant[]; otherItemIds: string[]; general: ReviewFinding[] } {
  const byPath = new Map(items.map((it) => [it.source.path, it.id]));
  const linked = (f: CheckFinding): ReviewFinding => {
    const file = f.where?.file.replace(/\.meta\.yaml$/, "") ?? "";
    const id = byPath.get(file) ?? byPath.get(f.where?.file ?? "");
    return { level: f.level, check: f.check, message: f.message, itemIds: id ? [id] : [] };
  };
  const consistency = (report?.consistency ?? []).filter((c) => !c.acknowledged);
  const asFinding = (c: (typeof consistency)[number]): ReviewFinding => ({
    level: c.severity,
    check: c.check,
    message: c.message,
    itemIds: [...new Set(c.items.map((i) => i.itemId))],
  });
  const defendants = config.defendants.map((d) => {
    const own = report?.defendants.find((r) => r.id === d.id);
    return {
      id: d.id,
      name: d.name,
      itemIds: items.filter((it) => it.defendantId === d.id).map((it) => it.id),
      findings: [
        ...(own?.findings ?? []).filter((f) => f.level !== "ok").map(linked),
        ...consistency.filter((c) => c.defendantId === d.id).map(asFinding),
      ],
    };
  });
  return {
    defendants,
    otherItemIds: items.filter((it) => !it.defendantId).map((it) => it.id),
    general: [
      ...(report?.general ?? []).filter((f) => f.level !== "ok").map(linked),
      ...consistency.filter((c) => !c.defendantId).map(asFinding),
    ],
  };
}
