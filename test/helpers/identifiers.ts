/**
 * Evidence identifiers that redaction must never touch, and the numbers it must mask: invented, correctly shaped,
 * with the check digit right wherever a scheme has one (the check functions below recompute each). Shared by the
 * rules' unit tests (test/redact) and the public twin's end-to-end test (test/e2e/redaction-evidence.test.ts).
 */

/** UPS 1Z: the 15 characters after "1Z" (letters as (A=2, B=3, … mod 10)), odd places ×1, even ×2; check = 10 − sum mod 10. */
export function upsCheck(body: string): number {
  let sum = 0;
  [...body].forEach((c, i) => {
    const v = /\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10;
    sum += v * (i % 2 === 1 ? 2 : 1);
  });
  return (10 - (sum % 10)) % 10;
}

/** USPS IMpb (and FedEx Ground / SmartPost): weights 3, 1, 3, … from the right; check = 10 − sum mod 10. */
export function mod10Check(digits: string): number {
  const sum = [...digits].reverse().reduce((n, c, i) => n + Number(c) * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}

/** UPU S10 (XX123456789YY): weights 8 6 4 2 3 5 9 7 on the serial; 11 − sum mod 11, 10 → 0, 11 → 5. */
export function s10Check(serial: string): number {
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  const c = 11 - ([...serial].reduce((n, d, i) => n + Number(d) * w[i], 0) % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** FedEx Express 12 digits: weights 1, 3, 7 from the right on the first 11; check = sum mod 11 (10 → 0). */
export function fedex12Check(digits: string): number {
  const w = [1, 3, 7];
  return ([...digits].reverse().reduce((n, d, i) => n + Number(d) * w[i % 3], 0) % 11) % 10;
}

/** DHL Express waybill (10 digits): the first nine as a number, mod 7. */
export function dhl10Check(digits: string): number {
  return Number(digits) % 7;
}

export interface Identifier {
  kind: string;
  value: string;
  /** Whether its check digit (when its scheme has one) is right. */
  checks: () => boolean;
}

const last = (s: string) => Number(s[s.length - 1]);
const none = () => true;

/** Identifiers that prove a sale: they must survive redaction in every document of the public twin. */
export const EVIDENCE_IDENTIFIERS: readonly Identifier[] = [
  { kind: "UPS 1Z", value: "1Z4E8V270312345678", checks: () => upsCheck("4E8V27031234567") === 8 },
  { kind: "UPS 1Z (letters)", value: "1ZX8W617YW55120460", checks: () => upsCheck("X8W617YW5512046") === 0 },
  { kind: "USPS IMpb 22", value: "9400111899223817364525", checks: () => mod10Check("940011189922381736452") === 5 },
  { kind: "USPS IMpb 22 grouped", value: "9400 1118 9922 3817 3645 25", checks: () => mod10Check("940011189922381736452") === 5 },
  { kind: "USPS 20", value: "92055901649173127513", checks: () => mod10Check("9205590164917312751") === 3 },
  { kind: "USPS international S10", value: "EC610273549US", checks: () => s10Check("61027354") === 9 },
  { kind: "FedEx 12", value: "771258049368", checks: () => fedex12Check("77125804936") === 8 },
  { kind: "FedEx 15", value: "612999987654322", checks: () => mod10Check("61299998765432") === 2 },
  { kind: "FedEx 20", value: "02014820365917284754", checks: () => mod10Check("0201482036591728475") === 4 },
  { kind: "FedEx 22", value: "9612900124581032658741", checks: () => mod10Check("961290012458103265874") === 1 },
  { kind: "DHL Express 10", value: "3846201575", checks: () => dhl10Check("384620157") === last("3846201575") },
  { kind: "DHL eCommerce JD", value: "JD014600006281935472", checks: none },
  { kind: "China Post LS…CN", value: "LS482150671CN", checks: () => s10Check("48215067") === 1 },
  { kind: "China Post RR…CN", value: "RR309182745CN", checks: () => s10Check("30918274") === 5 },
  { kind: "YunExpress YT", value: "YT2312521266041873", checks: none },
  { kind: "4PX", value: "4PX3001849265173CN", checks: none },
  { kind: "Cainiao LP", value: "LP00479573286316", checks: none },
  { kind: "Amazon order id", value: "114-7730215-6620491", checks: none },
  { kind: "Amazon order id (EU)", value: "403-5518207-9934712", checks: none },
  { kind: "ASIN", value: "B0C7XK2M9Q", checks: none },
  { kind: "PayPal transaction id", value: "8MC58520K7463922H", checks: none },
  { kind: "PayPal transaction id (letter first)", value: "DE12F74830K556124", checks: none },
  { kind: "Amazon TBA shipment id", value: "TBA312845670001", checks: none },
];

/** Real-shaped card numbers (the schemes' published test numbers): masked to their last four. */
export const CARD_NUMBERS: readonly { issuer: string; value: string }[] = [
  { issuer: "Visa 16", value: "4111 1111 1111 1111" },
  { issuer: "Visa 13", value: "4222222222222" },
  { issuer: "Mastercard", value: "5555-5555-5555-4444" },
  { issuer: "Mastercard 2-series", value: "2223000048400011" },
  { issuer: "American Express", value: "3782 822463 10005" },
  { issuer: "Discover", value: "6011 1111 1111 1117" },
  { issuer: "JCB", value: "3530111333300000" },
  { issuer: "Diners Club", value: "3056 9309 0259 04" },
  { issuer: "UnionPay", value: "6200000000000005" },
];

/** IBANs as the IBAN registry prints its examples: masked to the country code and last four. */
export const IBANS: readonly string[] = [
  "DE89 3704 0044 0532 0130 00",
  "GB29 NWBK 6016 1331 9268 19",
  "NL91ABNA0417164300",
  "FR14 2004 1010 0505 0001 3M02 606",
  "NO93 8601 1117 947",
];

/** Near misses: the shape without the check (or the check without the shape). Left alone. */
export const NEAR_MISSES: readonly { why: string; value: string }[] = [
  { why: "IBAN with a wrong check", value: "DE89 3704 0044 0532 0130 01" },
  { why: "IBAN of the wrong length for its country", value: "DE89 3704 0044 0532 0130 0" },
  { why: "IBAN-like, no such country", value: "YT23 1252 1266 0418 73" },
  { why: "Luhn-invalid 16 digits", value: "4111 1111 1111 1112" },
  { why: "Luhn-valid, but no issuer starts so", value: "9999 9999 9999 9995" },
  { why: "Luhn-valid Visa prefix, but 15 digits", value: "411111111111116" },
];
