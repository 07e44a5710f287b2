/**
 * The shipped court profiles. Rules cited are those the geometry follows; verify the current local rules and the
 * judge's standing order before filing (DOMAIN.md §2.7).
 */
import type { CourtId, CourtProfile } from "./profile.js";

const ONE_INCH = { top: 1, right: 1, bottom: 1, left: 1 };

/** Any federal district court: US Letter, 1-inch margins, 12-point body, double-spaced paragraphs. */
const federal: CourtProfile = {
  id: "federal",
  short: "federal",
  paperRule: "Common federal practice (US Letter, 1-inch margins, 12-point body)",
  portrait: { margins: ONE_INCH },
  landscape: { margins: ONE_INCH },
  bodyPt: 12,
  bodyLineHeight: 2,
  tablePt: 11,
  monoPt: 10,
  pageNumber: "Page {n} of {total}",
  exhibitTo: "Exhibit {label} to the Declaration of {declarant}",
  ecfEmbeddedFiles: true,
  maxMegabytes: 35,
};

/** N.D. Ill.: LR 5.2(c) — 12-point body, 11-point footnotes, 1-inch margins, double spacing, numbered pages. */
const ndIll: CourtProfile = {
  ...federal,
  id: "nd-ill",
  short: "N.D. Ill.",
  paperRule: "N.D. Ill. LR 5.2(c)",
  // CM/ECF filers attach each exhibit as its own PDF; embedded files are not part of the filed record.
  ecfEmbeddedFiles: false,
};

/** S.D.N.Y.: Local Civil Rule 11.1(b) — 12-point body, 1-inch margins, double spacing, numbered pages. */
const sdny: CourtProfile = {
  ...federal,
  id: "sdny",
  short: "S.D.N.Y.",
  paperRule: "S.D.N.Y. Local Civil Rule 11.1(b)",
  // ECF Rules 13.3: each exhibit is its own attachment with a clear title.
  ecfEmbeddedFiles: false,
};

export const PROFILES: Record<CourtId, CourtProfile> = { federal, "nd-ill": ndIll, sdny };
