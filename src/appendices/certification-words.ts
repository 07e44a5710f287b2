/** The settings the certification and notice need, and the small helpers both use (no legal prose: see the templates). */
import type { AppendixContext, AppendixExhibit, AppendixSource } from "../model/appendix.js";
import { formatOf, wordsOf } from "../intake/formats/index.js";
import { InvalidInputError } from "../util/errors.js";

export const CERTIFICATION_TITLE = (name: string) => `Certification of ${name} Pursuant to Fed. R. Evid. 902(13) and 902(14)`;
export const NOTICE_TITLE = "Notice of Intent to Offer Records Under Fed. R. Evid. 902(11), (13) and (14)";
/** The list of the records the notice refers to, with its own SHA-256 printed in the notice. */
export const RECORDS_MANIFEST = "records-manifest.json";

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

export function settings(ctx: Pick<AppendixContext, "config">) {
  const c = ctx.config.certification;
  if (!c) throw new InvalidInputError({ file: "case.yaml", field: "certification" }, MISSING_CERTIFICATION);
  return c;
}

export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
export const bytesText = (n: number) => n.toLocaleString("en-US");
export const batesOf = (e: Pick<AppendixExhibit, "batesFirst" | "batesLast">) =>
  e.batesFirst === e.batesLast ? e.batesFirst : `${e.batesFirst}–${e.batesLast}`;
export function joinWords(list: string[]): string {
  if (list.length <= 1) return list.join("");
  if (list.length === 2) return `${list[0]} and ${list[1]}`;
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
export const distinct = <T>(xs: T[]) => [...new Set(xs)];
/** "Ex. 3 (a.png); Ex. 5 (b.csv)" */
export const refsText = (refs: string[]) => distinct(refs).join("; ");

/** "Exhibit 3", "Exhibits 2 through 9" (consecutive in the plan), "Exhibits 2, 4 and 7". */
export function exhibitsText(labels: string[], consecutive: boolean): string {
  if (labels.length === 0) return "no exhibits";
  if (labels.length === 1) return `Exhibit ${labels[0]}`;
  return consecutive ? `Exhibits ${labels[0]} through ${labels[labels.length - 1]}` : `Exhibits ${joinWords(labels)}`;
}

/** What the source's format says of itself in a certification. */
export const said = (s: AppendixSource) => wordsOf(s.media, s.platform).certification;
export const familyOf = (s: AppendixSource) => formatOf(s.media).family;

/** Numbers the paragraphs present, in the order given: `{ who: 1, copies: 2, … }` (absent ids get none). */
export function numbered(ids: readonly (string | false | undefined)[]): Record<string, number> {
  const n: Record<string, number> = {};
  let i = 0;
  for (const id of ids) if (id) n[id] = ++i;
  return n;
}
