import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { findChromium, findRenderer } from "../../src/browser/index.js";
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

describe("findRenderer", () => {
  it("uses PUPPETEER_EXECUTABLE_PATH when set, for renders too", () => {
    expect(findRenderer({ PUPPETEER_EXECUTABLE_PATH: "/bin/sh" })).toBe("/bin/sh");
    expect(() => findRenderer({ PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" })).toThrow(/unset it/);
  });

  it("prefers the headless shell when it is installed, else the system Chromium", () => {
    const shell = existsSync("/usr/bin/chromium-headless-shell");
    expect(findRenderer({})).toBe(shell ? "/usr/bin/chromium-headless-shell" : findChromium({}));
  });
});
