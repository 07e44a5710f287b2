/** The damages table as the PDF template shows it: money formatted exactly, rows grouped per defendant. */
import type { DamagesTable } from "../model/damages.js";
import { formatMoney } from "../util/money.js";

export function damagesView(t: DamagesTable, evidence: ReadonlyMap<string, string> = new Map()) {
  const m = (x: Parameters<typeof formatMoney>[0] | undefined) => (x ? formatMoney(x) : "");
  return {
    defendants: t.defendants.map((d) => ({
      number: d.scheduleANumber,
      name: d.defendantName,
      units: d.units,
      plural: d.units !== 1,
      flat: d.requestKind === "flat",
      requested: m(d.requested),
      profits: d.hasSales ? m(d.profits) : "",
      trebled: d.hasSales ? m(d.trebledProfits) : "",
      restrained: m(d.restrained),
      evidence: evidence.get(d.defendantId) ?? "",
      rows: t.rows
        .filter((r) => r.defendantId === d.defendantId)
        .map((r) => ({
          mark: `${r.mark.name} (${r.mark.registration})`,
          goods: r.goods,
          basis: `§${r.basis}${r.willful ? ", willful" : ""}`,
          range: `${m(r.statutoryMin)} – ${m(r.statutoryMax)}`,
          requested: m(r.requested),
          share: r.requestKind === "flat-share",
          profits: m(r.profits),
          trebled: m(r.trebledProfits),
        })),
    })),
    totals: {
      requested: m(t.totals.requested),
      profits: m(t.totals.profits),
      trebled: m(t.totals.trebledProfits),
      restrained: m(t.totals.restrained),
    },
    interest: t.interest
      ? {
          rate: t.interest.ratePercent,
          from: t.interest.judgmentDate,
          to: t.interest.paymentDate,
          days: t.interest.days,
          amount: m(t.interest.amount),
          total: m(t.interest.totalWithInterest),
          formula: t.interest.formula,
        }
      : undefined,
    statutoryNote: t.statutoryNote,
    roundingRule: t.roundingRule,
    notes: t.notes,
    warnings: t.warnings,
  };
}
