/**
 * Blanks for counsel: what a paper leaves open when the records do not say it ("[COUNSEL: …]", and the redaction
 * log's unstated basis). A final build (`--final`, case.yaml `final: true`) refuses while any remains in a paper it
 * files; the paths say which field of which paper holds it.
 */
import { BASIS_FOR_COUNSEL } from "../model/redaction.js";

export const COUNSEL_BLANK = /\[COUNSEL:[^\]]*\]/;
/** How a final build's refusal begins, for each blank (check --final reports these). */
export const BLANK_PROBLEM = "a blank for counsel remains";
const ANY_BLANK = new RegExp(`${COUNSEL_BLANK.source}|${BASIS_FOR_COUNSEL.replace(/[[\]().:]/g, "\\$&")}`);

export interface BlankFound {
  /** Where in the paper's data ("paragraphs.3.text"). */
  field: string;
  /** The blank itself. */
  blank: string;
}

/** Every blank for counsel in a paper's data, each string once per place. */
export function blanksIn(data: unknown, at: string[] = []): BlankFound[] {
  if (typeof data === "string") {
    const m = ANY_BLANK.exec(data);
    return m ? [{ field: at.join("."), blank: m[0] }] : [];
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => blanksIn(v, [...at, String(i)]));
  if (data && typeof data === "object") return Object.entries(data).flatMap(([k, v]) => blanksIn(v, [...at, k]));
  return [];
}
