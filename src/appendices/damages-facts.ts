/**
 * What the plan and the completeness check say of each defendant beside its damages (damages-view.ts DamagesFacts): the
 * exhibits that prove the claim, the forum sale as a pin cite — the first page of the defendant's purchase record with an
 * order shipped to check.forumState and not cancelled ("Ex. 4 at VAL000012") — and the check's warnings.
 */
import type { BuildContext } from "../model/build-context.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { formatBates } from "../plan/index.js";
import type { DamagesFacts } from "./damages-view.js";

/** The pin cite of a defendant's forum sale, or "" when none of its exhibits holds one. */
export function forumSaleCite(
  defendantId: string,
  config: Pick<CaseConfig, "bates" | "check">,
  plan: readonly PlannedExhibit[],
  items: ReadonlyMap<string, EvidenceItem>,
): string {
  const state = config.check.forumState;
  if (!state) return "";
  for (const e of plan) {
    if (e.defendantId !== defendantId) continue;
    for (const id of e.itemIds) {
      const it = items.get(id);
      if (it?.payload.type !== "purchases") continue;
      const sold = it.payload.orders.some((o) => o.shipTo?.state?.toUpperCase() === state && !/cancel/i.test(o.status ?? ""));
      const page = e.pages.findIndex((p) => p.kind !== "cover" && p.itemId === id);
      if (sold && page >= 0) return `Ex. ${e.label} at ${formatBates(config.bates, e.bates.firstNumber + page)}`;
    }
  }
  return "";
}

/** Each defendant's facts; `evidence` is the citation of its exhibits (from the Schedule A rows). */
export function damagesFacts(ctx: BuildContext, evidence: ReadonlyMap<string, string>): Map<string, DamagesFacts> {
  const config = ctx.loaded.config;
  return new Map(
    config.defendants.map((d) => [
      d.id,
      {
        evidence: evidence.get(d.id) ?? "",
        forumSale: forumSaleCite(d.id, config, ctx.plan, ctx.items),
        warnings: [...(ctx.findings?.get(d.id) ?? [])],
      },
    ]),
  );
}
