/** Time sanity: a build time earlier than an item's acquisition is refused (exit 3), naming both times and the file. */
import { describe, expect, it } from "vitest";
import { checkBuildTime, latestAfter } from "../../src/consistency/index.js";
import { ExitCode, InvalidInputError } from "../../src/util/errors.js";
import { screenshot } from "../helpers/items.js";

const items = [
  screenshot("evidence/a/01.png", 100, { capturedAt: "2026-03-14T17:22:05Z", capturedAtSource: "sidecar" }),
  screenshot("evidence/a/02.png", 100, { capturedAt: "2026-03-20T21:07:48Z", capturedAtSource: "exif" }),
  screenshot("evidence/b/01.png", 100, { capturedAt: undefined, capturedAtSource: "unknown" }),
];

describe("checkBuildTime", () => {
  it("accepts a build after every capture (and items without a capture time)", () => {
    expect(() => checkBuildTime({ at: "2026-04-12T13:20:00Z", source: "SOURCE_DATE_EPOCH" }, items)).not.toThrow();
    expect(latestAfter("2026-03-20T21:07:48Z", items)).toBeUndefined(); // the same instant is not earlier
  });

  it("refuses a build time before the latest capture, naming both times, where the build time came from and the file", () => {
    let error: unknown;
    try {
      checkBuildTime({ at: "2026-01-01T00:00:00Z", source: "SOURCE_DATE_EPOCH" }, items);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as InvalidInputError;
    expect(e.exitCode).toBe(ExitCode.invalidInput);
    expect(e.location).toEqual({ file: "evidence/a/02.png", field: "capturedAt" });
    expect(e.message).toContain(
      "acquired at 2026-03-20T21:07:48Z (exif), after the build time 2026-01-01T00:00:00Z (from SOURCE_DATE_EPOCH)",
    );
    expect(e.message).toContain("set SOURCE_DATE_EPOCH to a time after 2026-03-20T21:07:48Z");
  });

  it("names case.yaml asOf when the build time comes from it", () => {
    expect(() => checkBuildTime({ at: "2026-03-15T00:00:00Z", source: "asOf" }, items)).toThrow(
      /from case\.yaml asOf\); .*set case\.yaml asOf to a time after 2026-03-20T21:07:48Z/,
    );
  });
});
