/**
 * `exhibits check --format github|junit`, the CLI as a process, on a copy of the fixture with known problems: a
 * defendant with no evidence (an error on its case.yaml line), a sidecar's pixel region with no basis (a warning on the
 * sidecar), a stale acknowledgement (a warning on its case.yaml line) and the fixture's own Prime/non-Prime
 * consistency warning (on the order export); and a case that does not load (errors at their file, line and column).
 * Every annotation line is held to GitHub's syntax; the JUnit report is well-formed XML with counts that agree with
 * the report.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture, runCli } from "../helpers/cli.js";

function brokenCase(): { cwd: string; lineOf: (text: string) => number } {
  const dir = copyFixture();
  const yaml = join(dir, "case.yaml");
  const text = readFileSync(yaml, "utf8")
    .replace("defendants:\n", "defendants:\n  - id: empty\n    name: Empty Store\n")
    .replace("evidence:\n", "acknowledge:\n  - finding: tracking-mismatch:kpg:00000000\n    reason: checked by hand\n\nevidence:\n");
  writeFileSync(yaml, text);
  const sidecar = join(dir, "evidence/kpg/01-amazon-listing.png.meta.yaml");
  writeFileSync(sidecar, `${readFileSync(sidecar, "utf8")}redact: [{ x: 10, y: 10, width: 50, height: 20, reason: a phone number }]\n`);
  const lines = text.split("\n");
  return { cwd: dirname(dir), lineOf: (s) => lines.findIndex((l) => l.includes(s)) + 1 };
}

/** One annotation: `::level props::message`, properties key=value joined by commas, none holding a raw `:`, `,` or line break. */
const ANNOTATION = /^::(error|warning|notice) ((?:file|line|col|title)=[^:,\r\n]*(?:,(?:file|line|col|title)=[^:,\r\n]*)*)::([^\r\n]*)$/;

function annotations(stdout: string) {
  const lines = stdout.trimEnd().split("\n");
  const summary = lines.pop();
  return {
    summary,
    list: lines.map((l) => {
      const m = ANNOTATION.exec(l);
      expect(m, `not an annotation: ${l}`).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(",").map((p) => p.split("=") as [string, string]));
      return { level: m![1], props, message: m![3]!.replaceAll("%0A", "\n").replaceAll("%25", "%") };
    }),
  };
}

