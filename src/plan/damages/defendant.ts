/** One defendant's rows of the damages table: its units (marks × goods), its request checked against the statute. */
import type { Defendant, Mark } from "../../model/case.js";
import type {
  DamagesMark,
  DamagesRow,
  DamagesSale,
  DamagesSettings,
  DefendantDamagesSettings,
  DefendantDamagesTotal,
} from "../../model/damages.js";
import type { Money } from "../../model/money.js";
import { compareMoney, formatMoney, minorUnits, money, mulMoney, roundHalfUp, sumMoney } from "../../util/money.js";

import { checkedDecimal } from "./decimal.js";
import { dollars, listIds, type Problems, readAmount } from "./problems.js";
import { BASIS } from "./statute.js";
import { markStatus } from "../../util/marks.js";
export function who(id: string, name: string, number: number): string {
  return `defendant ${id} (${name}, Schedule A no. ${number})`;
}

export function unitsText(units: number, marks: number, goods: number): string {
  return (
    `${units} unit${units === 1 ? "" : "s"} (${marks} mark${marks === 1 ? "" : "s"} × ${goods} type${goods === 1 ? "" : "s"} of ` + `goods)`
  );
}

/** "$1,000.00 to $200,000.00", or "up to $2,000,000.00" for a range the statute gives no floor ((c)(2): min one cent). */
export function rangeText(min: Money, max: Money, floor = true): string {
  return floor ? `${formatMoney(min)} to ${formatMoney(max)}` : `up to ${formatMoney(max)}`;
}

/** The blanks for counsel the table leaves when the case does not say. */
export const PLAINTIFF_BLANK = "[COUNSEL: recovering plaintiff (the registrant of the marks)]";
export const WILLFULNESS_BLANK = "[COUNSEL: basis for the finding of willfulness]";

/**
 * The plaintiff who recovers from a defendant: as stated for it, else the registrant of its counterfeit marks (case.yaml
 * `marks[].owner`) when one owns them all; else a blank (several owners are named with their marks).
 */
function recoveringPlaintiff(stated: string | undefined, marks: readonly Mark[]): string {
  if (stated) return stated;
  const owners = [...new Set(marks.map((m) => m.owner))];
  if (owners.length === 1 && owners[0]) return owners[0];
  if (owners.length > 1 && owners.every(Boolean)) return marks.map((m) => `${m.owner} (${m.name})`).join("; ");
  return PLAINTIFF_BLANK;
}

export interface DefendantContext {
  base: string;
  currency: string;
  defendant: Defendant;
  number: number;
  marksById: Map<string, Mark>;
  knownMarks: string[];
  exchangeRates: DamagesSettings["exchangeRates"];
  usedRates: Map<string, string[]>;
}

export function computeDefendant(
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
    else if (seenMarks.has(id))
      problems.add(`${base}.marks[${i}]`, `${label}: mark '${id}' is listed twice; each counterfeit mark counts once per type of goods`);
    else if (m.registration === undefined)
      // §1117(c) reaches counterfeits of marks registered on the principal register (§1116(d)(1)(B)).
      problems.add(
        `${base}.marks[${i}]`,
        `${label}: mark '${id}' is ${markStatus(m)}; statutory damages under §1117(c) need a mark registered on the principal register`,
      );
    else {
      seenMarks.add(id);
      marks.push({ id: m.id, name: m.name, registration: m.registration, goodsClass: [...m.goodsClass] });
    }
  });

  const goods: string[] = [];
  d.goods.forEach((g, i) => {
    if (goods.includes(g)) {
      problems.add(`${base}.goods[${i}]`, `${label}: goods type '${g}' is listed twice; each type of goods counts once per mark`);
    } else goods.push(g);
  });

  const min = money(currency, basis.minCents, 2);
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
          `${label}: the flat request ${formatMoney(flat)} is outside the statutory range for ` +
            `${unitsText(units, marks.length, goods.length)} under ${basis.paragraph}: ` +
            `${rangeText(low, high, basis.floor)} (${rangeText(min, max, basis.floor)} per counterfeit mark per type of goods, ` +
            `times ${units}). ` +
            (compareMoney(flat, high) <= 0
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
        problems.add(
          `${field}.mark`,
          `${label}: mark '${markId}' is not among the defendant's marks (${listIds([...seenMarks])}); list it under marks first`,
        );
        return;
      }
      if (!goods.includes(g)) {
        problems.add(
          `${field}.goods`,
          `${label}: goods type '${g}' is not among the defendant's goods (${listIds(goods)}); list it under goods first`,
        );
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
        const what = compareMoney(amount, max) > 0 ? "above the statutory maximum" : "below the statutory minimum";
        problems.add(
          `${field}.amount`,
          `${label}: the request ${formatMoney(amount)} for mark '${markId}' on '${g}' is ${what}: ` +
            `${basis.paragraph} allows ${rangeText(min, max, basis.floor)} per counterfeit mark per type of goods` +
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
        `${label}: no amount for ${missingPairs.map((p) => `mark '${p.mark.id}' on '${p.goods}'`).join(", ")}; a per-unit request ` +
          `needs one amount for every mark × goods type (${units} in all)`,
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
        `${label}: a sale in ${saleCurrency} (${s.source}) cannot be added to ${currency} amounts without a conversion rate; add ` +
          `damages.exchangeRates.${saleCurrency}: { rate, date, source } (1 ${saleCurrency} = rate ${currency}) or give the sale in ` +
          `${currency}`,
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
  if (d.restrained !== undefined)
    restrained = readAmount(problems, d.restrained, currency, `${base}.restrained`, `${label}: the restrained amount`);

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
      plaintiff: recoveringPlaintiff(
        d.plaintiff,
        marks.map((m) => ctx.marksById.get(m.id) as Mark),
      ),
      willfulnessBasis: willful ? (d.willfulnessBasis ?? WILLFULNESS_BLANK) : "",
      ...(defendant.sellerId ? { sellerId: defendant.sellerId } : {}),
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
      ...(restrained && d.restrainedSource ? { restrainedSource: d.restrainedSource } : {}),
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
  return Array.from({ length: units }, (_, i) => ({
    currency: flat.currency,
    units: share + (BigInt(i) < leftover ? 1n : 0n),
    scale: flat.scale,
  }));
}
