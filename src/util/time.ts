/**
 * Time, the date-fns room. Instants are stored as UTC ISO-8601 ("2025-03-14T15:22:05Z") and shown in the
 * case's time zone with the offset printed. The build time comes from SOURCE_DATE_EPOCH when set.
 */
import { TZDate, tzOffset } from "@date-fns/tz";
import { format } from "date-fns/format";

/** Normalise an ISO instant with a zone to UTC, dropping sub-second digits only when they are zero. */
export function toUtcIso(instant: string): string {
  const iso = new Date(Date.parse(instant)).toISOString();
  return iso.endsWith(".000Z") ? iso.replace(".000Z", "Z") : iso;
}

/** "2025-03-14 15:22:05 UTC" */
export function formatUtc(instant: string): string {
  return `${new Date(Date.parse(instant)).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const HOUR = 3_600_000;
const hourOffsets = new Map<string, number | null>();

/**
 * The zone's UTC offset (minutes) at `ms`. Asking the zone database (Intl) costs tens of microseconds, and
 * a transcript or a cover batch asks thousands of times, so the offset is kept per zone and UTC hour: when
 * the offsets at the hour's start and end agree, no transition falls inside it (zones change offset at most
 * once in an hour); otherwise the instant is asked about itself.
 */
export function offsetMinutes(timeZone: string, ms: number): number {
  const start = Math.floor(ms / HOUR) * HOUR;
  const key = `${timeZone} ${start}`;
  let known = hourOffsets.get(key);
  if (known === undefined) {
    const a = tzOffset(timeZone, new Date(start));
    known = a === tzOffset(timeZone, new Date(start + HOUR - 1)) ? a : null;
    if (hourOffsets.size > 100_000) hourOffsets.clear();
    hourOffsets.set(key, known);
  }
  return known ?? tzOffset(timeZone, new Date(ms));
}

const two = (n: number) => String(n).padStart(2, "0");

/** "2025-03-14 10:22:05 UTC−05:00 (America/Chicago)" */
export function formatInZone(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  const offset = offsetMinutes(timeZone, ms);
  const local = new Date(ms + offset * 60_000); // its UTC fields are the wall-clock time in the zone
  const sign = offset < 0 ? "−" : "+";
  const abs = Math.abs(offset);
  const date = `${String(local.getUTCFullYear()).padStart(4, "0")}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  return (
    `${date} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ` +
    `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)} (${timeZone})`
  );
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-03-12 14:03 CDT (UTC-5)": an instant in the case's zone for a page footer (ASCII only: the stamp font is
 * WinAnsi). The zone's abbreviation is printed when the zone database has a name for it, never a "GMT+8" stand-in.
 */
export function formatStampTime(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  const offset = offsetMinutes(timeZone, ms);
  const local = new Date(ms + offset * 60_000);
  const date = `${String(local.getUTCFullYear()).padStart(4, "0")}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const abs = Math.abs(offset);
  const utc = `UTC${offset < 0 ? "-" : "+"}${Math.floor(abs / 60)}${abs % 60 ? `:${two(abs % 60)}` : ""}`;
  let f = abbreviations.get(timeZone);
  if (!f) abbreviations.set(timeZone, (f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })));
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "";
  const named = /^[A-Z]{2,5}$/.test(name) && name !== "UTC" && name !== "GMT" ? `${name} ` : "";
  return `${date} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${named}(${offset === 0 ? "UTC" : utc})`;
}

/** "2025-03-14" in the given zone. */
export function formatDateInZone(instant: string, timeZone: string): string {
  return format(new TZDate(Date.parse(instant), timeZone), "yyyy-MM-dd");
}

/**
 * EXIF "YYYY:MM:DD HH:MM:SS" (+ optional "±HH:MM") → UTC ISO. Without an offset the camera clock's zone is
 * unknown; the caller decides the zone to assume and must say so.
 */
export function exifToUtc(local: string, offset: string | undefined, assumeZone: string): string | undefined {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (offset && /^[+-]\d{2}:\d{2}$/.test(offset)) {
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`;
    return Number.isNaN(Date.parse(iso)) ? undefined : toUtcIso(iso);
  }
  const t = new TZDate(y, mo - 1, d, h, mi, s, assumeZone).getTime();
  return Number.isNaN(t) ? undefined : toUtcIso(new Date(t).toISOString());
}

