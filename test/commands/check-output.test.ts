/** `check --format github|junit`, the printing: GitHub's escaping rules, annotation lines, and XML text that stays XML. */
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, githubLines, junitXml, xmlText, type Located } from "../../src/commands/check-output.js";
import { fieldPath } from "../../src/commands/check.js";

describe("GitHub annotations", () => {
  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    expect(escapeData("100% sure\r\nnext: a, b")).toBe("100%25 sure%0D%0Anext: a, b");
    expect(escapeProperty("dir,a/case:1.yaml")).toBe("dir%2Ca/case%3A1.yaml");
    expect(escapeProperty("50%")).toBe("50%25");
  });

  it("prints errors, warnings and notices with the place when known, skips ok, and ends with the counts", () => {
    const found: Located[] = [
      { level: "error", title: "has-evidence", message: "Empty: none", where: { file: "case.yaml", line: 12 } },
      { level: "warning", title: "dup:kpg:1a2b", message: "two\nlines", where: { file: "evidence/a,b.png" } },
      { level: "notice", title: "n", message: "a note" },
      { level: "ok", title: "fine", message: "all good", where: { file: "case.yaml", line: 3 } },
    ];
    expect(githubLines(found).split("\n")).toEqual([
      "::error file=case.yaml,line=12,title=exhibits check%3A has-evidence::Empty: none",
      "::warning file=evidence/a%2Cb.png,title=exhibits check%3A dup%3Akpg%3A1a2b::two%0Alines",
      "::notice title=exhibits check%3A n::a note",
      "exhibits check: 1 error, 1 warning",
    ]);
  });
});

describe("JUnit XML", () => {
  it("escapes markup and leaves out characters XML cannot carry", () => {
    expect(xmlText(`<b>"Tom" & 'Jerry'</b>\u0007\u001b`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;");
  });

  it("gives errors a failure, warnings their text in system-out, ok a bare testcase; repeated names numbered", () => {
    const xml = junitXml("c", [
      {
        id: "kpg",
        name: "1. KPG <Boutique> (kpg)",
        cases: [
          { level: "error", title: "has-evidence", message: "none & more\nsecond line", where: { file: "case.yaml", line: 4 } },
          { level: "warning", title: "redaction-basis", message: "no basis" },
          { level: "warning", title: "redaction-basis", message: "no basis either" },
          { level: "ok", title: "page-budget", message: "fine" },
          { level: "ok", title: "dup:kpg:1", message: "seen", acknowledged: "the photo is the seller's own" },
        ],
      },
    ]);
    expect(xml.split("\n")).toEqual([
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites name="exhibits check c" tests="5" failures="1" errors="0">`,
      `  <testsuite name="1. KPG &lt;Boutique&gt; (kpg)" tests="5" failures="1" errors="0" skipped="0">`,
      `    <testcase classname="exhibits.c.kpg" name="has-evidence" file="case.yaml" line="4">`,
      `      <failure message="none &amp; more" type="error">none &amp; more`,
      `second line</failure>`,
      `    </testcase>`,
      `    <testcase classname="exhibits.c.kpg" name="redaction-basis">`,
      `      <system-out>WARNING: no basis</system-out>`,
      `    </testcase>`,
      `    <testcase classname="exhibits.c.kpg" name="redaction-basis #2">`,
      `      <system-out>WARNING: no basis either</system-out>`,
      `    </testcase>`,
      `    <testcase classname="exhibits.c.kpg" name="page-budget"/>`,
      `    <testcase classname="exhibits.c.kpg" name="dup:kpg:1">`,
      `      <system-out>acknowledged in case.yaml: the photo is the seller&apos;s own`,
      `seen</system-out>`,
      `    </testcase>`,
      `  </testsuite>`,
      `</testsuites>`,
    ]);
  });
});

describe("a field named in a finding, as a path in case.yaml", () => {
  it("splits dots and indexes", () => {
    expect(fieldPath("redaction.patterns[0].basis")).toEqual(["redaction", "patterns", 0, "basis"]);
    expect(fieldPath("redaction.streetAddresses")).toEqual(["redaction", "streetAddresses"]);
  });
});
