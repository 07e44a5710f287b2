/** The check of user regexes for catastrophic backtracking: what it refuses and what it lets through. */
import { describe, expect, it } from "vitest";
import { backtrackingRisk } from "../../src/util/regex-safety.js";

const REFUSED = [
  "(a+)+",
  "(a+)+$",
  "(a|a)*",
  "(.*a){20}",
  "(a*)*b",
  "(\\w+\\s?)+$",
  "(a|aa)+",
  "(\\w|\\d)+",
  ".*,.*,.*x",
  "([a-z]+\\d*)+",
  "(x+x+)+y",
  "^(\\d+)*$",
  "(?:a+)+b",
  "(\\s*\\w*)*$",
  "(a{1,20}){1,20}",
  "(\\p{L}+)+",
  "([^,]+,?)+$",
];

const PASSED = [
  "\\b\\d{3}-\\d{2}-\\d{4}\\b",
  "[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+",
  "(\\d{1,3}\\.){3}\\d{1,3}",
  "\\b(?:\\d[ -]?){13,16}\\b",
  "(\\s*,\\s*\\w+)*",
  "(\\.com|\\.net)+",
  "(a|ab)*",
  "\\+?1?[ .-]?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}",
  "[A-Z]{2}\\d{6}",
  "\\p{L}+ \\p{L}+",
  "(?<=Order )HB-\\d+",
  "[^\\s@]+@[^\\s@]+\\.[^\\s@]+",
  "(\\w+)\\s\\1",
  "[\\u{1F600}-\\u{1F64F}]+",
];

describe("catastrophic backtracking", () => {
  it.each(REFUSED)("refuses %s", (source) => {
    expect(backtrackingRisk(source)).toBeDefined();
  });

  it.each(PASSED)("lets %s through", (source) => {
    expect(backtrackingRisk(source)).toBeUndefined();
  });
});
