/**
 * Stage 6 (redact), used while documents are built (stage 3): what makes a number a financial account rather than
 * evidence. A parcel tracking number, an order id or a transaction id can look like a card number or an IBAN, and
 * they are what proves the sale, so a number is masked only when it is one by its own check digits and shape:
 * - a card number passes the Luhn check, and its length is one its issuer (by the leading digits) issues;
 * - an IBAN has a country of the IBAN registry, exactly that country's length, and passes the mod-97 check.
 * A random string passes a check of this kind once in 10 (Luhn) or 97 (IBAN) tries, and must also have the shape.
 */

/** Luhn (ISO/IEC 7812): from the right, every second digit doubled (digits of the product summed); the sum ends in 0. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Card issuers: their leading digits ("34", or a range of equally long prefixes "2221-2720") and the lengths their
 * numbers have (ISO/IEC 7812 issuer identification, as the schemes publish them).
 */
export const CARD_ISSUERS: readonly { name: string; prefixes: readonly string[]; lengths: readonly number[] }[] = [
  { name: "Visa", prefixes: ["4"], lengths: [13, 16, 19] },
  { name: "Mastercard", prefixes: ["51-55", "2221-2720"], lengths: [16] },
  { name: "American Express", prefixes: ["34", "37"], lengths: [15] },
  { name: "Discover", prefixes: ["6011", "644-649", "65", "622126-622925"], lengths: [16, 17, 18, 19] },
  { name: "JCB", prefixes: ["3528-3589"], lengths: [16, 17, 18, 19] },
  { name: "UnionPay", prefixes: ["62"], lengths: [16, 17, 18, 19] },
  { name: "Diners Club", prefixes: ["36", "300-305", "3095", "38-39"], lengths: [14, 15, 16, 17, 18, 19] },
  { name: "Maestro", prefixes: ["5018", "5020", "5038", "5893", "6304", "6759", "6761-6763"], lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { name: "Mir", prefixes: ["2200-2204"], lengths: [16, 17, 18, 19] },
];

function hasPrefix(digits: string, prefix: string): boolean {
  const [lo, hi = lo] = prefix.split("-");
  const head = Number(digits.slice(0, lo.length));
  return digits.length >= lo.length && head >= Number(lo) && head <= Number(hi);
}

/** The issuer whose prefix and length a digit string has, when it also passes the Luhn check. */
export function cardIssuer(digits: string): string | undefined {
  if (!/^\d+$/.test(digits) || !luhn(digits)) return undefined;
  return CARD_ISSUERS.find((i) => i.lengths.includes(digits.length) && i.prefixes.some((p) => hasPrefix(digits, p)))?.name;
}

/** Each country of the SWIFT IBAN registry (ISO 13616) and its IBAN length, country code and check digits included. */
const IBAN_REGISTRY =
  "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 " +
  "FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 " +
  "LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 " +
  "SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(IBAN_REGISTRY.split(" ").map((e) => [e.slice(0, 2), Number(e.slice(2))]));

/** ISO 7064 mod 97-10 on an IBAN without spaces: the first four characters moved to the end, letters as 10–35, remainder 1. */
export function ibanChecks(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

const IBAN_START = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}/g;
const IBAN_CHAR = /[A-Z0-9]/;

/**
 * Every IBAN in a text: a registry country, then exactly that country's number of letters and digits (a single space
 * may separate any two, as IBANs are printed in groups of four), not running on into a longer word, mod-97 valid.
 */
export function findIbans(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS.get(m[1]);
    if (length === undefined) continue;
    const start = m.index;
    let i = start + 4;
    let n = 4;
    while (n < length && i < text.length) {
      if (IBAN_CHAR.test(text[i])) {
        n++;
        i++;
      } else if (text[i] === " " && IBAN_CHAR.test(text[i + 1] ?? "")) i++;
      else break;
    }
    if (n < length || /[A-Za-z0-9]/.test(text[i] ?? "")) continue;
    if (ibanChecks(text.slice(start, i).replace(/ /g, ""))) found.push({ start, end: i });
  }
  return found;
}

/** An IBAN as the public filing may show it: the country code and the last four characters; the rest becomes X. */
export function maskIban(iban: string): string {
  const total = (iban.slice(2).match(/[A-Z0-9]/g) ?? []).length;
  let seen = 0;
  return iban.slice(0, 2) + iban.slice(2).replace(/[A-Z0-9]/g, (c) => (++seen > total - 4 ? c : "X"));
}
