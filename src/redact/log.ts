/**
 * Stage 6 (redact): the redaction log of a build — every redaction made in rendered text (recorded by the Redactor
 * as documents were laid out), every pixel region of an image, and whatever other finders recorded — each named by
 * its exhibit and the Bates page it is on, in bundle order (exhibit order, then the order the redactions were made
 * within each item). Never the removed text. Entries name their item by id: the file's path, or for one of several
 * selections from an export, that path and its case.yaml entry.
 *
 * The Bates page: a text redaction's page is where its mark's anchor landed in the print (RenderedDocument.marks);
 * an image region's pages are those showing its pixel rows (a tall screenshot is cut into bands); an entry that
 * says which page of its item it is on is on that page. Without any of these the log gives the Bates range of the
 * item's pages: it never names a page it does not know.
 */
import type { BatesSettings } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PageSpec, PlannedExhibit } from "../model/exhibit.js";
import { BASIS_FOR_COUNSEL, type ExhibitRedactions, type RedactionLogEntry } from "../model/redaction.js";
import type { Twin } from "../model/twin.js";
import type { RenderedDocument } from "../model/rendered.js";
import { formatBates } from "../plan/index.js";
import { formulaSafe } from "../util/formula-safe.js";

type Position = NonNullable<RedactionLogEntry["at"]>;

const LAYER_WORDS = { ocr: "found in the image's OCR words", "dom-text": "found in the capture's page text" } as const;

export function redactionLog(
  textRedactions: readonly RedactionLogEntry[],
  items: readonly EvidenceItem[],
  exhibits: readonly PlannedExhibit[],
  documents: ReadonlyMap<string, Pick<RenderedDocument, "marks">> = new Map(),
  bates?: BatesSettings,
): RedactionLogEntry[] {
  const regions = items.flatMap((it) =>
    (it.redact ?? []).map(
      (r, i): RedactionLogEntry => ({
        item: it.id,
        place:
          `${r.layer ? `${LAYER_WORDS[r.layer]}, ` : ""}region ${i + 1} ` +
          `(x ${r.x}, y ${r.y}, ${r.width}×${r.height} px)${r.reason ? ` — ${r.reason}` : ""}`,
        layer: r.layer ?? "image-region",
        rule: r.rule ?? "region",
        ...(r.basis ? { basis: r.basis } : {}),
        at: { rows: { from: r.y, to: r.y + r.height } },
      }),
    ),
  );
  const exhibitOf = new Map(exhibits.flatMap((e) => e.itemIds.map((id) => [id, e] as const)));
  const log = [...textRedactions, ...regions].map((e): RedactionLogEntry => {
    const exhibit = exhibitOf.get(e.item);
    if (!exhibit) return { ...e };
    const at = positionOf(e, documents);
    const pages = bates ? batesPages(exhibit, e.item, at, bates) : undefined;
    return { ...e, exhibit: exhibit.label, ...(at ? { at } : {}), ...(pages ?? {}) };
  });
  const numberOf = new Map(exhibits.map((e) => [e.label, e.number]));
  const position = new Map(log.map((e, i) => [e, i]));
  return log.sort(
    (a, b) => (numberOf.get(a.exhibit ?? "") ?? 0) - (numberOf.get(b.exhibit ?? "") ?? 0) || position.get(a)! - position.get(b)!,
  );
}

/** Where in its item an entry is: as recorded, or for a text redaction, the pages its mark landed on in each twin. */
function positionOf(e: RedactionLogEntry, documents: ReadonlyMap<string, Pick<RenderedDocument, "marks">>): Position | undefined {
  if (e.at || !e.mark) return e.at;
  const marks = documents.get(e.item)?.marks;
  const page = marks?.public?.[e.mark] ?? marks?.single?.[e.mark];
  const sealedPage = marks?.sealed?.[e.mark];
  if (page === undefined && sealedPage === undefined) return undefined;
  return { ...(page !== undefined ? { page } : {}), ...(sealedPage !== undefined ? { sealedPage } : {}) };
}

/** Whether an exhibit page of the item shows the position (page index of the item, or image rows). */
function shows(p: PageSpec, item: string, page: number | undefined, at: Position | undefined): boolean {
  if (p.kind === "cover" || p.itemId !== item) return false;
  if (at?.rows && p.kind === "image") return !p.rows || (p.rows.from < at.rows.to && at.rows.from < p.rows.to);
  if (page !== undefined && (p.kind === "rendered" || p.kind === "pdf-page")) return p.pageIndex === page;
  return page === undefined && !at?.rows;
}

/** The Bates page(s) of the position in the exhibit, public and (when it differs) sealed. */
function batesPages(
  exhibit: PlannedExhibit,
  item: string,
  at: Position | undefined,
  settings: BatesSettings,
): Pick<RedactionLogEntry, "bates" | "sealedBates"> {
  const span = (page: number | undefined) => {
    let hits = exhibit.pages.flatMap((p, j) => (shows(p, item, page, at) ? [j] : []));
    // A position no page shows (a mark Chromium did not report): the item's pages, which hold it somewhere.
    if (hits.length === 0) hits = exhibit.pages.flatMap((p, j) => (p.kind !== "cover" && p.itemId === item ? [j] : []));
    if (hits.length === 0) return undefined;
    const first = formatBates(settings, exhibit.bates.firstNumber + hits[0]!);
    const last = formatBates(settings, exhibit.bates.firstNumber + hits[hits.length - 1]!);
    return first === last ? first : `${first}–${last}`;
  };
  const bates = span(at?.page ?? (at?.sealedPage === undefined ? undefined : -1));
  const sealedBates = at?.sealedPage !== undefined ? span(at.sealedPage) : undefined;
  return { ...(bates ? { bates } : {}), ...(sealedBates && sealedBates !== bates ? { sealedBates } : {}) };
}

/** Per exhibit label, what its cover in this twin says of its redactions: count, Bates pages, bases (each once, in log order). */
export function exhibitRedactions(log: readonly RedactionLogEntry[], twin: Twin): Map<string, ExhibitRedactions> {
  const out = new Map<string, ExhibitRedactions>();
  for (const e of log) {
    if (!e.exhibit) continue;
    let r = out.get(e.exhibit);
    if (!r) out.set(e.exhibit, (r = { count: 0, pages: [], bases: [] }));
    r.count++;
    const page = twin === "sealed" ? (e.sealedBates ?? e.bates) : e.bates;
    if (page && !r.pages.includes(page)) r.pages.push(page);
    const basis = e.basis ?? BASIS_FOR_COUNSEL;
    if (!r.bases.includes(basis)) r.bases.push(basis);
  }
  for (const r of out.values()) r.pages.sort();
  return out;
}

export const REDACTION_LOG_HEADER = ["no.", "exhibit", "bates", "item", "place", "layer", "rule", "basis"] as const;

/**
 * The redaction log as CSV: a number for each redaction (the reference list in the sealed twin uses the same), the
 * exhibit and Bates page, item, place, layer, rule and basis; never the removed text. A basis not stated is the
 * bracketed blank for counsel.
 */
export function redactionLogCsv(entries: readonly RedactionLogEntry[]): string {
  const q = (text: string) => {
    const s = formulaSafe(text);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = entries.map((e, i) =>
    [
      String(i + 1),
      e.exhibit ?? "",
      e.bates ?? "",
      e.item,
      e.place,
      e.layer,
      e.name ? `${e.rule}: ${e.name}` : e.rule,
      e.basis ?? BASIS_FOR_COUNSEL,
    ]
      .map(q)
      .join(","),
  );
  return [REDACTION_LOG_HEADER.join(","), ...rows].join("\n") + "\n";
}