export type BuildTimeSource = "SOURCE_DATE_EPOCH" | "asOf" | "clock";

/** The build time recorded in outputs: SOURCE_DATE_EPOCH, else the case's asOf, else now. */
export function resolveBuildTime(
  env: NodeJS.ProcessEnv,
  asOf: string | undefined,
  now: () => Date = () => new Date(),
): { at: string; source: BuildTimeSource } {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch)) throw new RangeError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got '${epoch}'`);
    return { at: toUtcIso(new Date(Number(epoch) * 1000).toISOString()), source: "SOURCE_DATE_EPOCH" };
  }
  if (asOf) return { at: toUtcIso(asOf), source: "asOf" };
  return { at: toUtcIso(now().toISOString()), source: "clock" };
}

// ---------------------------------------------------------------------------------------------------------
// Strict readers for the times found in purchase exports and e-mail (added for the purchase-record parsers).
// Each returns undefined for anything that is not a real instant; the caller turns that into an error that
// names the file, line and column.
// ---------------------------------------------------------------------------------------------------------

/** A wall-clock reading: month 1–12, hour 0–23. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0–999. */
  millisecond?: number;
}

/** True when the fields name a real proleptic-Gregorian date and a 24-hour clock time (no leap seconds). */
export function isValidLocalDateTime(t: LocalDateTime): boolean {
  const { year, month, day, hour, minute, second } = t;
  const ms = t.millisecond ?? 0;
  const ints = [year, month, day, hour, minute, second, ms];
  if (!ints.every(Number.isInteger)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0 || ms > 999) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Zones already asked about: building an Intl formatter to find out costs about 35 µs, and every sidecar asks. */
const zoneValidity = new Map<string, boolean>();

/** True when the runtime knows the IANA zone name ("America/Chicago", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  let valid = zoneValidity.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(timeZone, valid);
  }
  return valid;
}

function utcIsoFromMs(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return undefined;
  return toUtcIso(d.toISOString());
}

/**
 * A wall-clock time at a fixed offset from UTC (minutes east of Greenwich, so CEST is +120 and PDT −420)
 * → UTC ISO. Undefined when the fields are not a real date and time.
 */
export function localTimeAtOffsetToUtc(t: LocalDateTime, offsetMinutes: number): string | undefined {
  if (!isValidLocalDateTime(t) || !Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 18 * 60) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, t.second, t.millisecond ?? 0);
  return utcIsoFromMs(d.getTime() - offsetMinutes * 60_000);
}

/**
 * A wall-clock time in an IANA zone → UTC ISO. Undefined when the fields are not a real date and time, when
 * the zone is unknown, or when the time does not exist in that zone (the hour skipped when clocks go
 * forward). A time that happens twice (the hour repeated when clocks go back) resolves to the EARLIER
 * instant; callers that care should say so.
 */
export function localTimeInZoneToUtc(t: LocalDateTime, timeZone: string): string | undefined {
  // One implementation for every zone: the converter resolves a repeated hour to the earlier instant east and
  // west of UTC alike (TZDate alone picked the later one for zones east of UTC).
  if (!isValidLocalDateTime(t)) return undefined;
  return localTimeInZoneConverter(timeZone)?.(t);
}

/**
 * A strict ISO-8601 / RFC 3339 instant WITH a zone ("2025-10-25T20:27:42Z", "2025-10-25T20:27:42.799Z",
 * "2025-10-25 15:27:42-05:00", "+0200") → UTC ISO, keeping non-zero sub-second digits (to the millisecond).
 * Undefined for anything else, including impossible dates that Date.parse would roll over (Feb 30).
 */
export function parseIsoInstant(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const offset = parseNumericOffset(m[8]);
  if (offset === undefined) return undefined;
  return localTimeAtOffsetToUtc(
    {
      year: +m[1],
      month: +m[2],
      day: +m[3],
      hour: +m[4],
      minute: +m[5],
      second: m[6] ? +m[6] : 0,
      millisecond: m[7] ? +`${m[7]}00`.slice(0, 3) : 0,
    },
    offset,
  );
}

/** "Z" | "UTC" | "+02" | "+0200" | "+02:00" → minutes east; undefined when malformed or beyond ±18:00. */
export function parseNumericOffset(text: string): number | undefined {
  if (/^(Z|z|UTC)$/.test(text)) return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const h = +m[2];
  const min = m[3] ? +m[3] : 0;
  if (h > 18 || min > 59) return undefined;
  const total = h * 60 + min;
  return m[1] === "-" ? -total : total;
}

/** The zone names RFC 5322 §4.3 still allows in Date headers (obsolete, but mailers write them). */
const RFC5322_ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * An RFC 5322 Date header ("Sat, 25 Oct 2025 20:27:44 +0000 (UTC)") → UTC ISO. Comments, the optional day
 * name and seconds, two-digit years (RFC 5322 §4.3) and the obsolete US zone names are accepted; anything
 * else gives undefined rather than a guess.
 */
export function rfc5322DateToUtc(value: string): string | undefined {
  const text = value
    .replace(/\([^()]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const m = /^(?:[A-Za-z]{3},? )?(\d{1,2}) ([A-Za-z]{3}) (\d{2,4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([+-]\d{4}|[A-Za-z]{1,3})$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
  if (month === 0) return undefined;
  let year = +m[3];
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[3].length === 3) year += 1900;
  const zone = m[7];
  const offset = /^[+-]\d{4}$/.test(zone) ? parseNumericOffset(zone) : RFC5322_ZONES[zone.toUpperCase()];
  if (offset === undefined) return undefined;
  return localTimeAtOffsetToUtc({ year, month, day: +m[1], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 }, offset);
}

/**
 * A converter for many wall-clock times in one zone (a chat log): the same answers as localTimeInZoneToUtc —
 * undefined for an impossible date or a time the clocks skipped, the EARLIER instant for a repeated hour — but the
 * zone is checked once and each call costs a few offset look-ups instead of a TZDate. undefined when the zone is
 * unknown.
 */
export function localTimeInZoneConverter(timeZone: string): ((t: LocalDateTime) => string | undefined) | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  const offsetAt = (ms: number) => tzOffset(timeZone, new Date(ms));
  const DAY = 86_400_000;
  // Day number → the offset in force from the day before to the day after, when it is the same at both ends
  // (null when it is not): most days are far from a DST change and then one look-up confirms the answer.
  const quiet = new Map<number, number | null>();
  return (t) => {
    if (!isValidLocalDateTime(t)) return undefined;
    const d = new Date(0);
    d.setUTCFullYear(t.year, t.month - 1, t.day);
    d.setUTCHours(t.hour, t.minute, t.second, t.millisecond ?? 0);
    const wall = d.getTime(); // the wall-clock reading as if it were UTC
    const day = Math.floor(wall / DAY);
    let steady = quiet.get(day);
    if (steady === undefined) {
      const before = offsetAt(day * DAY - DAY);
      steady =
        Number.isFinite(before) && before === offsetAt(day * DAY + DAY / 2) && before === offsetAt(day * DAY + 2 * DAY) ? before : null;
      quiet.set(day, steady);
    }
    if (steady !== null) return isoFromMs(wall - steady * 60_000);
    let best: number | undefined;
    // The offsets in force a day either side cover both sides of any DST change near this time.
    for (const guess of new Set([offsetAt(wall - DAY), offsetAt(wall), offsetAt(wall + DAY)])) {
      if (!Number.isFinite(guess)) continue;
      const instant = wall - guess * 60_000;
      if (offsetAt(instant) === guess && (best === undefined || instant < best)) best = instant;
    }
    return best === undefined ? undefined : isoFromMs(best);
  };
}

function isoFromMs(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
