/**
 * Schedule A as filed: the defendants (seller aliases) of a multi-defendant suit, numbered in case.yaml order, with the
 * store name, legal or business name, platform, seller ID and store or listing URL (and, for a seller with a website
 * of its own, the domain and its registrar). Schedule A is incorporated into the complaint, the TRO, the PI and the
 * judgment, so it says who each defendant is and nothing about the evidence: exhibits, Bates ranges and marks are in
 * the evidence map. The rows still carry each defendant's exhibits for the papers that cite them (damages).
 * Filed under seal by default: the public version shows only the columns case.yaml allows (scheduleA.publicColumns).
 *
 * The registrar is printed only when case.yaml states it (`defendants[].registrar`): Schedule A is a filed paper, so an
 * unknown registrar is left out rather than shown as a blank for counsel (which would stop a final build for a fact
 * Schedule A does not need).
 */
import type { AppendixContext, AppendixExhibit } from "../model/appendix.js";
import type { CaseConfig, ScheduleAColumn } from "../model/case.js";
import { ownDomain } from "../plan/index.js";
import { writeCsv } from "../util/csv.js";
import { markCitation } from "../util/marks.js";

export interface ScheduleARow {
  number: number;
  defendantId: string;
  /** The names the seller trades under (its aliases; its name when it has none). */
  alias: string;
  /** Its legal or business name, when it has aliases besides it (else the alias cell holds it). */
  name: string;
  platform: string;
  sellerId: string;
  storeUrl: string;
  /** The store's own domain (own-website sellers only): case.yaml `domain`, else the store URL's host. */
  domain: string;
  /** The domain's registrar, when case.yaml states it. */
  registrar: string;
  /** Marks shown in its exhibits (for the evidence map; not a Schedule A column). */
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
  name: "Legal or business name",
  platform: "Platform",
  sellerId: "Seller or merchant ID",
  storeUrl: "Store or listing URL",
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
    for (const e of own) for (const id of ctx.exhibitMarks?.get(e.number) ?? []) used.add(id);
    const markText = [...used]
      .map((id) => marks.get(id))
      .filter((m): m is NonNullable<typeof m> => m !== undefined)
      .map((m) => markCitation(m))
      .join("; ");
    const aliases = d.aliases.filter((a) => a !== d.name);
    return {
      number: i + 1,
      defendantId: d.id,
      alias: aliases.length ? aliases.join("; ") : d.name,
      name: aliases.length ? d.name : "",
      platform: d.platform ?? "",
      sellerId: d.sellerId ?? "",
      storeUrl: d.storeUrl ?? "",
      ...storeDomain(d, ctx.config),
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

/** The domain and registrar of a seller's own website (empty for a marketplace store). */
function storeDomain(d: CaseConfig["defendants"][number], config: CaseConfig): { domain: string; registrar: string } {
  const domain = d.domain ?? ownDomain(d, config) ?? "";
  return { domain, registrar: domain ? (d.registrar ?? "") : "" };
}

/** The columns of a version: every column under seal; the allowed ones (always with the number) in public. */
export function scheduleAColumns(sealed: boolean, publicColumns: readonly ScheduleAColumn[]): ScheduleAColumn[] {
  return sealed
    ? ["number", "alias", "name", "platform", "sellerId", "storeUrl"]
    : ["number", ...publicColumns.filter((c) => c !== "number")];
}

/** The spreadsheet columns of a version: its columns, with the domain and registrar beside the store URL. */
export function scheduleASheetColumns(columns: readonly ScheduleAColumn[]): { key: keyof ScheduleARow; header: string }[] {
  return columns.flatMap((c) => [
    { key: c, header: SCHEDULE_A_HEADERS[c] },
    ...(c === "storeUrl"
      ? [
          { key: "domain" as const, header: "Domain (own website)" },
          { key: "registrar" as const, header: "Registrar" },
        ]
      : []),
  ]);
}

export function scheduleACsv(rows: readonly ScheduleARow[], columns: readonly ScheduleAColumn[]): string {
  const sheet = scheduleASheetColumns(columns);
  return writeCsv(
    sheet.map((c) => c.header),
    rows.map((r) => sheet.map((c) => r[c.key])),
  );
}

/**
 * A URL cut into the pieces a line may break after: each ends at a "/", "?" or "&" (the template puts a break
 * opportunity, and nothing else, between them), so a URL never breaks inside a name, an id or a parameter.
 */
export function urlPieces(url: string): string[] {
  return url.match(/[^/?&]*(?:[/?&]|$)/g)?.filter(Boolean) ?? [];
}

/** Chinese, Japanese and Korean characters: a line may break between any two of them, as those languages set type. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** A Latin word longer than this (no name, id or domain is) is a run of characters, not a word: it may break. */
const LONGEST_WORD = 40;

/**
 * The pieces of one word a line may break between: a Latin word is one piece (names, ids and domains are never
 * broken); each CJK character is a piece of its own; a run of more than 40 characters without a space breaks
 * every 20, so that no cell is wider than the page (whatever is cut from the page is cut from the filing).
 */
export function wordPieces(word: string): string[] {
  const pieces = word.match(new RegExp(`${CJK_CHAR.source}|(?:(?!${CJK_CHAR.source})[\\s\\S])+`, "gu")) ?? [];
  return pieces.flatMap((p) => (p.length > LONGEST_WORD ? (p.match(/[\s\S]{1,20}/gu) ?? []) : [p]));
}

/**
 * One cell of the Schedule A PDF: text in words, each in pieces (a Latin word kept whole: a line breaks only
 * between words, never at a hyphen inside one, as in "studline-outlet.example"), or a URL in pieces with the own
 * website's domain and registrar.
 */
export interface ScheduleACell {
  cls: string;
  words: string[][];
  url: string[];
  domain: string;
  registrar: string;
}

export function scheduleAPdfRows(rows: readonly ScheduleARow[], columns: readonly ScheduleAColumn[]): { cells: ScheduleACell[] }[] {
  return rows.map((r) => ({
    cells: columns.map((c) =>
      c === "storeUrl"
        ? { cls: "url", words: [], url: urlPieces(r.storeUrl), domain: r.domain, registrar: r.registrar }
        : {
            cls: c === "number" ? "num" : c,
            words: String(r[c]).split(/\s+/).filter(Boolean).map(wordPieces),
            url: [],
            domain: "",
            registrar: "",
          },
    ),
  }));
}
