/**
 * Appendices stage: the damages table (15 U.S.C. §1117; DOMAIN.md §6). PURE: case.yaml `damages:` + the
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
import type { Defendant, Mark } from "../model/case.js";
import type {
  DamagesConversion,
  DamagesInterest,
  DamagesMark,
  DamagesRow,
  DamagesSale,
  DamagesSettings,
  DamagesTable,
  DefendantDamagesSettings,
  DefendantDamagesTotal,
  StatutoryBasis,
  StatutoryBasisKey,
} from "../model/damages.js";
import type { Money } from "../model/money.js";
import { DECIMAL_AMOUNT } from "../model/damages.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import {
  addMoney,
  compareMoney,
  formatMoney,
  minorUnits,
  money,
  MoneyFormatError,
  mulMoney,
  parseMoney,
  rescale,
  roundHalfUp,
  sumMoney,
} from "../util/money.js";

export const DAMAGES_ROUNDING_RULE =
  "Amounts are exact to the cent; interest is rounded half-up to the cent once, at the end; totals are sums of the printed row amounts.";

export const DAMAGES_STATUTORY_NOTE =
  "Statutory damages, 15 U.S.C. §1117(c), per counterfeit mark per type of goods sold, offered for sale, or distributed: " +
  "§1117(c)(1) not less than $1,000 or more than $200,000; §1117(c)(2) if the use was willful, not more than $2,000,000. " +
  "Profits (units × unit price, §1117(a)) and trebled profits (§1117(b)) are shown for comparison only: " +
  "an election of statutory damages under §1117(c) is instead of actual damages and profits.";

/** The §1961 formula as printed on the table. */
export const INTEREST_FORMULA = "interest = P × ((1 + r)^⌊d/365⌋ × (1 + r × (d mod 365)/365) − 1)";

const BASIS: Record<StatutoryBasisKey, { label: StatutoryBasis; maxDollars: bigint; paragraph: string }> = {
  c1: { label: "1117(c)(1)", maxDollars: 200_000n, paragraph: "§1117(c)(1)" },
  c2: { label: "1117(c)(2)", maxDollars: 2_000_000n, paragraph: "§1117(c)(2) (willful)" },
};
const MIN_DOLLARS = 1_000n;

/** Problems are collected so that counsel can fix them all in one pass. */
class Problems {
  readonly list: InvalidInputError[] = [];
  constructor(readonly file: string) {}
  add(field: string, message: string): void {
    this.list.push(new InvalidInputError({ file: this.file, field }, message));
  }
  throwIfAny(): void {
    if (this.list.length === 1) throw this.list[0];
    if (this.list.length > 1) throw new InvalidInputErrors(this.list);
  }
}

/** Up to 20 ids, then "… and N more" (a Schedule A case may have hundreds of defendants). */
function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return "(none)";
  const shown = ids.slice(0, 20).join(", ");
  return ids.length > 20 ? `${shown}, … and ${ids.length - 20} more` : shown;
}

/** A whole-dollar Money at the currency's cents scale. */
function dollars(currency: string, n: bigint): Money {
  const scale = minorUnits(currency);
  return money(currency, n * 10n ** BigInt(scale), scale);
}

/** An exact non-negative decimal: units / 10^scale. */
interface Decimal {
  units: bigint;
  scale: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const t = text.trim();
  if (!DECIMAL_AMOUNT.test(t)) return undefined;
  const [int, frac = ""] = t.replace(/,/g, "").split(".");
  return { units: BigInt(int + frac), scale: frac.length };
}

