/** The check's findings in a build: errors stop it (naming case.yaml and the check), warnings are printed. */
import type { CheckReport } from "../consistency/index.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import type { Logger } from "../util/log.js";

export function stopOnCheckErrors(report: CheckReport, caseFile: string, log: Logger): void {
  const findings = [
    ...report.general,
    ...report.defendants.flatMap((d) => d.findings.map((f) => ({ ...f, message: `${d.name}: ${f.message}` }))),
  ];
  const errors = findings.filter((f) => f.level === "error");
  if (errors.length) throw new InvalidInputErrors(errors.map((f) => new InvalidInputError({ file: caseFile, field: f.check }, f.message)));
  for (const w of findings.filter((f) => f.level === "warning")) log.info(`warning (${w.check}): ${w.message}`);
}
