/**
 * Blanks for counsel: what a paper leaves open when the records do not say it ("[COUNSEL: …]", and the redaction
 * log's unstated basis). A final build (`--final`, case.yaml `final: true`) refuses while any remains in a paper it
 * files; the paths say which field of which paper holds it.
 */
import { BASIS_FOR_COUNSEL } from "../model/redaction.js";
import { decodeEntities } from "../util/html-entities.js";

export const COUNSEL_BLANK = /\[COUNSEL:[^\]]*\]/;
/** How a final build's refusal begins, for each blank (check --final reports these). */
export const BLANK_PROBLEM = "a blank for counsel remains";
const ANY_BLANK = new RegExp(`${COUNSEL_BLANK.source}|${BASIS_FOR_COUNSEL.replace(/[[\]().:]/g, "\\$&")}`, "g");

export interface BlankFound {
  /** Where in the paper's data ("paragraphs.3.text"). */
  field: string;
  /** The blank itself. */
  blank: string;
}

/** Every blank for counsel in a paper's data, each string once per place. */
export function blanksIn(data: unknown, at: string[] = []): BlankFound[] {
  if (typeof data === "string") return [...data.matchAll(ANY_BLANK)].map((m) => ({ field: at.join("."), blank: m[0] }));
  if (Array.isArray(data)) return data.flatMap((v, i) => blanksIn(v, [...at, String(i)]));
  if (data && typeof data === "object") return Object.entries(data).flatMap(([k, v]) => blanksIn(v, [...at, k]));
  return [];
}

/**
 * The blanks a paper prints, from its HTML as laid out (a template's own words included; a field's blank the template
 * leaves out is not printed, so not counted): each blank once, with how often it is printed and the first field of the
 * data that holds it (none: the template's own words).
 */
export function blanksPrinted(html: string, data: unknown): { blank: string; count: number; field?: string }[] {
  const text = decodeEntities(html.replace(/<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, " ").replace(/<[^>]*>/g, "")).replace(/\s+/g, " ");
  const counts = new Map<string, number>();
  for (const m of text.matchAll(ANY_BLANK)) {
    const blank = m[0].replace(/\s+/g, " ");
    counts.set(blank, (counts.get(blank) ?? 0) + 1);
  }
  const fields = blanksIn(data);
  return [...counts].map(([blank, count]) => {
    const field = fields.find((f) => f.blank.replace(/\s+/g, " ") === blank)?.field;
    return { blank, count, ...(field !== undefined ? { field } : {}) };
  });
}
