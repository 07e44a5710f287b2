/**
 * Stage 4, plan: the damages table (15 U.S.C. §1117; DOMAIN.md §6). PURE: case.yaml `damages:` + the
 * case's marks and defendants → DamagesTable, which the CSV/XLSX writers (damages-csv.ts, damages-xlsx.ts)
 * and the damages template print.
 *
 * Money is exact (src/util/money.ts): requests, sales and restrained amounts are exact to the cent as
 * written; the only roundings are (1) a sale converted from another currency, half-up to the cent once per
 * sale, and (2) §1961 interest, computed as an exact fraction and rounded half-up to the cent once, at the
 * end. Totals are sums of the row amounts, so the printed table adds up.
 *
 * Statutory range (§1117(c), per counterfeit mark per type of goods = one "unit"): $1,000 ≤ amount ≤
 * $200,000 under (c)(1), ≤ $2,000,000 under (c)(2) (willful only). A flat per-defendant request must lie in
 * units × $1,000 … units × cap. Out-of-range requests are refused (InvalidInputError naming the defendant,
 * the amount, the range and the reason), as are unknown ids and sales in an unconverted currency. All
 * problems are collected: one problem throws InvalidInputError, several throw InvalidInputErrors.
 *
 * The settings come validated by the damages schema (src/schema/damages.ts: types, decimal formats, c2 only
 * when willful, exactly one kind of request, real dates in order); only the checks that need the case (its
 * defendants and marks) or the amounts' value (the statutory range, the cents of the currency) are made here.
 */
import type { Defendant, Mark } from "../../model/case.js";
import type {
  DamagesConversion,
  DamagesInterest,
  DamagesRow,
  DamagesSettings,
  DamagesTable,
  DefendantDamagesTotal,
  InterestSettings,
} from "../../model/damages.js";
import { addMoney, compareMoney, formatMoney, sumMoney } from "../../util/money.js";

import { daysBetween, percentToFraction } from "./decimal.js";
import { postJudgmentInterest } from "./interest.js";
import { listIds, Problems } from "./problems.js";
import { computeDefendant, unitsText } from "./defendant.js";

export const DAMAGES_ROUNDING_RULE =
  "Amounts are exact to the cent; interest is rounded half-up to the cent once, at the end; totals are sums of the printed row amounts.";

export const DAMAGES_STATUTORY_NOTE =
  "Statutory damages, 15 U.S.C. § 1117(c), per counterfeit mark per type of goods sold, offered for sale, or distributed: " +
  "§ 1117(c)(1) not less than $1,000 or more than $200,000; § 1117(c)(2) if the use was willful, not more than $2,000,000. " +
  "Gross sales (units × unit price, § 1117(a): the plaintiff proves sales, the defendant its costs) and their trebling " +
  "(§ 1117(b)) are shown for comparison only: an election of statutory damages under § 1117(c) is instead of actual " +
  "damages and profits.";

/** What the table says of §1961 interest when it does not compute it (the default). */
export const INTEREST_OFF_NOTE =
  "Post-judgment interest under 28 U.S.C. § 1961 runs on each defendant's judgment from its entry, at the weekly average " +
  "1-year constant-maturity Treasury yield for the calendar week before the judgment; it is not computed here.";

/** The blank left when interest is illustrated without a stated rate and dates. */
export const INTEREST_BLANK =
  "[COUNSEL: § 1961 rate (weekly average 1-year CMT yield for the week before judgment), judgment date and payment date]";

/** The §1961 formula as printed on the table. */
export const INTEREST_FORMULA = "interest = P × ((1 + r)^⌊d/365⌋ × (1 + r × (d mod 365)/365) − 1)";

/**
 * §1961 interest on each defendant's judgment (several, not joint): projected to the payment date only when the rate and
 * both dates are stated; else each defendant's principal with the blank for counsel, and nothing projected.
 */
function interestOf(i: InterestSettings, defendants: readonly DefendantDamagesTotal[]): DamagesInterest {
  const rate = i.rate?.trim();
  const who = (d: DefendantDamagesTotal) => ({
    defendantId: d.defendantId,
    defendantName: d.defendantName,
    scheduleANumber: d.scheduleANumber,
    principal: d.requested,
  });
  if (!rate || !i.judgmentDate || !i.paymentDate) {
    return {
      ...(rate ? { ratePercent: rate } : {}),
      ...(i.judgmentDate ? { judgmentDate: i.judgmentDate } : {}),
      ...(i.paymentDate ? { paymentDate: i.paymentDate } : {}),
      defendants: defendants.map(who),
      blank: INTEREST_BLANK,
      formula:
        `Post-judgment interest, 28 U.S.C. § 1961, on each defendant's judgment: ${INTEREST_FORMULA}, where P = that defendant's ` +
        `judgment, r = the rate and d = days from judgment to payment. Not projected: ${INTEREST_BLANK}.`,
    };
  }
  const days = daysBetween(i.judgmentDate, i.paymentDate);
  const years = Math.floor(days / 365);
  const remainderDays = days % 365;
  const r = percentToFraction(rate);
  return {
    ratePercent: rate,
    judgmentDate: i.judgmentDate,
    paymentDate: i.paymentDate,
    days,
    years,
    remainderDays,
    defendants: defendants.map((d) => {
      const amount = postJudgmentInterest(d.requested, rate, days);
      return { ...who(d), amount, totalWithInterest: addMoney(d.requested, amount) };
    }),
    formula:
      `Post-judgment interest, 28 U.S.C. § 1961, illustrated on each defendant's judgment (judgments are several, not joint): ` +
      `${INTEREST_FORMULA}, where P = the defendant's total requested, r = ${rate}% = ${r}, d = ${days} days from ` +
      `${i.judgmentDate} (judgment) to ${i.paymentDate} (payment), ⌊d/365⌋ = ${years}, d mod 365 = ${remainderDays}. ` +
      "Compounded annually, simple interest for the part year; computed exactly and rounded half-up to the cent once.",
  };
}

