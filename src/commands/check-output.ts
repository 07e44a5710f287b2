/**
 * `exhibits check --format …`: the check report printed for a person (text), a program (json), GitHub Actions (workflow
 * annotations, so each problem shows on the line of case.yaml, the sidecar or the evidence file it is about) or any
 * other CI (a JUnit XML report). A case that does not load (case.yaml invalid, an evidence file refused) is printed in
 * the same format, each problem at its file and line, with the same exit code (3).
 */
import { relative, resolve, sep } from "node:path";
import type { CheckFormat } from "../cli.js";
import { formatCheckReport, type CheckFinding, type CheckReport, type FindingPlace } from "../consistency/index.js";
import type { ConsistencyFinding } from "../model/consistency.js";
import { ExitCode, InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import { check, type CheckOptions } from "./check.js";

export interface CheckPrinted {
  stdout: string;
  code: number;
}

/** Run the check and print it in `format`. A case that does not load is printed as its errors (text and json: thrown). */
export async function checkPrinted(opts: CheckOptions & { format: CheckFormat }): Promise<CheckPrinted> {
  const place = placer(opts.cwd, opts.caseDir);
  let result: Awaited<ReturnType<typeof check>>;
  try {
    result = await check(opts);
  } catch (e) {
    const errors = e instanceof InvalidInputErrors ? e.errors : e instanceof InvalidInputError ? [e] : undefined;
    if (!errors || opts.format === "text" || opts.format === "json") throw e;
    const findings = errors.map((x): Located => ({ level: "error", title: "case", message: x.problem, where: loadPlace(opts.cwd, x) }));
    const stdout = opts.format === "github" ? githubLines(findings) : junitXml("case", [{ id: "case", name: "case", cases: findings }]);
    return { stdout, code: ExitCode.invalidInput };
  }
  const { caseId, report } = result;
  const code = report.ok ? ExitCode.ok : ExitCode.invalidInput;
  if (opts.format === "json") return { stdout: JSON.stringify(report, null, 2), code };
  if (opts.format === "text") return { stdout: formatCheckReport(report, caseId), code };
  const suites = reportSuites(report, place);
  if (opts.format === "github") return { stdout: githubLines(suites.flatMap((s) => s.cases)), code };
  return { stdout: junitXml(caseId, suites), code };
}

/** One finding, placed: its level, a short title, the message and the file (from the working folder) and line. */
export interface Located {
  level: "error" | "warning" | "notice" | "ok";
  title: string;
  message: string;
  where?: { file: string; line?: number; column?: number };
  /** Set for an acknowledged consistency finding: the reason case.yaml gives. */
  acknowledged?: string;
}

export interface Suite {
  /** For the classname: "case", or the defendant's id. */
  id: string;
  name: string;
  cases: Located[];
}

type Placer = (where: FindingPlace | undefined) => Located["where"];

/** A case file's place, from the working folder the command runs in (GitHub resolves paths from the repository root). */
function placer(cwd: string, caseDir: string): Placer {
  const root = resolve(cwd, caseDir);
  return (where) => {
    if (!where) return undefined;
    const file = relative(cwd, resolve(root, where.file)).split(sep).join("/");
    return { file, ...(where.line ? { line: where.line } : {}) };
  };
}

function loadPlace(cwd: string, e: InvalidInputError): Located["where"] {
  const file = relative(cwd, resolve(cwd, e.location.file)).split(sep).join("/");
  return { file, ...(e.location.line ? { line: e.location.line } : {}), ...(e.location.column ? { column: e.location.column } : {}) };
}

/** The report as suites: one for the case (its general findings and case-wide consistency), one per defendant. */
export function reportSuites(report: CheckReport, place: Placer): Suite[] {
  const plain = (f: CheckFinding, who?: string): Located => ({
    level: f.level,
    title: f.check,
    message: who ? `${who}: ${f.message}` : f.message,
    where: place(f.where),
  });
  const consistency = (defendantId: string | undefined) =>
    (report.consistency ?? []).filter((f) => f.defendantId === defendantId).map((f) => consistencyCase(f, place));
  return [
    { id: "case", name: "case", cases: [...report.general.map((f) => plain(f)), ...consistency(undefined)] },
    ...report.defendants.map((d) => ({
      id: d.id,
      name: `${d.number}. ${d.name} (${d.id})`,
      cases: [...d.findings.map((f) => plain(f, `${d.name} (${d.id})`)), ...consistency(d.id)],
    })),
  ];
}

/**
 * A consistency finding, on the evidence file it first rests on. Unacknowledged, it is a warning whatever its severity,
 * as check counts it (it does not stop a build: counsel weighs it, and acknowledges it in case.yaml with a reason).
 */
function consistencyCase(f: ConsistencyFinding, place: Placer): Located {
  const first = f.items[0];
  const file = first ? (first.file ?? first.itemId.replace(/#.*$/, "")) : undefined;
  const items = f.items.map((it) => `${it.cite ?? it.itemId}: ${it.what}`);
  return {
    level: f.acknowledged ? "ok" : f.severity === "note" ? "notice" : "warning",
    title: `${f.id} (${f.class}, ${f.severity})`,
    message: [f.message, ...items, `An opponent would say: ${f.opponent}`].join("\n"),
    where: place(file ? { file } : undefined),
    ...(f.acknowledged ? { acknowledged: f.acknowledged } : {}),
  };
}

/** GitHub's escaping of an annotation's message. */
export const escapeData = (s: string) => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
/** …and of a property's value (file, title), where `:` and `,` separate properties. */
export const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

/** `::error file=case.yaml,line=12,title=has-evidence::message`, one line per error, warning and notice. */
export function githubLines(findings: readonly Located[]): string {
  const lines = findings.flatMap((f) => {
    if (f.level === "ok") return [];
    const props = [
      ...(f.where ? [`file=${escapeProperty(f.where.file)}`] : []),
      ...(f.where?.line ? [`line=${f.where.line}`] : []),
      ...(f.where?.column ? [`col=${f.where.column}`] : []),
      `title=${escapeProperty(`exhibits check: ${f.title}`)}`,
    ];
    return [`::${f.level} ${props.join(",")}::${escapeData(f.message)}`];
  });
  const errors = findings.filter((f) => f.level === "error").length;
  const warnings = findings.filter((f) => f.level === "warning").length;
  lines.push(`exhibits check: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return lines.join("\n");
}

/** XML 1.0 text: the five entities escaped, and the characters XML cannot carry at all (C0 controls) left out. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/**
 * A JUnit XML report: a testsuite per suite, a testcase per finding. An error is a <failure>. A warning is a passed
 * testcase whose <system-out> says it: the check ran and what it found does not stop a build, so <skipped> (which
 * says a test did not run) would tell the reader something false; a CI then shows the text with the test.
 */
export function junitXml(caseId: string, suites: readonly Suite[]): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failed = suites.reduce((n, s) => n + failures(s), 0);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attr("name", `exhibits check ${caseId}`)}${attr("tests", tests)}${attr("failures", failed)}${attr("errors", 0)}>`,
    ...suites.flatMap((s) => suiteXml(caseId, s)),
    "</testsuites>",
  ].join("\n");
}

const attr = (k: string, v: string | number) => ` ${k}="${xmlText(String(v))}"`;
const failures = (s: Suite) => s.cases.filter((c) => c.level === "error").length;

function suiteXml(caseId: string, s: Suite): string[] {
  const counts = `${attr("tests", s.cases.length)}${attr("failures", failures(s))}${attr("errors", 0)}${attr("skipped", 0)}`;
  const out = [`  <testsuite${attr("name", s.name)}${counts}>`];
  const seen = new Map<string, number>();
  for (const c of s.cases) {
    const n = (seen.get(c.title) ?? 0) + 1;
    seen.set(c.title, n);
    const where = c.where ? `${attr("file", c.where.file)}${c.where.line ? attr("line", c.where.line) : ""}` : "";
    const name = attr("name", n > 1 ? `${c.title} #${n}` : c.title);
    const head = `    <testcase${attr("classname", `exhibits.${caseId}.${s.id}`)}${name}${where}`;
    if (c.level === "error") {
      const failure = `<failure${attr("message", c.message.split("\n")[0]!)} type="error">${xmlText(c.message)}</failure>`;
      out.push(`${head}>`, `      ${failure}`, "    </testcase>");
    } else if (c.level === "ok" && !c.acknowledged) out.push(`${head}/>`);
    else {
      const said = c.acknowledged ? `acknowledged in case.yaml: ${c.acknowledged}\n${c.message}` : `${c.level.toUpperCase()}: ${c.message}`;
      out.push(`${head}>`, `      <system-out>${xmlText(said)}</system-out>`, "    </testcase>");
    }
  }
  out.push("  </testsuite>");
  return out;
}
