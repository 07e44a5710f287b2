/** PayPal activity dates: day/month order decided per file, zone abbreviations mapped explicitly, each row's instant. */
import { clip, FIELDS, type Field } from "./fields.js";
import type { PayPalDateOrder } from "./parse.js";
import type { CsvRow } from "../../../util/csv.js";
import { InvalidInputError } from "../../../util/errors.js";
import { isValidTimeZone, localTimeAtOffsetToUtc, localTimeInZoneToUtc, type LocalDateTime } from "../../../util/time.js";

/**
 * Time-zone abbreviations PayPal prints, as minutes east of UTC. Explicit on purpose: no library guess.
 * CST is US Central (PayPal's US exports), not China; IST is left out because it is ambiguous
 * (India +5:30, Ireland +1, Israel +2).
 */
export const PAYPAL_TIME_ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MEZ: 60,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  HST: -600,
  HAST: -600,
  HADT: -540,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

export interface DateParts {
  a: number;
  b: number;
  c: number;
  sep: string;
  ymd: boolean;
}

export function splitDate(raw: string): DateParts | undefined {
  const m = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$/.exec(raw);
  if (!m) return undefined;
  const ymd = m[1].length === 4;
  if (!ymd && m[4].length !== 4) return undefined;
  if (ymd && m[4].length > 2) return undefined;
  return { a: +m[1], b: +m[3], c: +m[4], sep: m[2], ymd };
}

export function decideDateOrder(
  dates: { row: CsvRow; parts: DateParts }[],
  file: string,
  german: boolean,
  forced: PayPalDateOrder | undefined,
): { order: PayPalDateOrder; note?: string } {
  if (forced) return { order: forced };
  const dayFirst = dates.find((d) => !d.parts.ymd && d.parts.a > 12);
  const monthFirst = dates.find((d) => !d.parts.ymd && d.parts.b > 12);
  if (dayFirst && monthFirst) {
    const later = dayFirst.row.line > monthFirst.row.line ? dayFirst : monthFirst;
    throw new InvalidInputError(
      { file, line: later.row.line, field: FIELDS.date[0] },
      `dates mix day-first (line ${dayFirst.row.line}) and month-first (line ${monthFirst.row.line}) order; fix the file or set dateOrder`,
    );
  }
  if (dayFirst) return { order: "dmy" };
  if (monthFirst) return { order: "mdy" };
  if (dates.every((d) => d.parts.ymd)) return { order: "ymd" };
  const dotted = dates.some((d) => !d.parts.ymd && d.parts.sep === ".");
  const order: PayPalDateOrder = dotted || german ? "dmy" : "mdy";
  const why = dotted ? "dates written with dots" : german ? "German column names" : "English column names";
  const shape = order === "dmy" ? "DD/MM/YYYY" : "MM/DD/YYYY";
  return {
    order,
    note: `read as ${shape} (assumed from the ${why}: no date in the file has a day above 12); set dateOrder if that is wrong`,
  };
}

export function rowTime(
  row: CsvRow,
  parts: DateParts,
  order: PayPalDateOrder,
  get: (f: Field) => string | undefined,
  file: string,
): { orderedAt: string; exportedTime: string } {
  const dateText = get("date") ?? "";
  const timeText = get("time") ?? "";
  const zoneText = get("timeZone") ?? "";
  const at = (f: Field) => ({ file, line: row.line, field: FIELDS[f][0] });
  const tm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(timeText);
  if (!tm) throw new InvalidInputError(at("time"), `'${clip(timeText)}' is not a time (expected HH:MM:SS)`);
  let hour = +tm[1];
  if (tm[4]) {
    if (hour < 1 || hour > 12) throw new InvalidInputError(at("time"), `'${clip(timeText)}' is not a 12-hour time`);
    const pm = tm[4][0].toLowerCase() === "p";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || +tm[2] > 59 || (tm[3] !== undefined && +tm[3] > 59))
    throw new InvalidInputError(at("time"), `'${clip(timeText)}' is not a time of day`);
  let year: number, month: number, day: number;
  if (parts.ymd) [year, month, day] = [parts.a, parts.b, parts.c];
  else if (order === "dmy") [day, month, year] = [parts.a, parts.b, parts.c];
  else if (order === "mdy") [month, day, year] = [parts.a, parts.b, parts.c];
  else throw new InvalidInputError(at("date"), `'${clip(dateText)}' does not start with a four-digit year, but dateOrder is ymd`);
  const local: LocalDateTime = { year, month, day, hour, minute: +tm[2], second: tm[3] ? +tm[3] : 0 };
  const zone = zoneText.trim();
  let utc: string | undefined;
  const known = PAYPAL_TIME_ZONES[zone.toUpperCase()];
  const numeric = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (known !== undefined) utc = localTimeAtOffsetToUtc(local, known);
  else if (numeric) {
    const minutes = +numeric[2] * 60 + (numeric[3] ? +numeric[3] : 0);
    if (+numeric[2] > 14 || (numeric[3] !== undefined && +numeric[3] > 59))
      throw new InvalidInputError(at("timeZone"), `'${clip(zone)}' is not a UTC offset`);
    utc = localTimeAtOffsetToUtc(local, numeric[1] === "-" ? -minutes : minutes);
  } else if (zone.includes("/") && isValidTimeZone(zone)) {
    utc = localTimeInZoneToUtc(local, zone);
    if (!utc && isValidLocal(local))
      throw new InvalidInputError(at("time"), `${dateText} ${timeText} does not exist in ${zone} (the clocks skipped it)`);
  } else {
    throw new InvalidInputError(
      at("timeZone"),
      `unknown time zone '${clip(zone)}'; known abbreviations: ${Object.keys(PAYPAL_TIME_ZONES).join(", ")}, or an offset such as ` +
        `GMT+01:00, or an IANA name such as Europe/Berlin`,
    );
  }
  if (!utc) {
    const shape = parts.ymd ? "YYYY-MM-DD" : order === "dmy" ? "DD/MM/YYYY" : "MM/DD/YYYY";
    throw new InvalidInputError(at("date"), `'${clip(dateText)} ${clip(timeText)}' is not a real date and time when read as ${shape}`);
  }
  return { orderedAt: utc, exportedTime: `${dateText} ${timeText} ${zone}` };
}

function isValidLocal(t: LocalDateTime): boolean {
  return localTimeAtOffsetToUtc(t, 0) !== undefined;
}