/** A defendant as the table's notes name it (its Schedule A number and name; ids are the tool's, not the court's). */
function inTable(d: DefendantDamagesTotal): string {
  return `Schedule A No. ${d.scheduleANumber} (${d.defendantName})`;
}

// --- the table ---------------------------------------------------------------------------------------

interface Config {
  marks: Mark[];
  defendants: Defendant[];
}

/**
 * Compute the damages table. `file` names case.yaml in error messages; fields are written
 * `damages.defendants.<id>.request.flat` and so on.
 */
export function computeDamages(settings: DamagesSettings, config: Config, file: string): DamagesTable {
  const problems = new Problems(file);
  const currency = settings.currency;
  const warnings: string[] = [];
  const notes: string[] = [];

  const scheduleA = new Map(config.defendants.map((d, i) => [d.id, { defendant: d, number: i + 1 }]));
  const marksById = new Map(config.marks.map((m) => [m.id, m]));
  const knownDefendants = config.defendants.map((d) => d.id);
  const knownMarks = config.marks.map((m) => m.id);

  const exchangeRates = settings.exchangeRates;
  const usedRates = new Map<string, string[]>();

  const entries = Object.entries(settings.defendants);

  const computed: { total: DefendantDamagesTotal; rows: DamagesRow[] }[] = [];
  for (const [id, d] of entries) {
    const base = `damages.defendants.${id}`;
    const found = scheduleA.get(id);
    if (!found) {
      problems.add(base, `unknown defendant '${id}'; the defendants of case.yaml are: ${listIds(knownDefendants)}`);
      continue;
    }
    const result = computeDefendant(problems, d, {
      base,
      currency,
      defendant: found.defendant,
      number: found.number,
      marksById,
      knownMarks,
      exchangeRates,
      usedRates,
    });
    if (result) computed.push(result);
  }

  for (const code of Object.keys(exchangeRates)) {
    if (code === currency)
      problems.add(`damages.exchangeRates.${code}`, `a rate for ${code}, the table's own currency, makes no sense; remove it`);
    else if (!usedRates.has(code)) warnings.push(`damages.exchangeRates.${code} is not used: no sale is in ${code}.`);
  }

  problems.throwIfAny();

  computed.sort((x, y) => x.total.scheduleANumber - y.total.scheduleANumber);
  const rows = computed.flatMap((c) => c.rows);
  const defendants = computed.map((c) => c.total);
  const totals = {
    requested: sumMoney(
      defendants.map((d) => d.requested),
      currency,
    ),
    profits: sumMoney(
      defendants.map((d) => d.profits),
      currency,
    ),
    trebledProfits: sumMoney(
      defendants.map((d) => d.trebledProfits),
      currency,
    ),
    restrained: sumMoney(
      defendants.flatMap((d) => (d.restrained ? [d.restrained] : [])),
      currency,
    ),
  };

  // Lints: counsel decides.
  const listed = new Set(defendants.map((d) => d.defendantId));
  const missing = knownDefendants.filter((id) => !listed.has(id));
  if (missing.length) {
    warnings.push(
      `${missing.length} defendant${missing.length > 1 ? "s" : ""} of case.yaml ha${missing.length > 1 ? "ve" : "s"} no damages entry ` +
        `and ${missing.length > 1 ? "are" : "is"} not in the table: ${listIds(missing)}.`,
    );
  }
  for (const d of defendants) {
    if (d.hasSales && compareMoney(d.trebledProfits, d.requested) > 0) {
      warnings.push(
        `${inTable(d)}: trebled gross sales ${formatMoney(d.trebledProfits)} (§ 1117(b)) exceed ` +
          `the statutory request ${formatMoney(d.requested)}; check the election.`,
      );
    }
    if (d.requestKind === "flat" && d.flatRequest && d.units > 1) {
      notes.push(
        `${inTable(d)}: flat request ${formatMoney(d.flatRequest)} for ` +
          `${unitsText(d.units, d.marks.length, d.goods.length)}, shown as equal shares per mark × goods type (leftover cents one each ` +
          `on the first rows); the request is the flat amount.`,
      );
    }
  }

  const conversions: DamagesConversion[] = [...usedRates.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, ids]) => {
      const x = exchangeRates[code];
      return { currency: code, rate: x.rate.trim(), date: String(x.date), source: x.source, defendantIds: ids };
    });
  for (const c of conversions) {
    notes.push(
      `Sales in ${c.currency} converted at 1 ${c.currency} = ${c.rate} ${currency} (${c.date}, ${c.source}), each sale rounded half-up ` +
        `to the cent once; defendants: ${listIds(c.defendantIds)}.`,
    );
  }

  const interest = settings.interest?.show === "illustrative" ? interestOf(settings.interest, defendants) : undefined;
  notes.push(interest ? interest.formula : INTEREST_OFF_NOTE);

  return {
    currency,
    rows,
    defendants,
    totals,
    interest,
    roundingRule: DAMAGES_ROUNDING_RULE,
    statutoryNote: DAMAGES_STATUTORY_NOTE,
    conversions,
    notes,
    warnings,
  };
}
