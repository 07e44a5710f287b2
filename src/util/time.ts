/**
 * Time, the date-fns room. Instants are stored as UTC ISO-8601 ("2025-03-14T15:22:05Z") and shown in the
 * case's time zone with the offset printed. The build time comes from SOURCE_DATE_EPOCH when set.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** Normalise an ISO instant with a zone to UTC, dropping sub-second digits only when they are zero. */
export function toUtcIso(instant: string): string {
  const iso = new Date(Date.parse(instant)).toISOString();
  return iso.endsWith(".000Z") ? iso.replace(".000Z", "Z") : iso;
}

/** "2025-03-14 15:22:05 UTC" */
export function formatUtc(instant: string): string {
  return `${new Date(Date.parse(instant)).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "2025-03-14 10:22:05 UTC−05:00 (America/Chicago)" */
export function formatInZone(instant: string, timeZone: string): string {
  const d = new TZDate(Date.parse(instant), timeZone);
  return `${format(d, "yyyy-MM-dd HH:mm:ss")} UTC${format(d, "xxx").replace("-", "−")} (${timeZone})`;
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
export function resolveBuildTime(env: NodeJS.ProcessEnv, asOf: string | undefined, now: () => Date = () => new Date()): { at: string; source: BuildTimeSource } {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch)) throw new RangeError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got '${epoch}'`);
    return { at: toUtcIso(new Date(Number(epoch) * 1000).toISOString()), source: "SOURCE_DATE_EPOCH" };
  }
  if (asOf) return { at: toUtcIso(asOf), source: "asOf" };
  return { at: toUtcIso(now().toISOString()), source: "clock" };
}
