import { describe, expect, it } from "vitest";
import { exifToUtc, formatInZone, localTimeInZoneToUtc, resolveBuildTime } from "../../src/util/time.js";

describe("time", () => {
  it("resolves a repeated hour to the earlier instant, east and west of UTC", () => {
    expect(localTimeInZoneToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, "Europe/Berlin")).toBe("2026-10-25T00:30:00Z");
    expect(localTimeInZoneToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, "America/Chicago")).toBe("2026-11-01T06:30:00Z");
  });

  it("refuses a local time the clocks skipped", () => {
    expect(localTimeInZoneToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, "America/Chicago")).toBeUndefined();
  });

  it("shows an instant in the case zone with its offset", () => {
    expect(formatInZone("2026-03-14T17:22:05Z", "America/Los_Angeles")).toBe("2026-03-14 10:22:05 UTC−07:00 (America/Los_Angeles)");
  });

  it("reads EXIF times with their offset, or in the given zone without one", () => {
    expect(exifToUtc("2026:03:20 14:05:31", "-07:00", "UTC")).toBe("2026-03-20T21:05:31Z");
    expect(exifToUtc("2026:01:20 14:05:31", undefined, "America/Chicago")).toBe("2026-01-20T20:05:31Z");
  });

  it("takes the build time from SOURCE_DATE_EPOCH, then asOf, then the clock", () => {
    expect(resolveBuildTime({ SOURCE_DATE_EPOCH: "1767225600" }, "2020-01-01T00:00:00Z")).toEqual({ at: "2026-01-01T00:00:00Z", source: "SOURCE_DATE_EPOCH" });
    expect(resolveBuildTime({}, "2020-01-01T00:00:00-05:00")).toEqual({ at: "2020-01-01T05:00:00Z", source: "asOf" });
    expect(resolveBuildTime({}, undefined, () => new Date("2030-01-01T00:00:00Z")).source).toBe("clock");
    expect(() => resolveBuildTime({ SOURCE_DATE_EPOCH: "soon" }, undefined)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
