/// <reference lib="dom" />
/**
 * The item's fields in the review page (browser code): filled from the state, read back as the changes to send, and
 * the server's refusals shown beside the field each names ("marks[0]" beside the marks, "reachedVia.url" beside it).
 */
import type { FieldProblem, ReviewItem, ReviewState, SidecarChanges } from "../types.js";

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function input(id: string): HTMLInputElement {
  return $<HTMLInputElement>(id);
}

/** Fill the form with `item`'s fields; the marks offered are case.yaml's (and any the item names that it lacks). */
export function fillFields(state: ReviewState, item: ReviewItem): void {
  input("f-title").value = item.title;
  $<HTMLTextAreaElement>("f-description").value = item.description ?? "";
  const marks = $("f-marks");
  marks.replaceChildren();
  const offered = [...state.marks, ...item.marks.filter((m) => !state.marks.some((k) => k.id === m)).map((id) => ({ id, name: id }))];
  for (const m of offered) {
    const label = document.createElement("label");
    label.className = "mark";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = m.id;
    box.checked = item.marks.includes(m.id);
    label.append(box, ` ${m.name} (${m.id})`);
    marks.append(label);
  }
  input("f-rv-url").value = item.reachedVia?.url ?? "";
  const how = $<HTMLSelectElement>("f-rv-how");
  how.replaceChildren(new Option("—", ""), ...state.reachedViaHows.map((h) => new Option(h, h)));
  how.value = item.reachedVia?.how ?? "";
  input("f-rv-note").value = item.reachedVia?.note ?? "";
  entryNote(item);
  showProblems([]);
}

const FIELD_INPUTS: Record<string, string> = { title: "f-title", description: "f-description", marks: "f-marks", reachedVia: "f-rv" };

/**
 * An item whose fields come from a case.yaml entry (it wins over the sidecar): say so, and which fields; saving writes
 * them to the entry — for a grouped exhibit, the title and description of the whole exhibit.
 */
function entryNote(item: ReviewItem): void {
  const e = item.entry;
  const shared = e?.fields.filter((f) => f in FIELD_INPUTS) ?? [];
  const note = $("entry-note");
  note.hidden = !e || shared.length === 0;
  for (const id of Object.values(FIELD_INPUTS)) document.getElementById(id)?.closest("label, fieldset")?.classList.remove("from-entry");
  if (!e || shared.length === 0) return;
  for (const f of shared) document.getElementById(FIELD_INPUTS[f]!)?.closest("label, fieldset")?.classList.add("from-entry");
  const where = `case.yaml evidence[${e.index}]${e.line ? ` (line ${e.line})` : ""}`;
  const group = e.files > 1 ? `, the entry of the ${e.files} files of this exhibit,` : "";
  note.textContent =
    `${shared.join(", ")} ${shared.length === 1 ? "is" : "are"} set in ${where}${group} which wins over the sidecar: ` +
    `saving writes ${shared.length === 1 ? "it" : "them"} there${e.files > 1 ? ", for the whole exhibit" : ""}. ` +
    "Other fields go to the sidecar.";
}

/** The form as changes: every field the form holds (the server leaves the unchanged ones as written). */
export function readFields(): SidecarChanges {
  const marks = [...$("f-marks").querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.value);
  const url = input("f-rv-url").value.trim();
  const how = $<HTMLSelectElement>("f-rv-how").value;
  const note = input("f-rv-note").value.trim();
  return {
    title: input("f-title").value,
    description: $<HTMLTextAreaElement>("f-description").value,
    marks,
    reachedVia: url || how || note ? { url, how, ...(note ? { note } : {}) } : null,
  };
}

/** The page's place for a problem's field: "marks[1]" → "marks", "redact[0].width" → "redact", "reachedVia.url" as is. */
export function fieldSlot(field: string): string {
  const base = field.replace(/^evidence\[\d+\]\./, "").replace(/\[\d+\]/g, "");
  if (base.startsWith("redact")) return "redact";
  if (base.startsWith("reachedVia.")) return ["reachedVia.url", "reachedVia.how", "reachedVia.note"].includes(base) ? base : "reachedVia";
  return ["title", "description", "marks", "reachedVia"].includes(base) ? base : "";
}

/** Show each problem beside its field (and mark the input); an empty list clears them. */
export function showProblems(problems: FieldProblem[]): void {
  for (const p of document.querySelectorAll<HTMLElement>(".error[data-field]")) p.textContent = "";
  for (const el of document.querySelectorAll(".invalid")) el.classList.remove("invalid");
  for (const p of problems) {
    const slot = fieldSlot(p.field);
    const out = document.querySelector<HTMLElement>(`.error[data-field="${slot}"]`);
    if (out) out.textContent = `${out.textContent ? `${out.textContent} ` : ""}${p.field ? `${p.field}: ` : ""}${p.message}`;
    document.querySelector(`[name="${slot}"]`)?.classList.add("invalid");
  }
}
