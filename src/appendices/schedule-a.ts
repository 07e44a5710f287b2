/**
 * Schedule A: the defendants (seller aliases) in a multi-defendant suit, numbered in case.yaml order, with
 * platform, seller id, store URL and the marks each infringes — built from the same case and plan as the
 * exhibits, so numbers and exhibit references cannot drift. Filed under seal by default: the public version
 * shows only the columns case.yaml allows (scheduleA.publicColumns).
 */
import type { AppendixContext, AppendixExhibit } from "../model/appendix.js";
import type { ScheduleAColumn } from "../model/case.js";
import { writeCsv } from "../util/csv.js";
import { markCitation } from "../util/marks.js";

export interface ScheduleARow {
  number: number;
  defendantId: string;
  alias: string;
  platform: string;
  sellerId: string;
  storeUrl: string;
  marks: string;
  /** The defendant's own exhibits, then those listed under another defendant that concern it too ("2, 3; also 5"). */
  exhibits: string;
  /** Its own exhibits only ("2, 3"), which `bates` spans. */
  ownExhibits: string;
  /** Exhibits listed under another defendant that concern it too ("5"). */
  alsoExhibits: string;
  bates: string;
}

export const SCHEDULE_A_HEADERS: Record<ScheduleAColumn, string> = {
  number: "No.",
  alias: "Seller alias / store name",
  platform: "Platform",
  sellerId: "Seller / merchant ID",
  storeUrl: "Store URL",
  marks: "Marks (Reg. Nos.)",
};

/** An exhibit as Schedule A cites it. */
export type ScheduleAExhibit = Pick<AppendixExhibit, "number" | "label" | "defendantId" | "batesFirst" | "batesLast"> & {
  alsoDefendants?: { id: string }[];
};

/**
 * What Schedule A is made from: the case (as the tree names it) and every exhibit of the plan — the sealed tree's
 * Schedule A cites the exhibits the public filing holds too, by the same labels and Bates numbers.
 */
export interface ScheduleAInputs {
  config: AppendixContext["config"];
  exhibits: readonly ScheduleAExhibit[];
  exhibitMarks?: AppendixContext["exhibitMarks"];
}

export function scheduleARows(ctx: ScheduleAInputs): ScheduleARow[] {
  const marks = new Map(ctx.config.marks.map((m) => [m.id, m]));
  const exhibitsOf = new Map<string | undefined, ScheduleAExhibit[]>();
  const alsoOf = new Map<string, ScheduleAExhibit[]>();
  for (const e of ctx.exhibits) {
    const own = exhibitsOf.get(e.defendantId);
    if (own) own.push(e);
    else exhibitsOf.set(e.defendantId, [e]);
    for (const d of e.alsoDefendants ?? []) alsoOf.set(d.id, [...(alsoOf.get(d.id) ?? []), e]);
  }
  return ctx.config.defendants.map((d, i) => {
    const own = exhibitsOf.get(d.id) ?? [];
    const used = new Set<string>();
    for (const e of own) for (const id of markIdsOf(ctx, e.number)) used.add(id);
    const markText = [...used]
      .map((id) => marks.get(id))
      .filter((m): m is NonNullable<typeof m> => m !== undefined)
      .map((m) => markCitation(m))
      .join("; ");
    return {
      number: i + 1,
      defendantId: d.id,
      alias: [d.name, ...d.aliases.filter((a) => a !== d.name)].join(" / "),
      platform: d.platform ?? "",
      sellerId: d.sellerId ?? "",
      storeUrl: d.storeUrl ?? "",
      marks: markText,
      // An exhibit listed under another defendant that concerns this one too is cross-referenced ("also 5").
      exhibits: [own.map((e) => e.label).join(", "), (alsoOf.get(d.id) ?? []).map((e) => `also ${e.label}`).join(", ")]
        .filter(Boolean)
        .join("; "),
      ownExhibits: own.map((e) => e.label).join(", "),
      alsoExhibits: (alsoOf.get(d.id) ?? []).map((e) => e.label).join(", "),
      bates: own.length ? `${own[0].batesFirst} – ${own[own.length - 1].batesLast}` : "",
    };
  });
}

/** Marks shown in an exhibit's evidence (ids), from the exhibit's sources' metadata. */
function markIdsOf(ctx: ScheduleAInputs, exhibitNumber: number): string[] {
  return ctx.exhibitMarks?.get(exhibitNumber) ?? [];
}

export function scheduleAColumns(sealed: boolean, publicColumns: readonly ScheduleAColumn[]): ScheduleAColumn[] {
  return sealed
    ? ["number", "alias", "platform", "sellerId", "storeUrl", "marks"]
    : ["number", ...publicColumns.filter((c) => c !== "number")];
}

export function scheduleACsv(rows: readonly ScheduleARow[], columns: readonly ScheduleAColumn[], withEvidence: boolean): string {
  const header = [...columns.map((c) => SCHEDULE_A_HEADERS[c]), ...(withEvidence ? ["Exhibits", "Bates range"] : [])];
  return writeCsv(
    header,
    rows.map((r) => [...columns.map((c) => r[c]), ...(withEvidence ? [r.exhibits, r.bates] : [])]),
  );
}
