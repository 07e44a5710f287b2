/** How a mark is named wherever it is cited: its registration, its pending application, or as a common-law mark. */
import type { Mark } from "../model/case.js";

/** "Reg. No. 4,567,890", "App. Serial No. 97/123,456" or "a common-law mark (unregistered)". */
export function markStatus(m: Pick<Mark, "registration" | "application" | "commonLaw">): string {
  if (m.registration !== undefined) return `Reg. No. ${m.registration}`;
  if (m.application !== undefined) return `App. Serial No. ${m.application}`;
  return "a common-law mark (unregistered)";
}

/** "ROCKSTUD (Reg. No. 4,567,890)", "VLTN (App. Serial No. 97/123,456)", "STUDLINE (common-law mark)". */
export function markCitation(m: Mark): string {
  if (m.registration === undefined && m.application === undefined) return `${m.name} (common-law mark)`;
  return `${m.name} (${markStatus(m)})`;
}
