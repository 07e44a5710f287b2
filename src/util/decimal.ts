/** Exact non-negative decimals as written in case.yaml ("250000.00", "4.12"): integer units and a scale. */
import { DECIMAL_AMOUNT } from "../model/damages.js";

/** An exact non-negative decimal: units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export function parseDecimal(text: string): Decimal | undefined {
  const t = text.trim();
  if (!DECIMAL_AMOUNT.test(t)) return undefined;
  const [int, frac = ""] = t.replace(/,/g, "").split(".");
  return { units: BigInt(int + frac), scale: frac.length };
}

export function decimalToString(d: Decimal): string {
  const digits = d.units.toString().padStart(d.scale + 1, "0");
  return d.scale ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}` : digits;
}

/** "4.12" (percent) → "0.0412" (fraction), exactly, as a decimal string. */
export function percentToFraction(percent: string): string {
  const d = parseDecimal(percent);
  if (!d) throw new RangeError(`'${percent}' is not a decimal percentage`);
  return decimalToString({ units: d.units, scale: d.scale + 2 })
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}
