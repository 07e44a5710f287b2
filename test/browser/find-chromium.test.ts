import { describe, expect, it } from "vitest";
import { findChromium } from "../../src/browser/index.js";
import { EnvironmentError } from "../../src/util/errors.js";

describe("findChromium", () => {
  it("uses PUPPETEER_EXECUTABLE_PATH when it points at an executable", () => {
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: "/bin/sh" })).toBe("/bin/sh");
  });

  it("refuses a PUPPETEER_EXECUTABLE_PATH that is not executable, saying what to do", () => {
    expect(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" })).toThrow(EnvironmentError);
    expect(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" })).toThrow(/unset it/);
  });

  it("finds the system Chromium otherwise", () => {
    expect(findChromium({})).toMatch(/chrom/);
  });
});
