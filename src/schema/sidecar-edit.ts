/**
 * Edits of an evidence sidecar (`<file>.meta.yaml`) made from the review page (`exhibits review`): the YAML is edited
 * in place with the yaml package's Document API, so the user's comments, key order and quoting stay as written, and
 * the result is validated with the very schema the build reads sidecars with (sidecarSchema, through parseYaml) before
 * anyone writes it. Part of the validation room: the yaml package lives here.
 */
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import type { EvidenceMeta } from "../model/case.js";
import { sidecarSchema } from "./case.js";
import type { PixelRegion } from "../model/redaction.js";
import { parseYaml } from "./validate.js";
import { sameData, spliceAppendLine, spliceSet } from "./yaml-splice.js";
import { YAML_BOUNDS } from "./yaml-text.js";

/** A pixel box to burn out of the public twin's image, as the sidecar's `redact` holds it (no rule: a person drew it). */
export type RedactBox = Pick<PixelRegion, "x" | "y" | "width" | "height" | "reason" | "basis">;

/**
 * What the review page may change. A field left undefined is untouched; `null` (or an empty text) removes it from the
 * sidecar. `addRedact` appends one box to `redact`; `removeRedact` removes the box at that index first.
 */
export interface SidecarChanges {
  title?: string | null;
  description?: string | null;
  marks?: string[] | null;
  reachedVia?: { url: string; how: string; note?: string } | null;
  addRedact?: RedactBox;
  removeRedact?: number;
}

/** A refused value: the sidecar's field (as the build names it: "marks[0]", "redact[2].width") and why. */
export interface FieldProblem {
  field: string;
  message: string;
  line?: number;
}

export type SidecarEdit = { text: string; meta: EvidenceMeta } | { problems: FieldProblem[] };

/** The same style on every write: no folding of long lines (a description stays on its line), `[a, b]` unpadded. */
export const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * Apply `changes` to a sidecar's text (undefined: there is none yet) and validate the result with the build's schema.
 * Returns the new text and what the build will read from it, or every problem, each naming its field.
 */
export function editSidecar(text: string | undefined, shown: string, changes: SidecarChanges): SidecarEdit {
  const doc = parseDocument(text ?? "", { uniqueKeys: false });
  if (doc.errors.length > 0) return { problems: [{ field: "", message: `the sidecar cannot be read: ${doc.errors[0]!.message}` }] };
  if (doc.contents === null || doc.contents === undefined) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) return { problems: [{ field: "", message: "the sidecar is not a map of fields; fix it by hand first" }] };
  setFields(doc, [], changes);
  if (changes.removeRedact !== undefined) removeBox(doc, changes.removeRedact);
  if (changes.addRedact) addBox(doc, changes.addRedact);
  const whole = doc.toString(STRINGIFY);
  const spliced = text === undefined || text.trim() === "" ? undefined : splicedSidecar(text, changes);
  const out = spliced !== undefined && sameData(spliced, whole) ? spliced : whole;
  const parsed = parseYaml(out, shown, sidecarSchema, YAML_BOUNDS.sidecar);
  if ("errors" in parsed)
    return {
      problems: fieldProblems(parsed.errors),
    };
  return { text: out, meta: parsed.value };
}

/** The item fields an evidence entry shares with a sidecar (title, description, marks, reachedVia). */
export type ItemFieldChanges = Pick<SidecarChanges, "title" | "description" | "marks" | "reachedVia">;

type Path = (string | number)[];

/** Set the item fields of `changes` in the map at `at` (the document's root for a sidecar, an entry of case.yaml). */
export function setFields(doc: Document, at: Path, changes: ItemFieldChanges): void {
  setText(doc, [...at, "title"], changes.title);
  setText(doc, [...at, "description"], changes.description);
  if (changes.marks !== undefined) setList(doc, [...at, "marks"], changes.marks);
  if (changes.reachedVia !== undefined) setReachedVia(doc, [...at, "reachedVia"], changes.reachedVia);
}

