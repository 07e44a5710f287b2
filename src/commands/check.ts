/** `exhibits check <case>`: validate the case and lint completeness per defendant, without rendering anything. */
import { resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { computeDamages, planExhibits } from "../plan/index.js";
import { checkCase, estimateRenderedPages, type CheckReport } from "../consistency/index.js";
import { missingBases } from "../redact/index.js";
import { ocrReadiness } from "./ocr-readiness.js";

export interface CheckOptions {
  cwd: string;
  caseDir: string;
  env?: NodeJS.ProcessEnv;
}

export async function check(opts: CheckOptions): Promise<{ caseId: string; report: CheckReport }> {
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir))), displayDir: opts.caseDir };
  const intake = await intakeEvidence(loaded);
  // out-of-range requests are errors
  if (loaded.config.damages) computeDamages(loaded.config.damages, loaded.config, `${opts.caseDir}/case.yaml`);
  const exhibits = planExhibits(loaded.config, intake.items, estimateRenderedPages(intake.items));
  const report = checkCase(loaded.config, intake.items, exhibits, true);
  for (const m of missingBases(loaded.config.redaction, intake.items)) {
    report.general.push({ check: "redaction-basis", level: "warning", message: `${m.file} (${m.field}): ${m.message}` });
    report.warnings++;
  }
  const ocr = await ocrReadiness(loaded.config, intake.items, opts.env);
  report.general.push(ocr);
  if (ocr.level === "warning") report.warnings++;
  if (ocr.level === "error") Object.assign(report, { errors: report.errors + 1, ok: false });
  return { caseId: loaded.config.id, report };
}
