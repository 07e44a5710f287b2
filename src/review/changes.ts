/**
 * The body of an edit from the review page, checked for shape before it meets the sidecar (a request is data from a
 * browser: a field of the wrong type is refused here, naming it, and the values themselves by the sidecar schema).
 */
import type { FieldProblem, SidecarChanges } from "./types.js";

const isText = (v: unknown) => v === null || typeof v === "string";
const isInt = (v: unknown) => typeof v === "number" && Number.isFinite(v);

/** `changes` as SidecarChanges, or the fields whose type is wrong. */
export function readChanges(raw: Record<string, unknown>): SidecarChanges | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  const known = new Set(["title", "description", "marks", "reachedVia", "addRedact", "removeRedact"]);
  for (const k of Object.keys(raw)) if (!known.has(k)) bad(k, "this field is not edited from the review page");
  for (const k of ["title", "description"] as const) if (raw[k] !== undefined && !isText(raw[k])) bad(k, "expected a text");
  const marks = raw.marks;
  if (marks !== undefined && marks !== null && !(Array.isArray(marks) && marks.every((m) => typeof m === "string")))
    bad("marks", "expected a list of mark ids");
  const rv = raw.reachedVia as Record<string, unknown> | null | undefined;
  if (rv !== undefined && rv !== null) {
    if (typeof rv !== "object") bad("reachedVia", "expected url, how and note");
    else
      for (const k of ["url", "how", "note"])
        if (rv[k] !== undefined && typeof rv[k] !== "string") bad(`reachedVia.${k}`, "expected a text");
  }
  const box = raw.addRedact as Record<string, unknown> | undefined;
  if (box !== undefined) {
    if (typeof box !== "object" || box === null) bad("redact", "expected a box { x, y, width, height, reason }");
    else {
      for (const k of ["x", "y", "width", "height"]) if (!isInt(box[k])) bad(`redact.${k}`, "expected a number of pixels");
      for (const k of ["reason", "basis"]) if (box[k] !== undefined && typeof box[k] !== "string") bad(`redact.${k}`, "expected a text");
    }
  }
  if (raw.removeRedact !== undefined && !Number.isInteger(raw.removeRedact)) bad("removeRedact", "expected the index of a box");
  return problems.length ? { problems } : (raw as SidecarChanges);
}
