/**
 * The damages table as the PDF template shows it: money formatted exactly, rows grouped per defendant, each defendant
 * with the plaintiff who recovers, its seller ID, its forum sale (a pin cite), the basis for willfulness, and a flag when
 * `exhibits check` warns about it (a defendant is never carried at its full amount without the warning beside it).
 */
import type { DamagesRow, DamagesTable } from "../model/damages.js";
import { formatMoney } from "../util/money.js";

/** What the plan and the check say of a defendant, beside its damages: evidence, the forum sale, the check's warnings. */
export interface DamagesFacts {
  /** Its exhibits and Bates range ("Ex. 2, 3 (VAL000004 – VAL000026)"). */
  evidence: string;
  /** The forum sale as a pin cite ("Ex. 4 at VAL000012"), or "" when the plan holds none. */
  forumSale: string;
  /** The warnings `exhibits check` gives about the defendant. */
  warnings: string[];
}

export const FLAG = "†";

/** "§ 1117(c)(1): $1,000 – $200,000 per mark per type of goods"; (c)(2) has a cap and no floor. */
export function basisText(r: Pick<DamagesRow, "basis" | "statutoryMin" | "statutoryMax">): string {
  const whole = (m: DamagesRow["statutoryMax"]) => formatMoney(m).replace(/\.00$/, "");
  return r.basis === "1117(c)(2)"
    ? `§ 1117(c)(2): up to ${whole(r.statutoryMax)} per mark per type of goods (willful)`
    : `§ 1117(c)(1): ${whole(r.statutoryMin)} – ${whole(r.statutoryMax)} per mark per type of goods`;
}

export function damagesView(t: DamagesTable, facts: ReadonlyMap<string, DamagesFacts> = new Map()) {
  const m = (x: Parameters<typeof formatMoney>[0] | undefined) => (x ? formatMoney(x) : "");
  return {
    defendants: t.defendants.map((d) => {
      const f = facts.get(d.defendantId);
      const warnings = f?.warnings ?? [];
      return {
        number: d.scheduleANumber,
        flag: warnings.length ? FLAG : "",
        // A blank for counsel: a final build is refused while a defendant the check warns about is in the table.
        flagNote: warnings.length
          ? `[COUNSEL: the completeness check warns about this defendant: ${warnings.join("; ")}; resolve each warning or withdraw ` +
            "the request before filing]"
          : "",
        name: d.defendantName,
        sellerId: d.sellerId ?? "",
        plaintiff: d.plaintiff,
        units: d.units,
        plural: d.units !== 1,
        flat: d.requestKind === "flat",
        requested: m(d.requested),
        gross: d.hasSales ? m(d.profits) : "",
        trebled: d.hasSales ? m(d.trebledProfits) : "",
        restrained: m(d.restrained),
        // Where the amounts beside the request come from: each sale's source, and the restraint's (a blank when not stated).
        sales: d.sales.map((s) => `${s.units} × ${formatMoney(s.unitPrice)} (${s.source})`).join("; "),
        restrainedFrom: d.restrained ? (d.restrainedSource ?? "[COUNSEL: source of the restrained amount not recorded]") : "",
        forumSale: f ? f.forumSale || "none in the exhibits" : "",
        willful: d.willful,
        willfulnessBasis: d.willfulnessBasis,
        evidence: f?.evidence ?? "",
        rows: t.rows
          .filter((r) => r.defendantId === d.defendantId)
          .map((r, i) => ({
            first: i === 0,
            mark: `${r.mark.name} (Reg. No. ${r.mark.registration})`,
            goods: r.goods,
            basis: basisText(r),
            requested: m(r.requested),
            share: r.requestKind === "flat-share",
          })),
      };
    }),
    totals: {
      requested: m(t.totals.requested),
      gross: m(t.totals.profits),
      trebled: m(t.totals.trebledProfits),
      restrained: m(t.totals.restrained),
    },
    interest: t.interest
      ? {
          rate: t.interest.ratePercent ?? "",
          from: t.interest.judgmentDate ?? "",
          to: t.interest.paymentDate ?? "",
          days: t.interest.days ?? 0,
          blank: t.interest.blank ?? "",
          rows: t.interest.defendants.map((i) => ({
            number: i.scheduleANumber,
            name: i.defendantName,
            principal: m(i.principal),
            amount: m(i.amount),
            total: m(i.totalWithInterest),
          })),
        }
      : undefined,
    statutoryNote: t.statutoryNote,
    roundingRule: t.roundingRule,
    notes: t.notes,
    warnings: t.warnings,
  };
}
