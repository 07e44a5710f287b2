/**
 * Stage 9, appendices: the evidence map, an internal paper (sealed tree, or the single tree): each defendant by its
 * Schedule A number → its exhibits → their Bates ranges → the declaration paragraph that speaks of each. A row per
 * defendant holds an array of exhibits, so that the links between items (issue 20) can be added to it; exhibits that
 * concern no defendant are gathered in a last row, "case-wide".
 */
import type { CaseConfig } from "../model/case.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { declarationParagraph } from "../plan/index.js";
import { writeCsv } from "../util/csv.js";

export interface EvidenceMapExhibit {
  label: string;
  title: string;
  bates: string;
  /** Declaration paragraph (¶), when the case names a declarant. */
  paragraph?: number;
  /** "listed": the exhibit is listed under this defendant; "also": listed under another, and concerns this one too. */
  role: "listed" | "also";
}

export interface EvidenceMapRow {
  /** Schedule A number; undefined for the case-wide row. */
  number?: number;
  defendantId?: string;
  name: string;
  exhibits: EvidenceMapExhibit[];
}

export function evidenceMapRows(config: CaseConfig, plan: readonly PlannedExhibit[], withParagraphs: boolean): EvidenceMapRow[] {
  const entry = (e: PlannedExhibit, role: EvidenceMapExhibit["role"]): EvidenceMapExhibit => ({
    label: e.label,
    title: e.title,
    bates: e.bates.first === e.bates.last ? e.bates.first : `${e.bates.first}–${e.bates.last}`,
    ...(withParagraphs ? { paragraph: declarationParagraph(e.number) } : {}),
    role,
  });
  const rows: EvidenceMapRow[] = config.defendants.map((d, i) => ({
    number: i + 1,
    defendantId: d.id,
    name: d.name,
    exhibits: plan.flatMap((e) =>
      e.defendantId === d.id ? [entry(e, "listed")] : e.alsoDefendantIds?.includes(d.id) ? [entry(e, "also")] : [],
    ),
  }));
  const caseWide = plan.filter((e) => e.defendantId === undefined).map((e) => entry(e, "listed"));
  return caseWide.length ? [...rows, { name: "Case-wide (no defendant)", exhibits: caseWide }] : rows;
}

export function evidenceMapCsv(rows: readonly EvidenceMapRow[]): string {
  return writeCsv(
    ["Schedule A No.", "Defendant", "Exhibit", "Title", "Bates range", "Decl. ¶", "Listed"],
    rows.flatMap((r) =>
      (r.exhibits.length ? r.exhibits : [undefined]).map((e) => [
        r.number === undefined ? "" : String(r.number),
        r.name,
        e?.label ?? "",
        e?.title ?? "",
        e?.bates ?? "",
        e?.paragraph === undefined ? "" : String(e.paragraph),
        e ? (e.role === "listed" ? "under this defendant" : "under another defendant; concerns this one too") : "no exhibit",
      ]),
    ),
  );
}

/** The rows as the PDF's table lays them out: a defendant's cells on its first exhibit's line only. */
export function evidenceMapLines(rows: readonly EvidenceMapRow[]) {
  return rows.flatMap((r) =>
    (r.exhibits.length ? r.exhibits : [undefined]).map((e, k) => ({
      first: k === 0,
      number: k === 0 && r.number !== undefined ? String(r.number) : "",
      name: k === 0 ? r.name : "",
      label: e ? `${e.label}${e.role === "also" ? " (also)" : ""}` : "none",
      title: e?.title ?? "",
      bates: e?.bates ?? "",
      paragraph: e?.paragraph === undefined ? "" : `¶ ${e.paragraph}`,
    })),
  );
}
