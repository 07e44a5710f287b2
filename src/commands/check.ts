/** `exhibits check <case>`: validate the case and lint completeness per defendant, without rendering anything. */
import { resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { computeDamages, planExhibits } from "../plan/index.js";
import { checkCase, estimateRenderedPages, type CheckReport } from "../consistency/index.js";

export interface CheckOptions {
  cwd: string;
  caseDir: string;
}

export async function check(opts: CheckOptions): Promise<{ caseId: string; report: CheckReport }> {
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir))), displayDir: opts.caseDir };
  const intake = await intakeEvidence(loaded);
  // out-of-range requests are errors
  if (loaded.config.damages) computeDamages(loaded.config.damages, loaded.config, `${opts.caseDir}/case.yaml`);
  const exhibits = planExhibits(loaded.config, intake.items, estimateRenderedPages(intake.items));
  return { caseId: loaded.config.id, report: checkCase(loaded.config, intake.items, exhibits, true) };
}
