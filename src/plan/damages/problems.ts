/** The damages settings' problems, collected so that counsel can fix them all in one pass; amounts read exactly. */
import type { Money } from "../../model/money.js";
import { InvalidInputError, InvalidInputErrors } from "../../util/errors.js";
import { minorUnits, money, MoneyFormatError, parseMoney, rescale } from "../../util/money.js";

/** Problems are collected so that counsel can fix them all in one pass. */
export class Problems {
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
export function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return "(none)";
  const shown = ids.slice(0, 20).join(", ");
  return ids.length > 20 ? `${shown}, … and ${ids.length - 20} more` : shown;
}

/** A whole-dollar Money at the currency's cents scale. */
export function dollars(currency: string, n: bigint): Money {
  const scale = minorUnits(currency);
  return money(currency, n * 10n ** BigInt(scale), scale);
}

/**
 * Read a decimal-string amount in `currency` (its format checked by the schema), exact, with at most the
 * currency's minor-unit decimals ("250000.00"). Adds a problem and returns undefined when it has more.
 */
export function readAmount(problems: Problems, value: string, currency: string, field: string, what: string): Money | undefined {
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
    problems.add(
      field,
      `${what}: '${value}' has more than ${minor} decimals; amounts are exact to the ${minor === 0 ? "unit" : "cent"} (write it ` +
        `rounded as counsel intends)`,
    );
    return undefined;
  }
}
