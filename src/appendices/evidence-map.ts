/**
 * Stage 9, appendices: the evidence map, an internal paper (sealed tree, or the single tree): each defendant by its
 * Schedule A number → its exhibits → their Bates ranges → the declaration paragraph that speaks of each, then its chain
 * (found → listing → test buy → goods received, consistency/links.ts): each link with the exhibits and pin cites of its
 * two ends and how it was established, and the links that are missing. Exhibits that concern no defendant are gathered
 * in a last row, "case-wide".
 */
import type { CaseConfig } from "../model/case.js";
import { type ChainEnd, type DefendantChain, STEP_WORDS } from "../model/chain.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { declarationParagraph, formatBates } from "../plan/index.js";
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

/** One link of a defendant's chain as the map prints it: its steps, its two ends cited, and how it was established. */
export interface EvidenceMapLink {
  /** "found → listing" */
  link: string;
  /** "Ex. 7 at VAL000030 (message M00003)" */
  from: string;
  to: string;
  by: string;
  established: boolean;
}

export interface EvidenceMapMissing {
  link: string;
  /** The exhibit the gap is seen from, cited, when there is one. */
  at?: string;
  why: string;
}

export interface EvidenceMapRow {
  /** Schedule A number; undefined for the case-wide row. */
  number?: number;
  defendantId?: string;
  name: string;
  exhibits: EvidenceMapExhibit[];
  /** The defendant's chain (absent for the case-wide row). */
  links?: EvidenceMapLink[];
  missing?: EvidenceMapMissing[];
}

/** "Ex. 7 at VAL000030": the exhibit holding the item and the Bates number of the item's first page. */
export function pinCite(config: CaseConfig, plan: readonly PlannedExhibit[], itemId: string): string | undefined {
  const e = plan.find((x) => x.itemIds.includes(itemId));
  if (!e) return undefined;
  const page = e.pages.findIndex((p) => p.kind !== "cover" && p.itemId === itemId);
  return `Ex. ${e.label} at ${page < 0 ? e.bates.first : formatBates(config.bates, e.bates.firstNumber + page)}`;
}

function chainView(config: CaseConfig, plan: readonly PlannedExhibit[], chain: DefendantChain) {
  const cite = (id: string) => pinCite(config, plan, id) ?? `not in the bundle (${id})`;
  const side = (e: ChainEnd) => `${cite(e.itemId)} (${e.what})`;
  const steps = (a: ChainEnd["step"], b: ChainEnd["step"]) => (a === b ? STEP_WORDS[a] : `${STEP_WORDS[a]} → ${STEP_WORDS[b]}`);
  return {
    links: chain.links.map((l) => ({
      link: steps(l.from.step, l.to.step),
      from: side(l.from),
      to: side(l.to),
      by: l.by,
      established: l.established,
    })),
    missing: chain.missing.map((m) => ({ link: steps(m.from, m.to), ...(m.itemId ? { at: cite(m.itemId) } : {}), why: m.why })),
  };
}

/**
 * The map's rows. `chains` (consistency/links.ts, wired by the build) gives each defendant's links; a defendant without
 * one in it has no chain rows.
 */
export function evidenceMapRows(
  config: CaseConfig,
  plan: readonly PlannedExhibit[],
  withParagraphs: boolean,
  chains: readonly DefendantChain[] = [],
): EvidenceMapRow[] {
  const entry = (e: PlannedExhibit, role: EvidenceMapExhibit["role"]): EvidenceMapExhibit => ({
    label: e.label,
    title: e.title,
    bates: e.bates.first === e.bates.last ? e.bates.first : `${e.bates.first}–${e.bates.last}`,
    ...(withParagraphs ? { paragraph: declarationParagraph(e.number) } : {}),
    role,
  });
  const chainOf = (id: string) => {
    const c = chains.find((x) => x.defendantId === id);
    return c ? chainView(config, plan, c) : {};
  };
  const rows: EvidenceMapRow[] = config.defendants.map((d, i) => ({
    number: i + 1,
    defendantId: d.id,
    name: d.name,
    exhibits: plan.flatMap((e) =>
      e.defendantId === d.id ? [entry(e, "listed")] : e.alsoDefendantIds?.includes(d.id) ? [entry(e, "also")] : [],
    ),
    ...chainOf(d.id),
  }));
  const caseWide = plan.filter((e) => e.defendantId === undefined).map((e) => entry(e, "listed"));
  return caseWide.length ? [...rows, { name: "Case-wide (no defendant)", exhibits: caseWide }] : rows;
}

const CHAIN_COLUMNS = ["Link", "From", "To", "How established", "Established"];

/**
 * One CSV: the exhibit rows (the first seven columns, as before), then each defendant's chain rows (Schedule A No. and
 * Defendant, then the link's columns); a missing link has "missing" in its Established column.
 */
export function evidenceMapCsv(rows: readonly EvidenceMapRow[]): string {
  const blankChain = CHAIN_COLUMNS.map(() => "");
  return writeCsv(
    ["Schedule A No.", "Defendant", "Exhibit", "Title", "Bates range", "Decl. ¶", "Listed", ...CHAIN_COLUMNS],
    rows.flatMap((r) => {
      const no = r.number === undefined ? "" : String(r.number);
      const exhibits = (r.exhibits.length ? r.exhibits : [undefined]).map((e) => [
        no,
        r.name,
        e?.label ?? "",
        e?.title ?? "",
        e?.bates ?? "",
        e?.paragraph === undefined ? "" : String(e.paragraph),
        e ? (e.role === "listed" ? "under this defendant" : "under another defendant; concerns this one too") : "no exhibit",
        ...blankChain,
      ]);
      const lead = [no, r.name, "", "", "", "", ""];
      const links = (r.links ?? []).map((l) => [...lead, l.link, l.from, l.to, l.by, l.established ? "yes" : "no"]);
      const missing = (r.missing ?? []).map((m) => [...lead, m.link, m.at ?? "", "", m.why, "missing"]);
      return [...exhibits, ...links, ...missing];
    }),
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

/** Each defendant's chain as the PDF's second table lays it out: a heading line per defendant, then its links. */
export function evidenceMapChainLines(rows: readonly EvidenceMapRow[]) {
  return rows
    .filter((r) => r.links !== undefined)
    .map((r) => {
      const lines = [
        ...(r.links ?? []).map((l) => ({ link: l.link, from: l.from, to: l.to, by: l.by, established: l.established ? "yes" : "no" })),
        ...(r.missing ?? []).map((m) => ({ link: m.link, from: m.at ?? "", to: "", by: m.why, established: "missing" })),
      ];
      return {
        heading: `${r.number === undefined ? "" : `${r.number}. `}${r.name}`,
        lines: lines.length ? lines : [{ link: "", from: "", to: "", by: "no link found", established: "" }],
      };
    });
}
