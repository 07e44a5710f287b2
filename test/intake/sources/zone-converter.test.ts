import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localTimeInZoneConverter, localTimeInZoneToUtc } from "../../../src/util/time.js";

/** The wall-clock reading of an instant in a zone, via Intl (independent of date-fns). */
function wallOf(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${+p.year}-${+p.month}-${+p.day} ${+p.hour}:${+p.minute}:${+p.second}`;
}

describe("localTimeInZoneConverter (src/util/time.ts, used by the chat parsers)", () => {
  it("rejects an unknown zone once, up front", () => {
    expect(localTimeInZoneConverter("Mars/Olympus")).toBeUndefined();
    expect(localTimeInZoneConverter("")).toBeUndefined();
  });

  it("skipped times are undefined; repeated times read as the earlier instant, east and west of Greenwich", () => {
    const chicago = localTimeInZoneConverter("America/Chicago")!;
    expect(chicago({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 })).toBeUndefined();
    expect(chicago({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 })).toBe("2026-11-01T06:30:00Z");
    const berlin = localTimeInZoneConverter("Europe/Berlin")!;
    expect(berlin({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 })).toBeUndefined();
    expect(berlin({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 })).toBe("2026-10-25T00:30:00Z");
    expect(berlin({ year: 2026, month: 2, day: 30, hour: 2, minute: 30, second: 0 })).toBeUndefined();
  });

  it("agrees with localTimeInZoneToUtc, except that in a repeated hour it gives the earlier instant", () => {
    const zones = [
      "America/Chicago",
      "Europe/Berlin",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "Asia/Kathmandu",
      "America/Santiago",
      "Africa/Casablanca",
      "America/St_Johns",
      "UTC",
    ];
    const converters = new Map(zones.map((z) => [z, localTimeInZoneConverter(z)!]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.record({
          year: fc.integer({ min: 2000, max: 2035 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.constantFrom(0, 15, 30, 45, 59),
          second: fc.integer({ min: 0, max: 59 }),
        }),
        (zone, t) => {
          const mine = converters.get(zone)!(t);
          const theirs = localTimeInZoneToUtc(t, zone);
          if (mine === theirs) return;
          const want = `${t.year}-${t.month}-${t.day} ${t.hour}:${t.minute}:${t.second}`;
          expect(mine && theirs && mine < theirs).toBeTruthy();
          expect(wallOf(mine!, zone)).toBe(want);
          expect(wallOf(theirs!, zone)).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("round-trips every instant it returns", () => {
    const conv = localTimeInZoneConverter("Australia/Lord_Howe")!;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
        const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
        const [d, t] = wallOf(iso, "Australia/Lord_Howe").split(" ");
        const [year, month, day] = d.split("-").map(Number);
        const [hour, minute, second] = t.split(":").map(Number);
        const back = conv({ year, month, day, hour, minute, second });
        expect(back).toBeDefined();
        expect(wallOf(back!, "Australia/Lord_Howe")).toBe(`${d} ${t}`);
        expect(back! <= iso).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
