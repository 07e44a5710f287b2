/**
 * Hostile user regexes (case.yaml `redaction.patterns[].regex`): catastrophic backtracking is refused before the
 * pattern meets any text, invalid syntax is refused, both naming the field; safe patterns pass.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "../case.js";
import { GOOD_CASE_YAML } from "../good-case.js";

const FIRST = GOOD_CASE_YAML.split("\n").length; // the line `redaction:` lands on

/** case.yaml with these redaction patterns (YAML single-quoted, so backslashes are as written). */
const withPatterns =
  (...regexes: string[]) =>
  (dir: string) => {
    const lines = regexes.map((r, i) => `    - { name: p${i}, regex: '${r.replaceAll("'", "''")}' }\n`);
    writeFileSync(join(dir, "case.yaml"), `${GOOD_CASE_YAML}redaction:\n  patterns:\n${lines.join("")}`);
  };

const refused = (index: number, what: RegExp) =>
  new RegExp(`case\\.yaml:${FIRST + 2 + index}:\\d+ \\(field redaction\\.patterns\\[${index}\\]\\.regex\\): ${what.source}`);
const CATASTROPHIC = /could take minutes .*catastrophic backtracking/;

const bad = (id: string, regex: string, probe = false): HostileCase => ({
  id: `regex-${id}`,
  format: "regex",
  ...(probe ? { probe } : {}),
  make: withPatterns(regex),
  expect: { exit: 3, message: refused(0, CATASTROPHIC) },
  maxSeconds: 30,
});

const safe = (id: string, regex: string): HostileCase => ({
  id: `regex-safe-${id}`,
  format: "regex",
  command: "check",
  make: withPatterns(regex),
  expect: { exit: 0 },
});

export const regexCases: HostileCase[] = [
  bad("nested-plus", "(a+)+$", true),
  bad("overlapping-alternation", "(a|a)*b"),
  bad("bounded-repeat-of-star", "(.*a){20}"),
  bad("nullable-loop", "(a*)*b"),
  bad("word-space-loop", "(\\w+\\s?)+$"),
  bad("prefix-alternation", "(a|aa)+$"),
  bad("class-alternation", "(\\w|\\d)+x"),
  bad("cubic-dots", ".*,.*,.*x"),
  bad("non-capturing-nested", "(?:[a-z]+\\d*)+!"),
  bad("email-nested", "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$"),
  {
    id: "regex-second-pattern-named",
    format: "regex",
    make: withPatterns("\\d{3}-\\d{2}-\\d{4}", "(x+x+)+y"),
    expect: { exit: 3, message: refused(1, CATASTROPHIC) },
  },
  {
    id: "regex-invalid-syntax",
    format: "regex",
    make: withPatterns("(unclosed"),
    expect: { exit: 3, message: refused(0, /expected a valid JavaScript regular expression/) },
  },
  {
    id: "regex-invalid-range",
    format: "regex",
    make: withPatterns("[z-a]"),
    expect: { exit: 3, message: refused(0, /expected a valid JavaScript regular expression/) },
  },
  {
    id: "regex-invalid-unicode-escape",
    format: "regex",
    make: withPatterns("\\p{NotAProperty}"),
    expect: { exit: 3, message: refused(0, /expected a valid JavaScript regular expression/) },
  },
  {
    id: "regex-empty",
    format: "regex",
    make: withPatterns(""),
    expect: { exit: 3, message: refused(0, /expected a valid JavaScript regular expression/) },
  },
  safe("ssn", "\\b\\d{3}-\\d{2}-\\d{4}\\b"),
  safe("email", "[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+"),
  safe("card", "\\b(?:\\d[ -]?){13,16}\\b"),
  safe("ip", "(\\d{1,3}\\.){3}\\d{1,3}"),
];