function decimalToString(d: Decimal): string {
  const digits = d.units.toString().padStart(d.scale + 1, "0");
  return d.scale ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}` : digits;
}

/** "4.12" (percent) → "0.0412" (fraction), exactly, as a decimal string. */
export function percentToFraction(percent: string): string {
  const d = parseDecimal(percent);
  if (!d) throw new RangeError(`'${percent}' is not a decimal percentage`);
  return decimalToString({ units: d.units, scale: d.scale + 2 }).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** A decimal the schema has already checked (DECIMAL_AMOUNT), exactly. */
function checkedDecimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new RangeError(`'${text}' is not a decimal; damages settings must come through the damages schema`);
  return d;
}

/**
 * Read a decimal-string amount in `currency` (its format checked by the schema), exact, with at most the
 * currency's minor-unit decimals ("250000.00"). Adds a problem and returns undefined when it has more.
 */
function readAmount(problems: Problems, value: string, currency: string, field: string, what: string): Money | undefined {
  const t = value.trim();
  let m: Money | undefined;
  try {
    m = parseMoney(t.replace(/,/g, ""), currency, { decimalSeparator: "." });
  } catch (e) {
    if (e instanceof MoneyFormatError) {
      problems.add(field, `${what}: ${e.message}`);
      return undefined;
    }
    throw e;
  }
  if (!m) throw new RangeError(`'${value}' is not an amount; damages settings must come through the damages schema`);
  const minor = minorUnits(currency);
  try {
    return rescale(m, minor);
  } catch {
    problems.add(field, `${what}: '${value}' has more than ${minor} decimals; amounts are exact to the ${minor === 0 ? "unit" : "cent"} (write it rounded as counsel intends)`);
    return undefined;
  }
}

// --- calendar days -----------------------------------------------------------------------------------

function parseDay(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof s === "string" ? s.trim() : "");
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/** Calendar days from `from` to `to` (YYYY-MM-DD); every day counts, Feb 29 included. */
export function daysBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  if (a === undefined || b === undefined) throw new RangeError(`not calendar dates: ${from}, ${to}`);
  return b - a;
}

// --- §1961 interest ----------------------------------------------------------------------------------

/**
 * 28 U.S.C. §1961 post-judgment interest, exactly:
 *   interest = P × ((1 + r)^⌊d/365⌋ × (1 + r × (d mod 365)/365) − 1)
 * With r = a/b (a/b = ratePercent/100, an exact fraction):
 *   (1 + r)^n × (1 + r m/365) − 1 = ((b + a)^n × (365 b + a m) − 365 b^(n+1)) / (365 b^(n+1))
 * so interest = P × that fraction, computed in bigints and rounded half-up to the cent once.
 */
export function postJudgmentInterest(principal: Money, ratePercent: string, days: number): Money {
  const rate = parseDecimal(ratePercent);
  if (!rate) throw new RangeError(`'${ratePercent}' is not a decimal percentage`);
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const a = rate.units;
  const b = 100n * 10n ** BigInt(rate.scale);
  const n = BigInt(Math.floor(days / 365));
  const m = BigInt(days % 365);
  const factorNum = (b + a) ** n * (365n * b + a * m) - 365n * b ** (n + 1n);
  const factorDen = 365n * b ** (n + 1n);
  // principal = units / 10^scale; the result at the currency's minor-unit scale.
  const target = minorUnits(principal.currency);
  const num = principal.units * factorNum * 10n ** BigInt(target);
  const den = factorDen * 10n ** BigInt(principal.scale);
  return money(principal.currency, divHalfUp(num, den), target);
}

/** num / den rounded half away from zero (den > 0). */
function divHalfUp(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return neg ? -q : q;
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

  const interestSettings = settings.interest;
  let ratePercent: string | undefined;
  let days: number | undefined;
  if (interestSettings) {
    ratePercent = interestSettings.rate.trim();
    days = daysBetween(interestSettings.judgmentDate, interestSettings.paymentDate);
  }

  for (const code of Object.keys(exchangeRates)) {
    if (code === currency) problems.add(`damages.exchangeRates.${code}`, `a rate for ${code}, the table's own currency, makes no sense; remove it`);
    else if (!usedRates.has(code)) warnings.push(`damages.exchangeRates.${code} is not used: no sale is in ${code}.`);
  }

  problems.throwIfAny();

  computed.sort((x, y) => x.total.scheduleANumber - y.total.scheduleANumber);
  const rows = computed.flatMap((c) => c.rows);
  const defendants = computed.map((c) => c.total);
  const totals = {
    requested: sumMoney(defendants.map((d) => d.requested), currency),
    profits: sumMoney(defendants.map((d) => d.profits), currency),
    trebledProfits: sumMoney(defendants.map((d) => d.trebledProfits), currency),
    restrained: sumMoney(defendants.flatMap((d) => (d.restrained ? [d.restrained] : [])), currency),
  };

  // Lints: counsel decides.
  const inTable = new Set(defendants.map((d) => d.defendantId));
  const missing = knownDefendants.filter((id) => !inTable.has(id));
  if (missing.length) {
    warnings.push(`${missing.length} defendant${missing.length > 1 ? "s" : ""} of case.yaml ha${missing.length > 1 ? "ve" : "s"} no damages entry and ${missing.length > 1 ? "are" : "is"} not in the table: ${listIds(missing)}.`);
  }
  for (const d of defendants) {
    if (d.hasSales && compareMoney(d.trebledProfits, d.requested) > 0) {
      warnings.push(
        `${who(d.defendantId, d.defendantName, d.scheduleANumber)}: trebled profits ${formatMoney(d.trebledProfits)} (§1117(b)) exceed the statutory request ${formatMoney(d.requested)}; check the election.`,
      );
    }
    if (d.requestKind === "flat" && d.flatRequest && d.units > 1) {
      notes.push(
        `${who(d.defendantId, d.defendantName, d.scheduleANumber)}: flat request ${formatMoney(d.flatRequest)} for ${unitsText(d.units, d.marks.length, d.goods.length)}, shown as equal shares per mark × goods type (leftover cents one each on the first rows); the request is the flat amount.`,
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
      `Sales in ${c.currency} converted at 1 ${c.currency} = ${c.rate} ${currency} (${c.date}, ${c.source}), each sale rounded half-up to the cent once; defendants: ${listIds(c.defendantIds)}.`,
    );
  }

  let interest: DamagesInterest | undefined;
  if (interestSettings && ratePercent !== undefined && days !== undefined) {
    const principal = totals.requested;
    const amount = postJudgmentInterest(principal, ratePercent, days);
    const years = Math.floor(days / 365);
    const remainderDays = days % 365;
    const r = percentToFraction(ratePercent);
    const formula =
      `Post-judgment interest, 28 U.S.C. §1961: ${INTEREST_FORMULA}, where P = ${formatMoney(principal)} (total requested), ` +
      `r = ${ratePercent}% = ${r}, d = ${days} days from ${interestSettings.judgmentDate} (judgment) to ${interestSettings.paymentDate} (payment), ` +
      `⌊d/365⌋ = ${years}, d mod 365 = ${remainderDays}: ${formatMoney(principal)} × ((1 + ${r})^${years} × (1 + ${r} × ${remainderDays}/365) − 1) = ${formatMoney(amount)}. ` +
      "Compounded annually, simple interest for the part year; computed exactly and rounded half-up to the cent once.";
    interest = {
      principal,
      ratePercent,
      judgmentDate: interestSettings.judgmentDate,
      paymentDate: interestSettings.paymentDate,
      days,
      years,
      remainderDays,
      amount,
      totalWithInterest: addMoney(principal, amount),
      formula,
    };
    notes.push(formula);
  }

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

function who(id: string, name: string, number: number): string {
  return `defendant ${id} (${name}, Schedule A no. ${number})`;
}

function unitsText(units: number, marks: number, goods: number): string {
  return `${units} unit${units === 1 ? "" : "s"} (${marks} mark${marks === 1 ? "" : "s"} × ${goods} type${goods === 1 ? "" : "s"} of goods)`;
}

interface DefendantContext {
  base: string;
  currency: string;
  defendant: Defendant;
  number: number;
  marksById: Map<string, Mark>;
  knownMarks: string[];
  exchangeRates: DamagesSettings["exchangeRates"];
  usedRates: Map<string, string[]>;
}

function computeDefendant(
  problems: Problems,
  d: DefendantDamagesSettings,
  ctx: DefendantContext,
): { total: DefendantDamagesTotal; rows: DamagesRow[] } | undefined {
  const { base, currency, defendant } = ctx;
  const label = who(defendant.id, defendant.name, ctx.number);
  const before = problems.list.length;

  const basisKey = d.basis;
  const basis = BASIS[basisKey];
  const willful = d.willful;

  const marks: DamagesMark[] = [];
  const seenMarks = new Set<string>();
  d.marks.forEach((id, i) => {
    const m = ctx.marksById.get(id);
    if (!m) problems.add(`${base}.marks[${i}]`, `${label}: unknown mark '${id}'; the marks of case.yaml are: ${listIds(ctx.knownMarks)}`);
    else if (seenMarks.has(id)) problems.add(`${base}.marks[${i}]`, `${label}: mark '${id}' is listed twice; each counterfeit mark counts once per type of goods`);
    else {
      seenMarks.add(id);
      marks.push({ id: m.id, name: m.name, registration: m.registration, goodsClass: [...m.goodsClass] });
    }
  });

  const goods: string[] = [];
  d.goods.forEach((g, i) => {
    if (goods.includes(g)) {
      problems.add(`${base}.goods[${i}]`, `${label}: goods type '${g}' is listed twice; each type of goods counts once per mark`);
    }
    else goods.push(g);
  });

  const min = dollars(currency, MIN_DOLLARS);
  const max = dollars(currency, basis.maxDollars);
  const units = marks.length * goods.length;
  const pairs: { mark: DamagesMark; goods: string }[] = [];
  for (const mark of marks) for (const g of goods) pairs.push({ mark, goods: g });

  // Requested amounts, one per pair.
  let requested: Money[] | undefined;
  let requestKind: "per-unit" | "flat" = "per-unit";
  let flatRequest: Money | undefined;
  const req = d.request;
  if (req.flat !== undefined) {
    requestKind = "flat";
    const field = `${base}.request.flat`;
    const flat = readAmount(problems, req.flat, currency, field, `${label}: the flat request`);
    if (flat && units > 0 && problems.list.length === before) {
      flatRequest = flat;
      const low = mulMoney(min, units);
      const high = mulMoney(max, units);
      if (compareMoney(flat, low) < 0 || compareMoney(flat, high) > 0) {
        problems.add(
          field,
          `${label}: the flat request ${formatMoney(flat)} is outside the statutory range for ${unitsText(units, marks.length, goods.length)} under ${basis.paragraph}: ` +
            `${formatMoney(low)} to ${formatMoney(high)} (${formatMoney(min)} to ${formatMoney(max)} per counterfeit mark per type of goods, times ${units}). ` +
            (compareMoney(flat, low) < 0
              ? "Raise the request, or check the marks and goods listed for the defendant."
              : basisKey === "c1"
                ? "Lower the request, add the marks or goods types the defendant used, or (if the use was willful) use basis c2."
                : "Lower the request, or add the marks or goods types the defendant used."),
        );
      } else requested = allocateFlat(flat, units);
    }
  } else {
    const byPair = new Map<string, Money>();
    req.perUnit.forEach((e, i) => {
      const field = `${base}.request.perUnit[${i}]`;
      const markId = e.mark;
      const g = e.goods;
      if (!seenMarks.has(markId)) {
        problems.add(`${field}.mark`, `${label}: mark '${markId}' is not among the defendant's marks (${listIds([...seenMarks])}); list it under marks first`);
        return;
      }
      if (!goods.includes(g)) {
        problems.add(`${field}.goods`, `${label}: goods type '${g}' is not among the defendant's goods (${listIds(goods)}); list it under goods first`);
        return;
      }
      const key = `${markId}\u0000${g}`;
      if (byPair.has(key)) {
        problems.add(field, `${label}: mark '${markId}' on '${g}' is requested twice; give one amount per mark × goods type`);
        return;
      }
      const amount = readAmount(problems, e.amount, currency, `${field}.amount`, `${label}: the request for mark '${markId}' on '${g}'`);
      if (!amount) return;
      if (compareMoney(amount, min) < 0 || compareMoney(amount, max) > 0) {
        problems.add(
          `${field}.amount`,
          `${label}: the request ${formatMoney(amount)} for mark '${markId}' on '${g}' is ${compareMoney(amount, min) < 0 ? "below the statutory minimum" : "above the statutory maximum"}: ` +
            `${basis.paragraph} allows ${formatMoney(min)} to ${formatMoney(max)} per counterfeit mark per type of goods` +
            (compareMoney(amount, max) > 0 && basisKey === "c1" ? " (up to $2,000,000.00 under §1117(c)(2) if the use was willful)." : "."),
        );
        return;
      }
      byPair.set(key, amount);
    });
    const missingPairs = pairs.filter((p) => !byPair.has(`${p.mark.id}\u0000${p.goods}`));
    if (missingPairs.length && problems.list.length === before) {
      problems.add(
        `${base}.request.perUnit`,
        `${label}: no amount for ${missingPairs.map((p) => `mark '${p.mark.id}' on '${p.goods}'`).join(", ")}; a per-unit request needs one amount for every mark × goods type (${units} in all)`,
      );
    }
    if (problems.list.length === before) requested = pairs.map((p) => byPair.get(`${p.mark.id}\u0000${p.goods}`) as Money);
  }

  // Sales → profits.
  const sales: DamagesSale[] = [];
  d.sales.forEach((s, i) => {
    const field = `${base}.sales[${i}]`;
    const saleCurrency = s.currency ?? currency;
    const rate = saleCurrency === currency ? undefined : ctx.exchangeRates[saleCurrency];
    if (saleCurrency !== currency && !rate) {
      problems.add(
        `${field}.currency`,
        `${label}: a sale in ${saleCurrency} (${s.source}) cannot be added to ${currency} amounts without a conversion rate; add damages.exchangeRates.${saleCurrency}: { rate, date, source } (1 ${saleCurrency} = rate ${currency}) or give the sale in ${currency}`,
      );
      return;
    }
    const unitPrice = readAmount(problems, s.unitPrice, saleCurrency, `${field}.unitPrice`, `${label}: the unit price`);
    if (!unitPrice) return;
    const amount = mulMoney(unitPrice, s.units);
    let inTable = amount;
    let conversion: DamagesSale["conversion"];
    if (rate) {
      const r = checkedDecimal(rate.rate);
      inTable = roundHalfUp(money(currency, amount.units * r.units, amount.scale + r.scale), minorUnits(currency));
      conversion = { rate: rate.rate.trim(), date: String(rate.date), source: rate.source };
      const ids = ctx.usedRates.get(saleCurrency) ?? [];
      if (!ids.includes(defendant.id)) ids.push(defendant.id);
      ctx.usedRates.set(saleCurrency, ids);
    }
    sales.push({ units: s.units, unitPrice, amount, amountInTableCurrency: inTable, conversion, source: s.source });
  });

  let restrained: Money | undefined;
  if (d.restrained !== undefined) restrained = readAmount(problems, d.restrained, currency, `${base}.restrained`, `${label}: the restrained amount`);

  if (problems.list.length > before || !requested) return undefined;

  const hasSales = sales.length > 0;
  const profits = sumMoney(
    sales.map((s) => s.amountInTableCurrency),
    currency,
  );
  const trebledProfits = mulMoney(profits, 3);
  const basisLabel = basis.label;
  const rows: DamagesRow[] = pairs.map((p, i) => ({
    defendantId: defendant.id,
    defendantName: defendant.name,
    scheduleANumber: ctx.number,
    unitIndex: i + 1,
    mark: p.mark,
    goods: p.goods,
    basis: basisLabel,
    willful,
    statutoryMin: min,
    statutoryMax: max,
    requested: requested[i],
    requestKind: requestKind === "flat" ? "flat-share" : "per-unit",
    ...(i === 0 && hasSales ? { profits, trebledProfits } : {}),
  }));
  return {
    rows,
    total: {
      defendantId: defendant.id,
      defendantName: defendant.name,
      scheduleANumber: ctx.number,
      basis: basisLabel,
      willful,
      units,
      marks,
      goods,
      requestKind,
      ...(flatRequest ? { flatRequest } : {}),
      requested: sumMoney(requested, currency),
      hasSales,
      sales,
      profits,
      trebledProfits,
      ...(restrained ? { restrained } : {}),
    },
  };
}

/**
 * Split a flat request over `units` rows: equal shares to the cent, the leftover cents one each on the
 * first rows. Exact (the shares add up to the flat amount), and every share is ⌊F/n⌋ or ⌊F/n⌋ + 1 cent,
 * so with n × min ≤ F ≤ n × max every share lies in [min, max].
 */
export function allocateFlat(flat: Money, units: number): Money[] {
  if (!Number.isSafeInteger(units) || units < 1) throw new RangeError(`units must be a whole number ≥ 1, got ${units}`);
  const n = BigInt(units);
  const share = flat.units / n;
  const leftover = flat.units % n;
  return Array.from({ length: units }, (_, i) => ({ currency: flat.currency, units: share + (BigInt(i) < leftover ? 1n : 0n), scale: flat.scale }));
}

