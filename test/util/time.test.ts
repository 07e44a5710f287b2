import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { describe, expect, it } from "vitest";
import { exifToUtc, formatInZone, localTimeInZoneToUtc, resolveBuildTime } from "../../src/util/time.js";

describe("time", () => {
  it("resolves a repeated hour to the earlier instant, east and west of UTC", () => {
    expect(localTimeInZoneToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, "Europe/Berlin")).toBe(
      "2026-10-25T00:30:00Z",
    );
    expect(localTimeInZoneToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, "America/Chicago")).toBe(
      "2026-11-01T06:30:00Z",
    );
  });

  it("refuses a local time the clocks skipped", () => {
    expect(localTimeInZoneToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, "America/Chicago")).toBeUndefined();
  });

  it("shows an instant in the case zone with its offset", () => {
    expect(formatInZone("2026-03-14T17:22:05Z", "America/Los_Angeles")).toBe("2026-03-14 10:22:05 UTC−07:00 (America/Los_Angeles)");
  });

  it("shows every instant as the zone database does, across DST transitions and odd offsets (the offset kept per hour)", {
    timeout: 60_000,
  }, () => {
    const reference = (ms: number, zone: string) => {
      const d = new TZDate(ms, zone);
      return `${format(d, "yyyy-MM-dd HH:mm:ss")} UTC${format(d, "xxx").replace("-", "−")} (${zone})`;
    };
    const zones = [
      "America/Chicago",
      "Europe/Berlin",
      "Asia/Kolkata",
      "America/St_Johns",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "UTC",
      "Asia/Kathmandu",
    ];
    // Every 3 h 7 min 13 s across 2026 and 2027 (both DST changes of each zone), plus every 10 s of hours around
    // transitions (Chicago and Berlin in March, Lord Howe's half-hour change in April).
    const instants = Array.from({ length: Math.floor((2 * 365 * 24 * 3600) / 11_233) }, (_, i) => Date.UTC(2026, 0, 1) + i * 11_233_000);
    for (let s = 0; s < 7200; s += 10)
      instants.push(Date.UTC(2026, 2, 8, 7, 0) + s * 1000, Date.UTC(2026, 2, 29, 0, 0) + s * 1000, Date.UTC(2026, 3, 4, 14, 30) + s * 1000);
    let mismatches = 0;
    for (const zone of zones)
      for (const ms of instants) if (formatInZone(new Date(ms).toISOString(), zone) !== reference(ms, zone)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it("reads EXIF times with their offset, or in the given zone without one", () => {
    expect(exifToUtc("2026:03:20 14:05:31", "-07:00", "UTC")).toBe("2026-03-20T21:05:31Z");
    expect(exifToUtc("2026:01:20 14:05:31", undefined, "America/Chicago")).toBe("2026-01-20T20:05:31Z");
  });

  it("takes the build time from SOURCE_DATE_EPOCH, then asOf, then the clock", () => {
    expect(resolveBuildTime({ SOURCE_DATE_EPOCH: "1776000000" }, "2020-01-01T00:00:00Z")).toEqual({
      at: "2026-04-12T13:20:00Z",
      source: "SOURCE_DATE_EPOCH",
    });
    expect(resolveBuildTime({}, "2020-01-01T00:00:00-05:00")).toEqual({ at: "2020-01-01T05:00:00Z", source: "asOf" });
    expect(resolveBuildTime({}, undefined, () => new Date("2030-01-01T00:00:00Z")).source).toBe("clock");
    expect(() => resolveBuildTime({ SOURCE_DATE_EPOCH: "soon" }, undefined)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
