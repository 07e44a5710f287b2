/**
 * Exact decimal money: `units / 10^scale` as a bigint, with the currency on every amount (DOMAIN.md §6.5).
 * No JavaScript number ever carries an amount; numbers appear only as quantities and scales.
 *
 * Conventions:
 * - Parsed amounts get at least the currency's minor-unit scale ("84" USD → 8400 × 10^-2); more decimals
 *   than that are kept, never rounded ("0.835" USD stays 835 × 10^-3).
 * - Arithmetic on two amounts gives the larger of their scales. Nothing rounds except `roundHalfUp`,
 *   which a caller uses once, at a documented point.
 * - Mixing currencies throws CurrencyMismatchError; there is no conversion.
 */
import type { Money } from "../model/money.js";
import { ExhibitsError } from "./errors.js";

/** The text is not an amount. A user-input error; parsers rethrow it as InvalidInputError with file:line. */
export class MoneyFormatError extends ExhibitsError {
  constructor(
    readonly text: string,
    readonly reason: string,
  ) {
    super(`'${clip(text)}' is not an amount: ${reason}`);
  }
}

/** Two amounts in different currencies were combined. Callers check currencies first, so this is a bug. */
export class CurrencyMismatchError extends Error {
  constructor(a: string, b: string) {
    super(`cannot combine ${a} and ${b} amounts (no currency conversion)`);
    this.name = "CurrencyMismatchError";
  }
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// --- currencies --------------------------------------------------------------------------------------

const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/** Digits after the decimal point in the currency's minor unit (ISO 4217): 2 unless listed otherwise. */
export function minorUnits(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** Normalise and check an ISO 4217-shaped code ("usd" → "USD"); throws MoneyFormatError otherwise. */
export function normalizeCurrency(currency: string): string {
  const c = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw new MoneyFormatError(currency, "the currency must be a three-letter ISO 4217 code such as USD");
  return c;
}

/** Currency symbols accepted in amounts, and the codes each may stand for. */
const DOLLAR_CURRENCIES = ["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "ARS", "CLP", "COP"];
const SYMBOLS: [string, string[]][] = [
  // Longest first: "US$" must win over "$".
  ["US$", ["USD"]],
  ["CA$", ["CAD"]],
  ["AU$", ["AUD"]],
  ["NZ$", ["NZD"]],
  ["HK$", ["HKD"]],
  ["C$", ["CAD"]],
  ["A$", ["AUD"]],
  ["S$", ["SGD"]],
  ["R$", ["BRL"]],
  ["$", DOLLAR_CURRENCIES],
  ["€", ["EUR"]],
  ["£", ["GBP"]],
  ["¥", ["JPY", "CNY"]],
  ["￥", ["JPY", "CNY"]],
  ["₹", ["INR"]],
  ["₩", ["KRW"]],
  ["₽", ["RUB"]],
  ["₺", ["TRY"]],
  ["₪", ["ILS"]],
  ["zł", ["PLN"]],
  ["kr", ["SEK", "NOK", "DKK", "ISK"]],
];

// --- parsing -----------------------------------------------------------------------------------------

/** Cells that mean "no amount" in exports: Amazon's Not Available / Not Applicable, blanks, dashes. */
const SENTINELS = new Set(["", "not available", "not applicable", "n/a", "na", "-", "--", "—", "–"]);

export function isMoneySentinel(text: string): boolean {
  return SENTINELS.has(text.trim().toLowerCase());
}

const MINUS = new Set(["-", "−", "‐", "‒", "–"]);
/** Grouping (thousands) marks besides "." and ",": space, no-break spaces, apostrophes (Swiss). */
const GROUP_MARKS = new Set([" ", "\u00a0", "\u202f", "\u2009", "'", "’"]);
const MAX_INTEGER_DIGITS = 24;
const MAX_FRACTION_DIGITS = 12;

export interface ParseMoneyOptions {
  /**
   * The file's decimal separator when the caller knows it (a German PayPal export uses ","). Without it, a
   * lone separator followed by exactly three digits after a 1–3 digit integer part ("1,250", "1.250") is a
   * thousands separator, except for three-decimal currencies (KWD, BHD, …); otherwise it is the decimal mark.
   */
  decimalSeparator?: "." | ",";
}

/**
 * Read an amount as exported. Accepts `1,250.00`, `-23,00`, `1.250,00`, `$1,110.03`, `€12,50`, `12,50 €`,
 * `USD 12.00`, `'-0.68'` (Amazon's odd quoting), `(12.00)` and `12.00-` as negatives, U+2212 minus,
 * surrounding whitespace and space/NBSP/apostrophe digit grouping. Returns undefined for the sentinels
 * (`Not Available`, `Not Applicable`, `N/A`, `-`, empty). Throws MoneyFormatError for anything else,
 * including a symbol or code for another currency ("€5" read as USD).
 */
export function parseMoney(text: string, currency: string, opts: ParseMoneyOptions = {}): Money | undefined {
  const cur = normalizeCurrency(currency);
  let s = text.trim();
  if (SENTINELS.has(s.toLowerCase())) return undefined;
  // Outer quote pairs ("'-0.68'" arrives from the CSV reader as '-0.68'), then an Excel text-marker apostrophe.
  for (let i = 0; i < 3; i++) {
    const q = s[0];
    if (s.length >= 2 && (q === "'" || q === '"' || q === "‘" || q === "’") && s[s.length - 1] === (q === "‘" ? "’" : q))
      s = s.slice(1, -1).trim();
    else break;
  }
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (SENTINELS.has(s.toLowerCase())) return undefined;
  if (s === "") throw new MoneyFormatError(text, "no digits");

  let negative = false;
  let signs = 0;
  let symbol: string | undefined;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    signs++;
    s = s.slice(1, -1).trim();
  }
  // Peel signs and currency markers off both ends.
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    if (s.length && MINUS.has(s[0])) {
      negative = true;
      signs++;
      s = s.slice(1).trimStart();
    } else if (s.startsWith("+")) {
      signs++;
      s = s.slice(1).trimStart();
    } else if (s.length && MINUS.has(s[s.length - 1])) {
      negative = true;
      signs++;
      s = s.slice(0, -1).trimEnd();
    } else {
      const lead = currencyMarkerAt(s, "start");
      const trail = lead ? undefined : currencyMarkerAt(s, "end");
      const marker = lead ?? trail;
      if (marker) {
        if (symbol !== undefined) throw new MoneyFormatError(text, "more than one currency marker");
        symbol = marker;
        s = lead ? s.slice(marker.length).trimStart() : s.slice(0, -marker.length).trimEnd();
      }
    }
    if (s === before) break;
  }
  if (signs > 1) throw new MoneyFormatError(text, "more than one sign");
  if (symbol !== undefined) checkMarker(text, symbol, cur);
  const { intDigits, fracDigits } = splitNumber(text, s, cur, opts);
  const minor = minorUnits(cur);
  const frac = fracDigits.length < minor ? fracDigits.padEnd(minor, "0") : fracDigits;
  let units = BigInt((intDigits || "0") + frac);
  if (negative) units = -units;
  return { currency: cur, units, scale: frac.length };
}

/** A currency symbol or code at one end of s, or undefined. Codes need a word boundary ("USD12" is fine). */
function currencyMarkerAt(s: string, end: "start" | "end"): string | undefined {
  for (const [sym] of SYMBOLS) if (end === "start" ? s.startsWith(sym) : s.endsWith(sym)) return sym;
  const code = end === "start" ? /^[A-Za-z]{3}(?![A-Za-z])/.exec(s) : /(?<![A-Za-z])[A-Za-z]{3}$/.exec(s);
  return code?.[0];
}

function checkMarker(text: string, marker: string, cur: string): void {
  const sym = SYMBOLS.find(([s]) => s === marker);
  if (sym) {
    if (!sym[1].includes(cur)) throw new MoneyFormatError(text, `the symbol ${marker} does not stand for ${cur}`);
    return;
  }
  if (marker.toUpperCase() !== cur) throw new MoneyFormatError(text, `the amount is marked ${marker}, but the currency is ${cur}`);
}

function splitNumber(text: string, core: string, cur: string, opts: ParseMoneyOptions): { intDigits: string; fracDigits: string } {
  if (core === "") throw new MoneyFormatError(text, "no digits");
  for (const c of core) {
    if (!((c >= "0" && c <= "9") || c === "." || c === "," || GROUP_MARKS.has(c))) {
      throw new MoneyFormatError(text, `unexpected character '${c}'`);
    }
  }
  if (!/[0-9]/.test(core)) throw new MoneyFormatError(text, "no digits");
  const lastDot = core.lastIndexOf(".");
  const lastComma = core.lastIndexOf(",");
  const count = (ch: string) => core.split(ch).length - 1;
  let decimal: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? "." : ",";
    if (count(decimal) > 1) throw new MoneyFormatError(text, "the decimal mark appears twice");
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    if (count(sep) > 1) decimal = undefined;
    else if (opts.decimalSeparator) decimal = opts.decimalSeparator === sep ? sep : undefined;
    else {
      const [before, after] = core.split(sep);
      const looksGrouped = /^[0-9]{3}$/.test(after) && /^[1-9][0-9]{0,2}$/.test(before) && minorUnits(cur) !== 3;
      decimal = looksGrouped ? undefined : sep;
    }
  }
  let intPart = core;
  let fracPart = "";
  if (decimal !== undefined) {
    const at = core.lastIndexOf(decimal);
    intPart = core.slice(0, at);
    fracPart = core.slice(at + 1);
    if (!/^[0-9]+$/.test(fracPart)) throw new MoneyFormatError(text, "digits must follow the decimal mark");
  }
  // The integer part: plain digits, or groups of three after a 1–3 digit head, with one kind of mark.
  if (intPart !== "" && !/^[0-9]+$/.test(intPart)) {
    const marks = new Set([...intPart].filter((c) => !(c >= "0" && c <= "9")));
    if (marks.size !== 1) throw new MoneyFormatError(text, "mixed digit-grouping marks");
    const [mark] = marks;
    if (mark === decimal) throw new MoneyFormatError(text, "the decimal mark appears twice");
    const groups = intPart.split(mark);
    if (!/^[0-9]{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^[0-9]{3}$/.test(g))) {
      throw new MoneyFormatError(text, "digit groups must have three digits");
    }
    intPart = groups.join("");
  }
  if (intPart === "" && fracPart === "") throw new MoneyFormatError(text, "no digits");
  intPart = intPart.replace(/^0+(?=[0-9])/, "");
  if (intPart.length > MAX_INTEGER_DIGITS) throw new MoneyFormatError(text, "too many digits");
  if (fracPart.length > MAX_FRACTION_DIGITS) throw new MoneyFormatError(text, `more than ${MAX_FRACTION_DIGITS} decimals`);
  return { intDigits: intPart, fracDigits: fracPart };
}

