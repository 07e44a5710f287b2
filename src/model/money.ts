/**
 * Money: an exact decimal amount with its currency. value = units / 10^scale. Never a JS number.
 * Arithmetic and parsing live in src/util/money.ts.
 */
export interface Money {
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  units: bigint;
  scale: number;
}