function setText(doc: Document, key: Path, value: string | null | undefined): void {
  if (value === undefined) return;
  if (value === null || value.trim() === "") doc.deleteIn(key);
  else if (doc.getIn(key) !== value) doc.setIn(key, value);
}

function setList(doc: Document, key: Path, value: string[] | null): void {
  if (value === null || value.length === 0) return void doc.deleteIn(key);
  const old = doc.getIn(key, true);
  if (isSeq(old) && JSON.stringify(old.toJSON()) === JSON.stringify(value)) return;
  const node = doc.createNode(value);
  node.flow = isSeq(old) ? Boolean(old.flow) : true; // as the user wrote it; new lists as `[a, b]`
  doc.setIn(key, node);
}

/** Each of url, how and note set on its own, so a comment inside `reachedVia` stays where it is. */
function setReachedVia(doc: Document, at: Path, value: SidecarChanges["reachedVia"]): void {
  if (!value) return void doc.deleteIn(at);
  if (!isMap(doc.getIn(at, true))) doc.setIn(at, doc.createNode({}));
  for (const key of ["url", "how", "note"] as const) {
    const v = value[key];
    if (v === undefined || v.trim() === "") doc.deleteIn([...at, key]);
    else if (doc.getIn([...at, key]) !== v) doc.setIn([...at, key], v);
  }
}

/**
 * The same edit spliced into the user's text (schema/yaml-splice.ts), so that lines it does not touch keep their
 * spacing (`{ on: 2026-03-20 }` stays padded); undefined when a change is not a simple splice (a box removed).
 */
function splicedSidecar(text: string, changes: SidecarChanges): string | undefined {
  if (changes.removeRedact !== undefined) return undefined;
  let out: string | undefined = text;
  for (const [key, value] of Object.entries(itemFieldValues(changes))) out = out === undefined ? undefined : spliceSet(out, [], key, value);
  if (changes.addRedact && out !== undefined) out = spliceAppendLine(out, ["redact"], boxEntry(changes.addRedact));
  return out;
}

/** The item fields of `changes` as the values their keys take (undefined: the key removed), as setFields writes them. */
export function itemFieldValues(changes: ItemFieldChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["title", "description"] as const) {
    const v = changes[key];
    if (v !== undefined) out[key] = v === null || v.trim() === "" ? undefined : v;
  }
  if (changes.marks !== undefined) out.marks = changes.marks?.length ? changes.marks : undefined;
  if (changes.reachedVia !== undefined) {
    const rv = changes.reachedVia;
    const kept = rv ? Object.fromEntries(Object.entries(rv).filter(([, v]) => typeof v === "string" && v.trim() !== "")) : {};
    out.reachedVia = rv ? kept : undefined;
  }
  return out;
}

function boxEntry(box: RedactBox): Record<string, unknown> {
  const entry: Record<string, unknown> = { x: box.x, y: box.y, width: box.width, height: box.height };
  if (box.reason?.trim()) entry.reason = box.reason.trim();
  if (box.basis?.trim()) entry.basis = box.basis.trim();
  return entry;
}

function addBox(doc: Document, box: RedactBox): void {
  const entry = boxEntry(box);
  const node = doc.createNode(entry);
  node.flow = true; // one line per box: a list of boxes stays readable
  const list = doc.getIn(["redact"], true);
  if (isSeq(list)) list.items.push(node);
  else {
    const seq = doc.createNode([entry]);
    seq.items[0] = node;
    doc.setIn(["redact"], seq);
  }
}

function removeBox(doc: Document, index: number): void {
  const list = doc.getIn(["redact"], true);
  if (!isSeq(list) || index < 0 || index >= list.items.length) return;
  list.items.splice(index, 1);
  if (list.items.length === 0) doc.deleteIn(["redact"]);
}

/** A schema's refusals of an edited file, as the review page shows them: each field (and line) with what is wrong. */
export function fieldProblems(errors: readonly { location: { field?: string; line?: number }; problem: string }[]): FieldProblem[] {
  return errors.map((e) => ({
    field: e.location.field ?? "",
    message: e.problem,
    ...(e.location.line ? { line: e.location.line } : {}),
  }));
}
