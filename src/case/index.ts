/**
 * Stage 1 of the pipeline: case folder → LoadedCase. Reads case.yaml, validates it against the one schema,
 * and checks the cross-references a schema cannot (unique ids, known marks and defendants).
 */
import { realpath, stat } from "../util/fs.js";
import { join, resolve, sep } from "node:path";
import { YAML_BOUNDS, yamlText } from "../schema/yaml-text.js";
import { readInputFile } from "../util/input-file.js";
import type { CaseConfig, LoadedCase } from "../model/case.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";

export const CASE_FILE = "case.yaml";

/**
 * Where a build keeps validated configurations, by case.yaml's text: a 500-defendant case.yaml takes a
 * fifth of a second to parse and validate, and a rebuild seldom changes it.
 */
export interface ParsedCaseMemo {
  recall(source: string): Promise<CaseConfig | undefined>;
  remember(source: string, config: CaseConfig): Promise<void>;
}

/** Load and validate `<dir>/case.yaml`. Throws InvalidInputErrors listing every problem found. */
export async function loadCase(dir: string, memo?: ParsedCaseMemo): Promise<LoadedCase> {
  const caseDir = resolve(dir);
  const file = join(caseDir, CASE_FILE);
  const shown = join(dir, CASE_FILE);
  const dirStat = await stat(caseDir).catch(() => undefined);
  if (!dirStat?.isDirectory()) {
    throw new InvalidInputError(
      { file: dir },
      "no such case folder; give the folder that holds case.yaml (start one with `exhibits init <dir>`)",
    );
  }
  const source = await readCaseFile(caseDir, file, shown);
  const recalled = await memo?.recall(source);
  if (recalled) return { dir: caseDir, file, displayDir: dir, config: recalled };
  const { caseSchema, parseYaml } = await import("../schema/index.js"); // zod and yaml: loaded when a case.yaml is parsed
  const parsed = parseYaml(source, shown, caseSchema);
  if ("errors" in parsed) throw new InvalidInputErrors(parsed.errors);

  const config: CaseConfig = {
    ...parsed.value,
    evidence: parsed.value.evidence.map((e, i) => ({ ...e, line: parsed.lineOf(["evidence", i]) })),
  };
  const problems = crossCheck(config, shown, parsed.lineOf);
  if (problems.length > 0) throw new InvalidInputErrors(problems);
  await memo?.remember(source, config);
  return { dir: caseDir, file, displayDir: dir, config, lineOf: parsed.lineWithin };
}

/** case.yaml's text: a regular file inside the case folder (a link is followed only within it), within its bound. */
async function readCaseFile(caseDir: string, file: string, shown: string): Promise<string> {
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined) throw new InvalidInputError({ file: shown }, "no case.yaml in this folder; start one with `exhibits init <dir>`");
  const realCase = await realpath(caseDir);
  if (!real.startsWith(realCase + sep)) {
    throw new InvalidInputError({ file: shown }, `is a link to ${real}, outside the case folder; keep case.yaml in the case folder`);
  }
  const bytes = readInputFile(real, shown, { maxBytes: YAML_BOUNDS.caseFile, boundOf: "case.yaml" });
  return yamlText(bytes, shown, YAML_BOUNDS.caseFile);
}

function crossCheck(c: CaseConfig, file: string, lineOf: (p: (string | number)[]) => number | undefined): InvalidInputError[] {
  const errors: InvalidInputError[] = [];
  const err = (path: (string | number)[], field: string, problem: string) =>
    errors.push(new InvalidInputError({ file, line: lineOf(path), field }, problem));

  const dupes = (ids: string[], what: string, key: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) err([key, i, "id"], `${key}[${i}].id`, `duplicate ${what} id '${id}'; each ${what} needs its own id`);
      seen.add(id);
    });
  };
  dupes(
    c.marks.map((m) => m.id),
    "mark",
    "marks",
  );
  dupes(
    c.defendants.map((d) => d.id),
    "defendant",
    "defendants",
  );

  const markIds = new Set(c.marks.map((m) => m.id));
  const defendantIds = new Set(c.defendants.map((d) => d.id));
  const known = (ids: Set<string>) => (ids.size ? [...ids].join(", ") : "none declared");
  c.evidence.forEach((e, i) => {
    if (e.defendant !== undefined && !defendantIds.has(e.defendant)) {
      err(
        ["evidence", i, "defendant"],
        `evidence[${i}].defendant`,
        `unknown defendant id '${e.defendant}'; known ids: ${known(defendantIds)}`,
      );
    }
    (e.defendants ?? []).forEach((d, j) => {
      if (!defendantIds.has(d)) {
        err(
          ["evidence", i, "defendants", j],
          `evidence[${i}].defendants[${j}]`,
          `unknown defendant id '${d}'; known ids: ${known(defendantIds)}`,
        );
      }
    });
    (e.marks ?? []).forEach((m, j) => {
      if (!markIds.has(m))
        err(["evidence", i, "marks", j], `evidence[${i}].marks[${j}]`, `unknown mark id '${m}'; known ids: ${known(markIds)}`);
    });
  });
  return errors;
}
