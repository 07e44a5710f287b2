/**
 * The court room: which court's conventions a case's papers follow (case.yaml `court:`; by default the court the
 * caption names, else the generic federal profile), and the paper CSS those conventions give.
 */
import { COURT_IDS, type CourtId, type CourtProfile } from "./profile.js";
import { PROFILES } from "./profiles.js";
export { COURT_IDS, type CourtId, type CourtProfile } from "./profile.js";
export { paperCss } from "./paper-css.js";
export { legalCaps } from "./caps.js";

export function courtProfile(id: CourtId): CourtProfile {
  return PROFILES[id];
}

/** The profile a case without `court:` gets: the one its caption's court names, else the federal one. */
export function defaultCourt(captionCourt: string): CourtId {
  if (/northern district of illinois/i.test(captionCourt)) return "nd-ill";
  if (/southern district of new york/i.test(captionCourt)) return "sdny";
  return "federal";
}

export function isCourtId(s: string): s is CourtId {
  return (COURT_IDS as readonly string[]).includes(s);
}
export { blanksIn, blanksPrinted, BLANK_PROBLEM, COUNSEL_BLANK, type BlankFound } from "./blanks.js";
