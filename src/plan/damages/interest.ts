/** 28 U.S.C. §1961 post-judgment interest, as an exact fraction rounded once. */
import type { Money } from "../../model/money.js";
import { minorUnits, money } from "../../util/money.js";
import { divHalfUp, parseDecimal } from "./decimal.js";

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
