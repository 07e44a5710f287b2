/** Exact decimals and calendar days for the damages table: no binary floating point anywhere. */
import { parseDecimal, type Decimal } from "../../util/decimal.js";

export { parseDecimal, percentToFraction, type Decimal } from "../../util/decimal.js";

/** A decimal the schema has already checked (DECIMAL_AMOUNT), exactly. */
export function checkedDecimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new RangeError(`'${text}' is not a decimal; damages settings must come through the damages schema`);
  return d;
}

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

/** num / den rounded half away from zero (den > 0). */
export function divHalfUp(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return neg ? -q : q;
}
