/** The fixed words of the certification and notice, the settings they need, and the small helpers both use. */
import type { AppendixContext, AppendixExhibit, AppendixSource } from "../model/appendix.js";
import { formatOf, wordsOf } from "../intake/formats/index.js";
import { InvalidInputError } from "../util/errors.js";
import type { Paragraph } from "./certification-types.js";

export const CERTIFICATION_RULES = "Fed. R. Evid. 902(13) and 902(14)";
export const NOTICE_TITLE = "Notice of Intent to Offer Records Under Fed. R. Evid. 902(11), (13) and (14)";
export const DECLARATION_IN_US = "I declare under penalty of perjury that the foregoing is true and correct.";
export const DECLARATION_OUTSIDE_US =
  "I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.";
export const NO_TIMESTAMP = "none (not timestamped)";
export const UNKNOWN_CAPTURE = "unknown — not recorded";
export const MANIFEST_HASH_TEXT = "manifest.json (SHA-256 recorded in manifest.json.sha256)";
export const INSPECTION_PLACE = "the bundle folder, with manifest.json listing every file's SHA-256";
export const BLANK_DATE = "____________";
export const BLANK_PLACE = "________________________";

/** A numbered paragraph; `items` are its lettered sub-points (may be empty). */

export const MISSING_CERTIFICATION =
  "no certification settings, so the FRE 902(13)/(14) certification cannot name who certifies the records. Add to case.yaml, for " +
  "example:\n" +
  "certification:\n" +
  "  certifier:\n" +
  "    name: Jane Roe\n" +
  "    title: Brand-protection analyst\n" +
  "    employer: Example Investigations LLC\n" +
  '    qualifications: ["Eight years capturing online marketplace listings for trademark cases"]\n' +
  "Optional: signedAt (city, state, country), inUnitedStates (default true), clockSource (e.g. NTP-synchronised).";

export function settings(ctx: AppendixContext) {
  const c = ctx.config.certification;
  if (!c) throw new InvalidInputError({ file: "case.yaml", field: "certification" }, MISSING_CERTIFICATION);
  return c;
}

export const pl = (n: number, word: string, plural = `${word}s`) => `${n} ${n === 1 ? word : plural}`;
export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
export const bytesText = (n: number) => `${n.toLocaleString("en-US")} bytes`;
export const batesOf = (e: AppendixExhibit) => (e.batesFirst === e.batesLast ? e.batesFirst : `${e.batesFirst}–${e.batesLast}`);
export const exhibitRefs = (labels: string[]) => {
  const unique = [...new Set(labels)];
  return `${unique.length === 1 ? "Ex." : "Exs."} ${unique.join(", ")}`;
};
export function joinWords(list: string[]): string {
  if (list.length <= 1) return list.join("");
  if (list.length === 2) return `${list[0]} and ${list[1]}`;
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
export const distinct = <T>(xs: T[]) => [...new Set(xs)];

/** What the source's format says of itself in a certification. */
export const said = (s: AppendixSource) => wordsOf(s.media, s.platform).certification;
/** The format of a source as Part B names it ("PNG", "Instagram export"). */
export const formatWord = (s: AppendixSource) => said(s).name;
export const isPdf = (s: AppendixSource) => formatOf(s.media).family === "pdf";

export interface Located {
  exhibit: AppendixExhibit;
  source: AppendixSource;
}

export function numberer() {
  let n = 0;
  return (text: string, items: string[] = []): Paragraph => ({ number: ++n, text, items });
}

/** The FRE 902(13)/(14) certification (DOMAIN.md §3.2 points 1–7) of the records in this output tree. */
