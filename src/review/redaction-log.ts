/**
 * The last build's redaction log (`<out>/<case-id>/sealed/redaction-log.csv`) as the review page uses it: the regions
 * the build burnt out of an image because its OCR words (or a capture's DOM text) matched a redaction rule, offered as
 * suggested boxes to accept into the sidecar; and the Bates page each redaction of an item is on, to show that page of
 * the twins first.
 *
 * Why the log and not a fresh search of the cached OCR words: the log is what the filed copy actually has — every rule,
 * and every value removed elsewhere in the case that the build then hunted in the images (the Redactor learns those as
 * the build goes, in the build's order). A second search outside the build would have to repeat that order to find the
 * same regions, and a region it found that the build did not would be a suggestion no record shows. The cost: nothing
 * is suggested before a first build, and a log older than the evidence suggests what that older build found.
 */
import { parseCsv } from "../util/csv.js";
import type { RedactBox } from "./types.js";

export interface LogRow {
  exhibit: string;
  bates: string;
  item: string;
  place: string;
  layer: string;
  rule: string;
  basis: string;
}

/** A region the last build found by a word layer, as the review page offers it. */
export interface SuggestedBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The rule as the log names it ("financial-account", "case-pattern: investigator's direct line"). */
  rule: string;
  basis?: string;
  layer: "ocr" | "dom-text";
}

/** A cell as written by formulaSafe (a leading apostrophe before = + - @ is the log's, not the value's). */
const cell = (s: string | undefined) => (s ?? "").replace(/^'(?=[=+\-@\t\r])/, "");

/** The rows of a redaction log's CSV text (empty when it is not one). */
export function readRedactionLog(text: string): LogRow[] {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text, ",");
  } catch {
    return [];
  }
  const col = (name: string) => table.header.indexOf(name);
  const idx = { exhibit: col("exhibit"), bates: col("bates"), item: col("item"), place: col("place"), layer: col("layer") };
  const rule = col("rule");
  const basis = col("basis");
  if (Object.values(idx).some((i) => i < 0) || rule < 0) return [];
  return table.rows.map((r) => ({
    exhibit: cell(r.cells[idx.exhibit]),
    bates: cell(r.cells[idx.bates]),
    item: cell(r.cells[idx.item]),
    place: cell(r.cells[idx.place]),
    layer: cell(r.cells[idx.layer]),
    rule: cell(r.cells[rule]),
    basis: cell(r.cells[basis]),
  }));
}

const REGION = /region \d+ \(x (\d+), y (\d+), (\d+)×(\d+) px\)/;

/** Whether box `a` lies inside box `b` (a box accepted, or drawn over it, covers the suggestion). */
const within = (a: RedactBox, b: RedactBox) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** The word-layer regions of `itemId` in the log that none of the item's own boxes (`accepted`) already covers. */
export function suggestedBoxes(rows: readonly LogRow[], itemId: string, accepted: readonly RedactBox[]): SuggestedBox[] {
  const out: SuggestedBox[] = [];
  for (const r of rows) {
    if (r.item !== itemId || (r.layer !== "ocr" && r.layer !== "dom-text")) continue;
    const m = REGION.exec(r.place);
    if (!m) continue;
    const box = { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
    if (accepted.some((a) => within(box, a)) || out.some((o) => within(box, o))) continue;
    // A basis the log left for counsel ("[COUNSEL: …]") is no basis: the sidecar gets none, and the build asks again.
    const basis = r.basis.startsWith("[COUNSEL:") ? undefined : r.basis;
    out.push({ ...box, rule: r.rule, layer: r.layer, ...(basis ? { basis } : {}) });
  }
  return out;
}

/** The Bates number's digits (the last run of digits: "VAL000022" → 22; a range "A–B" → A's). */
function batesNumber(bates: string): number | undefined {
  const first = bates.split("–")[0] ?? "";
  const m = /(\d+)\D*$/.exec(first);
  return m ? Number(m[1]) : undefined;
}

/**
 * The page (1-based, within its exhibit) of the item's redaction the page should show first: the last box of the item's
 * own (the one just drawn or accepted), else its first redaction of any kind. Undefined when the log names no page.
 */
export function redactedPage(
  rows: readonly LogRow[],
  itemId: string,
  exhibitFirstBates: string,
  own: readonly RedactBox[],
): number | undefined {
  const mine = rows.filter((r) => r.item === itemId && r.bates);
  const last = own[own.length - 1];
  const ownRow = last
    ? mine.find((r) => r.layer === "image-region" && r.place.includes(`(x ${last.x}, y ${last.y}, ${last.width}×${last.height} px)`))
    : undefined;
  const row = ownRow ?? mine[0];
  const at = row ? batesNumber(row.bates) : undefined;
  const first = batesNumber(exhibitFirstBates);
  if (at === undefined || first === undefined || at < first) return undefined;
  return at - first + 1;
}
