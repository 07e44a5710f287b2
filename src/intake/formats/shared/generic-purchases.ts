/**
 * Stage 2 (intake), shared by the generic purchase formats (purchases-csv, purchases-json): header names, dates
 * and currencies as both read them.
 *
 * ## Dates
 *
 * ISO 8601 with a zone (`2025-10-25T20:27:42Z`, `2025-10-25T15:27:42-05:00`), or local
 * `YYYY-MM-DD[ HH:MM[:SS]]` (or with "T"), read in the case time zone; the order's details then record the
 * time as given and the zone used. A date alone is read as 00:00 in that zone.
 *
 * ## Money
 *
 * Amounts are exact decimals as parseMoney reads them: `19.99`, `1,250.00`, `1.250,00`, `$19.99`, `(5.00)`.
 * In JSON write amounts as STRINGS. A JSON number is parsed into a binary float before this code sees it, so
 * `19.99` can no longer be told from 19.989999999999998 and a typo such as `19.999` would be rounded
 * silently; numbers are therefore refused, except whole numbers (`20`), which floats hold exactly.
 * Subtotal = Σ unit price × quantity (exact); Shipping, Tax and Total are reported as given, never derived.
 */
import type { Money } from "../../../model/money.js";
import type { OrderLine } from "../../../model/purchase.js";
import { MoneyFormatError, mulMoney, normalizeCurrency, sumMoney } from "../../../util/money.js";
import { isValidLocalDateTime, isValidTimeZone, localTimeInZoneToUtc, parseIsoInstant } from "../../../util/time.js";

/** "Ship-To City", "ship_to_city", "shipToCity" → "ship to city". */
export function normalizeHeader(h: string): string {
  return h
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

type DateResult = { ok: true; iso: string; local?: string } | { ok: false; problem: string };

/** A date as the generic format allows it; `local` is set when the case time zone was used. */
export function parseGenericDate(text: string, timeZone: string): DateResult {
  const t = text.trim();
  const iso = parseIsoInstant(t);
  if (iso) return { ok: true, iso };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  const expected = `expected ISO 8601 with a zone (2025-10-25T20:27:42Z) or a local time YYYY-MM-DD[ HH:MM[:SS]] read in ${timeZone}`;
  if (!m) return { ok: false, problem: `'${clip(t)}' is not a date: ${expected}` };
  const local = { year: +m[1], month: +m[2], day: +m[3], hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0 };
  if (!isValidLocalDateTime(local)) return { ok: false, problem: `'${clip(t)}' is not a real date and time` };
  if (!isValidTimeZone(timeZone))
    return { ok: false, problem: `'${clip(t)}' has no zone and the case time zone '${timeZone}' is not a known IANA zone` };
  const utc = localTimeInZoneToUtc(local, timeZone);
  if (!utc) return { ok: false, problem: `'${clip(t)}' does not exist in ${timeZone} (the clocks skipped it)` };
  return { ok: true, iso: utc, local: `${t}${m[4] ? "" : " (date only; read as 00:00)"} in ${timeZone}` };
}

export function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function readCurrency(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return normalizeCurrency(text);
  } catch (e) {
    if (e instanceof MoneyFormatError) return undefined;
    throw e;
  }
}

/** A purchase's amounts as the summary prints them: the subtotal of its lines, then shipping, tax and total when given. */
export function orderAmounts(
  lines: readonly OrderLine[],
  currency: string,
  given: (key: "shipping" | "tax" | "total") => Money | undefined,
): { label: string; amount: Money }[] {
  const amounts = [
    {
      label: "Subtotal",
      amount: sumMoney(
        lines.map((l) => mulMoney(l.unitPrice!, l.quantity)),
        currency,
      ),
    },
  ];
  for (const [key, label] of [
    ["shipping", "Shipping"],
    ["tax", "Tax"],
    ["total", "Total"],
  ] as const) {
    const m = given(key);
    if (m) amounts.push({ label, amount: m });
  }
  return amounts;
}