describe("check --format github", () => {
  it("prints each error and warning as an annotation on its file and line, and exits 3 on errors", () => {
    const { cwd, lineOf } = brokenCase();
    const r = runCli(["check", "case", "--format", "github"], { cwd });
    expect(r.code, r.stderr).toBe(3);
    const { list, summary } = annotations(r.stdout);
    expect(summary).toMatch(/^exhibits check: 1 error, \d+ warnings$/);
    const find = (title: string) => list.filter((a) => decodeURIComponent(a.props.title!).includes(title));

    const empty = find("has-evidence");
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ level: "error", props: { file: "case/case.yaml", line: String(lineOf("  - id: empty")) } });
    expect(empty[0]!.message).toMatch(/^Empty Store \(empty\): no evidence at all/);

    const basis = find("redaction-basis");
    expect(basis).toHaveLength(1);
    expect(basis[0]).toMatchObject({ level: "warning", props: { file: "case/evidence/kpg/01-amazon-listing.png.meta.yaml" } });
    expect(basis[0]!.message).toContain("pixel region (redact[0]) of evidence/kpg/01-amazon-listing.png names no basis");

    const stale = find("acknowledge");
    expect(stale[0]).toMatchObject({
      level: "warning",
      props: { file: "case/case.yaml", line: String(lineOf("tracking-mismatch:kpg:00000000")) },
    });

    const prime = list.find((a) => decodeURIComponent(a.props.title!).includes("shipping-method:kpg"));
    expect(prime).toMatchObject({ level: "warning", props: { file: "case/evidence/kpg/03-test-buy/Retail.OrderHistory.1.csv" } });
    // A multi-line message is one line of output, its breaks escaped; the property's `:` is escaped too.
    expect(prime!.message).toMatch(/non-Prime[\s\S]*\nAn opponent would say: /);
    expect(prime!.props.title).toMatch(/^exhibits check%3A shipping-method%3Akpg%3A[0-9a-f]{8} \(circumstances%2C warning\)$/);
    // ok findings are not annotated: the fixture's defendants pass has-evidence and page-budget.
    expect(find("page-budget")).toEqual([]);
    expect(list.filter((a) => a.level === "error")).toHaveLength(1);
  });

  it("prints a case that does not load as annotations at the file, line and column of each problem", () => {
    const { cwd } = brokenCase();
    const yaml = join(cwd, "case/case.yaml");
    const text = readFileSync(yaml, "utf8").replace("  pagesPerAlias: 25", "  pagesPerAlias: lots");
    writeFileSync(yaml, text);
    const r = runCli(["check", "case", "--format", "github"], { cwd });
    expect(r.code).toBe(3);
    const line = text.split("\n").findIndex((l) => l.includes("pagesPerAlias: lots")) + 1;
    const title = "exhibits check%3A case";
    expect(annotations(r.stdout).list).toEqual([
      { level: "error", props: { file: "case/case.yaml", line: String(line), col: "18", title }, message: expect.stringMatching(/number/) },
    ]);
    // An evidence file intake refuses (a sidecar naming a mark case.yaml does not declare) is annotated on that file.
    writeFileSync(yaml, text.replace("  pagesPerAlias: lots", "  pagesPerAlias: 25"));
    const sidecar = join(cwd, "case/evidence/kpg/02-amazon-storefront.png.meta.yaml");
    writeFileSync(sidecar, readFileSync(sidecar, "utf8").replace("marks: [rockstud, v-logo]", "marks: [nope]"));
    const again = annotations(runCli(["check", "case", "--format", "github"], { cwd }).stdout).list;
    expect(again).toEqual([
      {
        level: "error",
        props: { file: "case/evidence/kpg/02-amazon-storefront.png.meta.yaml", title },
        message: expect.stringContaining("'nope'"),
      },
    ]);
  });
});

/** A light well-formedness check: tags nest and close, attributes are quoted, every `&` starts a known entity. */
function wellFormed(xml: string): { name: string; attrs: Record<string, string> }[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf("?>") + 2);
  expect(body.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]|&(?!(?:amp|lt|gt|quot|apos);)/);
  const stack: string[] = [];
  const opened: { name: string; attrs: Record<string, string> }[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z-]+)((?:\s+[a-z-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, close, name, attrs, self] = m;
    if (close) expect(stack.pop()).toBe(name);
    else {
      opened.push({ name: name!, attrs: Object.fromEntries([...attrs!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])) });
      if (!self) stack.push(name!);
    }
  }
  expect(stack).toEqual([]);
  // Every tag was matched by the pattern above (none with an unquoted attribute or stray character).
  expect(body.match(/</g)!.length).toBe(body.match(/<(\/?)([A-Za-z-]+)((?:\s+[a-z-]+="[^"<]*")*)\s*(\/?)>/g)!.length);
  return opened;
}

describe("check --format junit", () => {
  it("is well-formed XML: a suite for the case and one per defendant, a failure per error", () => {
    const { cwd } = brokenCase();
    const r = runCli(["check", "case", "--format", "junit"], { cwd });
    expect(r.code).toBe(3);
    const tags = wellFormed(r.stdout.trimEnd());
    const suites = tags.filter((t) => t.name === "testsuite");
    expect(suites.map((s) => s.attrs.name)).toEqual([
      "case",
      "1. Empty Store (empty)",
      "2. Kestrel Pan Group, LLC (kpg)",
      "3. Studline Outlet (studline)",
    ]);
    const root = tags.find((t) => t.name === "testsuites")!;
    expect(root.attrs.failures).toBe("1");
    expect(tags.filter((t) => t.name === "failure")).toHaveLength(1);
    expect(Number(root.attrs.tests)).toBe(tags.filter((t) => t.name === "testcase").length);
    for (const s of suites) expect(Number(s.attrs.tests)).toBeGreaterThan(0);
    const json = JSON.parse(runCli(["check", "case", "--json"], { cwd }).stdout);
    expect(json.errors).toBe(1);
    expect(tags.filter((t) => t.name === "system-out").length).toBeGreaterThanOrEqual(json.warnings);
  });
});
