/**
 * Stage 9, appendices (sealed twin only): the reference list of Fed. R. Civ. P. 5.2(g) — every redaction of the public
 * copy, numbered as in redaction-log.csv, with its exhibit, the Bates page it is on in the public copy (and in this
 * sealed copy, where the highlighted text landed on another page), the item, place and layer, and the rule and basis
 * that allow it. Never the removed text: the sealed exhibits show it, highlighted, on the pages named. A basis the filer
 * has not stated is the bracketed blank for counsel. Its heading and explanation live in the template, marked a draft.
 */
import { BASIS_FOR_COUNSEL, type RedactionLogEntry } from "../model/redaction.js";
import { writeCsv } from "../util/csv.js";

export const REFERENCE_LIST_NAME = "redaction-reference-list";

export interface ReferenceRow {
  no: string;
  exhibit: string;
  bates: string;
  sealedBates: string;
  item: string;
  place: string;
  layer: string;
  rule: string;
  basis: string;
}

/** One row per redaction, in the log's order and numbering. */
export function referenceRows(log: readonly RedactionLogEntry[]): ReferenceRow[] {
  return log.map((e, i) => ({
    no: String(i + 1),
    exhibit: e.exhibit ?? "",
    bates: e.bates ?? "",
    sealedBates: e.sealedBates ?? e.bates ?? "",
    item: e.item,
    place: e.place,
    layer: e.layer,
    rule: e.name ? `${e.rule}: ${e.name}` : e.rule,
    basis: e.basis ?? BASIS_FOR_COUNSEL,
  }));
}

export function referenceListCsv(rows: readonly ReferenceRow[]): string {
  return writeCsv(
    ["No.", "Exhibit", "Bates page (public)", "Bates page (sealed)", "Item", "Place", "Layer", "Rule", "Basis"],
    rows.map((r) => [r.no, r.exhibit, r.bates, r.sealedBates, r.item, r.place, r.layer, r.rule, r.basis]),
  );
}

/** Rows per printed piece of the PDF: a long list is printed in pieces, like the exhibit index. */
export const REFERENCE_CHUNK_ROWS = 200;

export function referenceChunks(rows: readonly ReferenceRow[]): ReferenceRow[][] {
  const chunks: ReferenceRow[][] = [];
  for (let i = 0; i < rows.length; i += REFERENCE_CHUNK_ROWS) chunks.push(rows.slice(i, i + REFERENCE_CHUNK_ROWS));
  return chunks.length ? chunks : [[]];
}
