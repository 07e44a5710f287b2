/**
 * Stage 2 (intake), shared by the purchase-record formats: a CSV's header cells, the lines an order was read from,
 * and a one-line postal address split into its parts.
 */
import type { Address } from "../../../model/purchase.js";

/** The cells of the first line, quotes stripped; good enough to recognise a header. */
export function firstLineCells(text: string): string[] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = t.search(/\r?\n/);
  const line = end === -1 ? t : t.slice(0, end);
  const d = [",", ";", "\t"].map((c) => [c, line.split(c).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  return line.split(d).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
}

/**
 * "lines 2–3", "line 5", "lines 2–3, 7": the starting lines of the rows, runs of adjacent table rows
 * collapsed. `index` is the row's position in the table (so a row spanning two lines is still adjacent).
 */
export function describeLines(rows: { line: number; index: number }[]): string {
  const sorted = [...rows].sort((a, b) => a.index - b.index);
  const runs: { from: number; to: number; lastIndex: number }[] = [];
  for (const r of sorted) {
    const run = runs[runs.length - 1];
    if (run && r.index === run.lastIndex + 1) {
      run.to = r.line;
      run.lastIndex = r.index;
    } else runs.push({ from: r.line, to: r.line, lastIndex: r.index });
  }
  const text = runs.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(", ");
  return sorted.length === 1 ? `line ${text}` : `lines ${text}`;
}

const US_STATES = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX " +
    "UT VT VA WA WV WI WY PR GU VI AS MP AA AE AP"
  ).split(" "),
);
const CA_PROVINCES = new Set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "));
const UNIT_WORDS = new Set([
  "APT",
  "APT.",
  "APARTMENT",
  "STE",
  "STE.",
  "SUITE",
  "UNIT",
  "FL",
  "FLOOR",
  "BLDG",
  "RM",
  "ROOM",
  "DEPT",
  "#",
  "LOT",
  "SPC",
  "TRLR",
]);
const STREET_SUFFIXES = new Set(
  // Street types, and the directions that may follow them ("12 Queen St W").
  (
    "ST ST. STREET AVE AVE. AVENUE RD RD. ROAD BLVD BLVD. DR DR. DRIVE LN LANE CT COURT WAY PL PLACE HWY PKWY PARKWAY CIR TER TERRACE " +
    "TRL SQ N S E W NE NW SE SW"
  ).split(" "),
);
const COUNTRY_SUFFIXES: [RegExp, string][] = [
  [/[\s,]+(United States of America|United States|USA|U\.S\.A\.|US)$/i, "United States"],
  [/[\s,]+(Canada)$/i, "Canada"],
];

/**
 * Best-effort split of a one-line address as exported ("Renata Delgado 2417 N Halsted St APT 3 CHICAGO IL
 * 60614-3301 United States", or the same with commas) into name, street, city, state, postal code and
 * country. US (state + ZIP) and Canadian (province + postal code) endings are recognised; anything else
 * keeps only `raw`. The raw text is always kept, so a wrong guess never loses information.
 */
export function parseAddressText(raw: string): Address {
  const addr: Address = { raw };
  let s = raw.replace(/\s+/g, " ").trim();
  for (const [re, country] of COUNTRY_SUFFIXES) {
    const m = re.exec(s);
    if (m) {
      addr.country = country;
      s = s.slice(0, m.index).trim();
      break;
    }
  }
  const us = /(?:^|[\s,]+)([A-Za-z]{2})[\s,]+(\d{5}(?:-\d{4})?)$/.exec(s);
  const ca = /(?:^|[\s,]+)([A-Za-z]{2})[\s,]+([A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d)$/.exec(s);
  let rest: string;
  if (us && US_STATES.has(us[1].toUpperCase())) {
    addr.state = us[1].toUpperCase();
    addr.postalCode = us[2];
    rest = s.slice(0, us.index).replace(/[\s,]+$/, "");
  } else if (ca && CA_PROVINCES.has(ca[1].toUpperCase())) {
    addr.state = ca[1].toUpperCase();
    addr.postalCode = ca[2].toUpperCase();
    rest = s.slice(0, ca.index).replace(/[\s,]+$/, "");
  } else {
    if (addr.country === undefined) return { raw };
    return addr;
  }
  if (rest.includes(",")) {
    const parts = rest
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const city = parts.pop();
    if (city) addr.city = city;
    if (parts.length > 0 && !/\d/.test(parts[0]) && parts.length > 1) addr.name = parts.shift();
    if (parts.length > 0) addr.street = parts.join(", ");
    return addr;
  }
  const tokens = rest.split(" ").filter(Boolean);
  const isWord = (t: string) => /^[A-Za-z][A-Za-z.'-]*$/.test(t);
  const isCaps = (t: string) => isWord(t) && t === t.toUpperCase();
  const isCapitalised = (t: string) => isWord(t) && /^[A-Z]/.test(t);
  const stopper = (i: number) =>
    UNIT_WORDS.has(tokens[i].toUpperCase()) ||
    STREET_SUFFIXES.has(tokens[i].toUpperCase()) ||
    (i > 0 && UNIT_WORDS.has(tokens[i - 1].toUpperCase()));
  // Amazon writes the city in capitals after a mixed-case street; otherwise take the run of capitalised words.
  const mixedCase = tokens.some((t) => /[a-z]/.test(t));
  const inCity = mixedCase && tokens.some((t, i) => isCaps(t) && !stopper(i) && t.length > 1) ? isCaps : isCapitalised;
  let i = tokens.length - 1;
  while (i >= 0 && inCity(tokens[i]) && !stopper(i)) i--;
  if (i < tokens.length - 1) addr.city = tokens.slice(i + 1).join(" ");
  const before = tokens.slice(0, i + 1);
  const streetStart = before.findIndex((t, k) => /^\d/.test(t) || (/^P\.?O\.?$/i.test(t) && /^BOX$/i.test(before[k + 1] ?? "")));
  if (streetStart >= 0) {
    if (streetStart > 0) addr.name = before.slice(0, streetStart).join(" ");
    addr.street = before.slice(streetStart).join(" ");
  }
  return addr;
}