// --- construction and arithmetic ---------------------------------------------------------------------

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > 30) throw new RangeError(`money scale must be an integer 0–30, got ${scale}`);
}

/** A Money value; `money("USD", 1999n, 2)` is $19.99. */
export function money(currency: string, units: bigint, scale: number): Money {
  checkScale(scale);
  return { currency: normalizeCurrency(currency), units, scale };
}

/** Zero in the currency, at its minor-unit scale. */
export function zeroMoney(currency: string): Money {
  const c = normalizeCurrency(currency);
  return { currency: c, units: 0n, scale: minorUnits(c) };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** The same amount at a scale at least as large (exact). */
function widen(m: Money, scale: number): bigint {
  return m.units * pow10(scale - m.scale);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  const scale = Math.max(a.scale, b.scale);
  return { currency: a.currency, units: widen(a, scale) + widen(b, scale), scale };
}

export function subtractMoney(a: Money, b: Money): Money {
  return addMoney(a, negate(b));
}

/** Sum in one currency; an empty list gives zero at the currency's minor-unit scale. */
export function sumMoney(list: readonly Money[], currency: string): Money {
  let total = zeroMoney(currency);
  for (const m of list) total = addMoney(total, m);
  return total;
}

/** Amount × whole quantity (exact). A number must be a safe integer: quantities are counts, not rates. */
export function mulMoney(m: Money, quantity: number | bigint): Money {
  if (typeof quantity === "number" && !Number.isSafeInteger(quantity))
    throw new RangeError(`quantity must be a whole number, got ${quantity}`);
  return { currency: m.currency, units: m.units * BigInt(quantity), scale: m.scale };
}

export function negate(m: Money): Money {
  return { currency: m.currency, units: -m.units, scale: m.scale };
}

/** −1, 0 or 1 by value (scales may differ: 1.5 = 1.50). Same currency required. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  const scale = Math.max(a.scale, b.scale);
  const x = widen(a, scale);
  const y = widen(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && compareMoney(a, b) === 0;
}

export function isZeroMoney(m: Money): boolean {
  return m.units === 0n;
}

/** The same value at another scale. Throws RangeError when digits would be lost (use roundHalfUp for that). */
export function rescale(m: Money, scale: number): Money {
  checkScale(scale);
  if (scale >= m.scale) return { currency: m.currency, units: widen(m, scale), scale };
  const div = pow10(m.scale - scale);
  if (m.units % div !== 0n)
    throw new RangeError(`${moneyToDecimalString(m)} ${m.currency} has more than ${scale} decimals; rescaling would lose digits`);
  return { currency: m.currency, units: m.units / div, scale };
}

/**
 * Round to `scale` decimals, half away from zero ("commercial" half-up: 0.125 → 0.13, −0.125 → −0.13,
 * 0.124 → 0.12). The only rounding in this module; call it once, at the point the damages table documents,
 * and sum already-rounded rows so printed totals add up (DOMAIN.md §6.5). Rounding to a larger scale is exact.
 */
export function roundHalfUp(m: Money, scale: number): Money {
  checkScale(scale);
  if (scale >= m.scale) return rescale(m, scale);
  const div = pow10(m.scale - scale);
  const abs = m.units < 0n ? -m.units : m.units;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return { currency: m.currency, units: m.units < 0n ? -q : q, scale };
}

// --- output ------------------------------------------------------------------------------------------

/** "-1250.00": plain decimal at the amount's own scale, no grouping, "-" for negatives. Exact. */
export function moneyToDecimalString(m: Money): string {
  const neg = m.units < 0n;
  const digits = (neg ? -m.units : m.units).toString().padStart(m.scale + 1, "0");
  const int = digits.slice(0, digits.length - m.scale);
  const frac = m.scale ? `.${digits.slice(digits.length - m.scale)}` : "";
  return `${neg ? "-" : ""}${int}${frac}`;
}

const DISPLAY_SYMBOL: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥" };

/**
 * For people: "$1,250.00", "€12.50", "£3.00", "¥500"; every other currency by its code, "CAD 1,250.00"
 * (a bare "$" would be ambiguous in an exhibit). Negative: "-$5.00", "-CAD 5.00". Always "," grouping and
 * "." decimals (US court papers). Shows at least the currency's minor units and never hides digits: an
 * amount with more decimals prints them all (round first with roundHalfUp if a table needs cents).
 */
export function formatMoney(m: Money): string {
  const shown = m.scale < minorUnits(m.currency) ? rescale(m, minorUnits(m.currency)) : m;
  const plain = moneyToDecimalString(shown);
  const neg = plain.startsWith("-");
  const [int, frac] = (neg ? plain.slice(1) : plain).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const number = frac !== undefined ? `${grouped}.${frac}` : grouped;
  const sym = DISPLAY_SYMBOL[m.currency];
  return `${neg ? "-" : ""}${sym ?? `${m.currency} `}${number}`;
}
