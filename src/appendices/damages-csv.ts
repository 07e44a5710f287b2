/**
 * Appendices stage: the damages table as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled). A header row; one "unit" line per DamagesRow (defendant ×
 * mark × goods type); then one "defendant total" line per defendant; then the "grand total" line; then,
 * when §1961 interest is configured, "interest" and "total with interest" lines (amount in the
 * "Amount requested" column, formula in "Note"). §1961 interest, when illustrated (interest.show), is one "interest" and one
 * "total with interest" line per defendant (judgments are several, not joint), with no amount when not projected.
 *
 * Amounts are plain decimals at the cent ("250000.00"): no currency symbol, no grouping; the currency is
 * in the header. Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR:
 * seller names come from counterfeiters) get a leading apostrophe, the usual CSV-injection guard.
 */
import type { DamagesRow, DamagesTable, DefendantDamagesTotal } from "../model/damages.js";
import type { DamagesFacts } from "./damages-view.js";
import type { Money } from "../model/money.js";
import { formulaSafe } from "../util/formula-safe.js";
import { minorUnits, moneyToDecimalString, roundHalfUp } from "../util/money.js";

/** Column headers, in order. */
export function damagesCsvHeader(currency: string): string[] {
  return [
    "Line",
    "Schedule A no.",
    "Defendant ID",
    "Defendant",
    "Mark ID",
    "Mark",
    "Registration no.",
    "Class",
    "Goods type",
    "Statutory basis",
    "Willful",
    `Statutory minimum (${currency})`,
    `Statutory maximum (${currency})`,
    `Amount requested (${currency})`,
    "Request",
    `Gross sales, § 1117(a) (${currency})`,
    `Trebled gross sales, § 1117(b) (${currency})`,
    `Restrained (${currency})`,
    "Note",
    "Recovering plaintiff",
    "Seller ID",
    "Willfulness basis",
  ];
}

type Cell = string | number | Money | undefined;

function amount(m: Money): string {
  // Table amounts are already at the cent; rescaling to the minor unit is exact (roundHalfUp never rounds here).
  return moneyToDecimalString(roundHalfUp(m, Math.max(m.scale, minorUnits(m.currency))));
}

function field(c: Cell): string {
  let s: string;
  if (c === undefined) s = "";
  else if (typeof c === "number") s = String(c);
  else if (typeof c === "string") s = formulaSafe(c);
  else s = amount(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(cells: Cell[]): string {
  return cells.map(field).join(",");
}

function unitLine(r: DamagesRow): Cell[] {
  return [
    "unit",
    r.scheduleANumber,
    r.defendantId,
    r.defendantName,
    r.mark.id,
    r.mark.name,
    r.mark.registration,
    r.mark.goodsClass.join("; "),
    r.goods,
    r.basis,
    r.willful ? "yes" : "no",
    r.basis === "1117(c)(1)" ? r.statutoryMin : undefined, // (c)(2) states no minimum
    r.statutoryMax,
    r.requested,
    r.requestKind === "flat-share" ? "share of flat request" : "per mark × goods type",
    r.profits,
    r.trebledProfits,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ];
}

function totalLine(d: DefendantDamagesTotal): Cell[] {
  return [
    "defendant total",
    d.scheduleANumber,
    d.defendantId,
    d.defendantName,
    d.marks.map((m) => m.id).join("; "),
    d.marks.map((m) => m.name).join("; "),
    d.marks.map((m) => m.registration).join("; "),
    [...new Set(d.marks.flatMap((m) => m.goodsClass))].sort((a, b) => a - b).join("; "),
    d.goods.join("; "),
    d.basis,
    d.willful ? "yes" : "no",
    undefined,
    undefined,
    d.requested,
    d.requestKind === "flat" ? "flat" : "per mark × goods type",
    d.hasSales ? d.profits : undefined,
    d.hasSales ? d.trebledProfits : undefined,
    d.restrained,
    `${d.units} unit${d.units === 1 ? "" : "s"} (${d.marks.length} mark${d.marks.length === 1 ? "" : "s"} × ${d.goods.length} ` +
      `type${d.goods.length === 1 ? "" : "s"} of goods)`,
    d.plaintiff,
    d.sellerId,
    d.willfulnessBasis,
  ];
}

/**
 * The damages table as RFC 4180 CSV text (CRLF line ends, ending with CRLF).
 * @param facts optional defendant id → what the plan and the check say of it (damages-view.ts): its exhibits and Bates
 *   range, its forum sale (pin cite) and the check's warnings, added as last columns on each defendant's total line.
 */
export function damagesCsv(table: DamagesTable, facts?: ReadonlyMap<string, DamagesFacts>): string {
  const blank = (n: number): undefined[] => Array.from({ length: n });
  const header: Cell[] = damagesCsvHeader(table.currency);
  const extra = ["Evidence (exhibits, Bates)", "Forum sale", "Check warnings"];
  const lines: Cell[][] = [facts ? [...header, ...extra] : header];
  for (const r of table.rows) lines.push(unitLine(r));
  for (const d of table.defendants) {
    const f = facts?.get(d.defendantId);
    lines.push(facts ? [...totalLine(d), f?.evidence || "none", f?.forumSale || "none", f?.warnings.join("; ")] : totalLine(d));
  }
  const t = table.totals;
  lines.push(["grand total", ...blank(12), t.requested, undefined, t.profits, t.trebledProfits, t.restrained, table.roundingRule]);
  if (table.interest) {
    const i = table.interest;
    for (const d of i.defendants) {
      const who = [d.scheduleANumber, d.defendantId, d.defendantName];
      lines.push(["interest", ...who, ...blank(9), d.amount, undefined, undefined, undefined, undefined, i.blank ?? i.formula]);
      lines.push(["total with interest", ...who, ...blank(9), d.totalWithInterest]);
    }
  }
  return lines.map(line).join("\r\n") + "\r\n";
}
