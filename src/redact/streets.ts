/**
 * Stage 6 (redact), used while documents are built (stage 3): street lines of postal addresses in running text (an
 * e-mail's "Ship to" block, a chat message giving a delivery address, an export's address cell), for the case
 * setting `redaction.streetAddresses`. A street line is a house number, one to four words, a street type ("St",
 * "Avenue", "BLVD"), then optionally a direction and an apartment or suite: "2417 N Halsted St Apt 3",
 * "88 WEST LOOP RD, SUITE 200"; also "PO Box 1123". City, state and postal code are never part of it: they prove a
 * sale into the forum (only a ZIP+4's last four digits go, see ZIP_PLUS_4). Words must be capitalised (or in
 * capitals), as addresses are written, so "3 court shoes" is not a street. Addresses written name-first
 * ("Hauptstraße 12") are not recognised: name them in a case pattern.
 */

const TYPES = [
  "St",
  "Street",
  "Ave",
  "Av",
  "Avenue",
  "Rd",
  "Road",
  "Blvd",
  "Boulevard",
  "Dr",
  "Drive",
  "Ln",
  "Lane",
  "Ct",
  "Court",
  "Way",
  "Pl",
  "Place",
  "Hwy",
  "Highway",
  "Pkwy",
  "Parkway",
  "Cir",
  "Circle",
  "Ter",
  "Terrace",
  "Trl",
  "Trail",
  "Sq",
  "Square",
  "Loop",
  "Plaza",
  "Pike",
  "Alley",
  "Expy",
  "Expressway",
];
const UNITS = ["Apt", "Apartment", "Suite", "Ste", "Unit", "Fl", "Floor", "Rm", "Room", "Bldg", "Building", "Lot", "Spc", "Trlr"];
const DIRECTIONS = ["N", "S", "E", "W", "NE", "NW", "SE", "SW", "North", "South", "East", "West"];

/** A word as written in an address: "Street" or "STREET". */
const asWritten = (words: readonly string[]) => words.flatMap((w) => [w, w.toUpperCase()]).join("|");

const HOUSE = String.raw`\d{1,6}(?:-?[A-Za-z])?(?:-\d{1,6})?`;
const NAME = String.raw`(?:[A-Z][A-Za-z'’.-]*|\d{1,4}(?:st|nd|rd|th|ST|ND|RD|TH))`;
const TYPE = String.raw`(?:${asWritten(TYPES)})\.?`;
const DIRECTION = String.raw`(?:${asWritten(DIRECTIONS)})\.?`;
const UNIT = String.raw`(?:(?:${asWritten(UNITS)})\.?[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{1,6}`;
const PO_BOX = String.raw`(?:P\.?[ \t]?O\.?|Post Office|POST OFFICE)[ \t]+(?:Box|BOX)[ \t]+\d{1,8}`;
const STREET_LINE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${HOUSE}(?:[ \t]+${NAME}){1,4}[ \t]+${TYPE}(?:[ \t]+${DIRECTION})?(?:,?[ \t]+${UNIT})?|${PO_BOX})` +
    String.raw`(?![\p{L}\p{N}])`,
  "gu",
);

/**
 * The "+4" of a ZIP+4 after a state's two-letter code ("IL 60614-3318" → its "3318"): it narrows an address to a
 * building or one side of a block, so it goes with the street line; the five-digit ZIP stays (forum evidence).
 */
const ZIP_PLUS_4 = /(?<=(?<![\p{L}\p{N}])[A-Z]{2}\.?,?[ \t]+\d{5}[ \t]?[-–][ \t]?)\d{4}(?![\p{L}\p{N}])/gu;

/** The "+4" digits of a ZIP+4 written after a state code, as spans. */
export function findZipExtensions(text: string): { start: number; end: number }[] {
  return [...text.matchAll(ZIP_PLUS_4)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A line that is an apartment or suite alone ("Unit 2", "APT 3B"): an address's second line, as forms print it. */
// Alone on a line, the unit's designator must look like one (a number, or one letter: "Unit 2", "APT 3B", "Suite C"), so
// a table heading such as "Unit price" is not taken for an address's second line.
const UNIT_ALONE = String.raw`(?:(?:${asWritten(UNITS)})\.?[ \t]*#?|#)[ \t]*(?:[A-Za-z]?\d[A-Za-z0-9-]{0,5}|[A-Za-z])(?![A-Za-z0-9-])`;
const UNIT_LINE = new RegExp(String.raw`(?<=^|\n)[ \t]*${UNIT_ALONE}[ \t]*(?=\n|$)`, "gu");

/**
 * Every street line in a text; and, in a text that has one, every line that is an apartment or suite alone (the
 * second address line of a checkout form or a label, printed under the street line or under its field's name).
 */
export function findStreetLines(text: string): { start: number; end: number }[] {
  const streets = [...text.matchAll(STREET_LINE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const zips = findZipExtensions(text);
  // A ZIP+4 alone does not make a line that reads "Unit price" an address's second line: only a street line does.
  if (streets.length === 0) return zips;
  streets.push(...zips);
  const units = [...text.matchAll(UNIT_LINE)]
    .map((m) => ({ start: m.index + (m[0].length - m[0].trimStart().length), end: m.index + m[0].trimEnd().length }))
    .filter((u) => !streets.some((s) => u.start < s.end && s.start < u.end));
  return [...streets, ...units].sort((a, b) => a.start - b.start);
}
