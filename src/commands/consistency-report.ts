/** The consistency findings added to a check report: each unacknowledged one a warning, and stale acknowledgements said. */
import { staleAcknowledgements, type CheckReport } from "../consistency/index.js";
import type { CaseConfig } from "../model/case.js";
import type { ConsistencyFinding } from "../model/consistency.js";

export function addConsistency(
  report: CheckReport,
  config: CaseConfig,
  findings: ConsistencyFinding[],
  at?: (path: (string | number)[]) => { file: string; line?: number },
): void {
  report.consistency = findings;
  report.warnings += findings.filter((f) => !f.acknowledged && f.severity !== "note").length;
  for (const id of staleAcknowledgements(config, findings)) {
    const i = (config.acknowledge ?? []).findIndex((a) => a.finding === id);
    report.general.push({
      check: "acknowledge",
      level: "warning",
      message: `case.yaml acknowledges finding ${id}, which this evidence no longer gives (the evidence changed, or the id is mistyped)`,
      ...(at ? { where: at(["acknowledge", i]) } : {}),
    });
    report.warnings++;
  }
}
