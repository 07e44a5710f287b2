/**
 * The stylesheet a profile gives filed papers: page size and margins, body and table sizes, line spacing. Made from
 * the profile (code, never evidence) and registered as the `style-paper` (and `style-paper-landscape`) partial of the
 * profile's templates.
 */
import type { CourtProfile } from "./profile.js";

const inches = (m: CourtProfile["portrait"]["margins"]) => `${m.top}in ${m.right}in ${m.bottom}in ${m.left}in`;

export function paperCss(p: CourtProfile, orientation: "portrait" | "landscape" = "portrait"): string {
  return [
    orientation === "portrait"
      ? `@page { size: 8.5in 11in; margin: ${inches(p.portrait.margins)}; }`
      : `@page { size: 11in 8.5in; margin: ${inches(p.landscape.margins)}; }`,
    `body { font-size: ${p.bodyPt}pt; line-height: 1.25; }`,
    `:root { --body-pt: ${p.bodyPt}pt; --body-lh: ${p.bodyLineHeight}; --table-pt: ${p.tablePt}pt; --mono-pt: ${p.monoPt}pt; }`,
  ].join("\n");
}
