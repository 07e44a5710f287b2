/**
 * Edits of case.yaml's `evidence:` list made from the review page (`exhibits review`): a new entry grouping files into
 * a test buy, and the item fields (title, description, marks, reachedVia) of an existing entry — an entry's fields win
 * over its files' sidecars, so an item whose fields come from one is edited there. The YAML is edited in place with
 * the yaml package's Document API (comments, key order and quoting kept) and the result validated with the very
 * schema the build reads case.yaml with (caseSchema, through parseYaml) before anyone writes it.
 */
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { caseSchema } from "./case.js";
import { fieldProblems, type FieldProblem, type ItemFieldChanges, itemFieldValues, setFields, STRINGIFY } from "./sidecar-edit.js";
import { parseYaml } from "./validate.js";
import { sameData, spliceAppend, spliceSet } from "./yaml-splice.js";
import { YAML_BOUNDS } from "./yaml-text.js";

/** A new `evidence:` entry: its files (case-relative paths, in exhibit order), their defendant, title and kind. */
export interface NewEntry {
  files: string[];
  defendant: string;
  title: string;
  kind: string;
  description?: string;
}

export type CaseEdit = { text: string; index: number } | { problems: FieldProblem[] };

/** Append `entry` to case.yaml's `evidence:` list (created, at the end, when there is none). */
export function addEvidenceEntry(text: string, shown: string, entry: NewEntry): CaseEdit {
  const doc = readDocument(text);
  if ("problems" in doc) return doc;
  const list = doc.getIn(["evidence"], true);
  if (list !== undefined && list !== null && !isSeq(list))
    return { problems: [{ field: "evidence", message: "case.yaml's evidence is not a list; fix it by hand first" }] };
  const value: Record<string, unknown> = { files: entry.files, defendant: entry.defendant, kind: entry.kind, title: entry.title };
  if (entry.description?.trim()) value.description = entry.description.trim();
  const node = doc.createNode(value);
  let index: number;
  if (isSeq(list)) {
    index = list.items.length;
    list.items.push(node);
  } else {
    index = 0;
    doc.setIn(["evidence"], doc.createNode([]));
    (doc.getIn(["evidence"], true) as { items: unknown[] }).items.push(node);
  }
  return validated(doc, shown, index, spliceAppend(text, ["evidence"], value));
}

/** Set the item fields of `changes` in case.yaml's entry `evidence[index]`. */
export function editEvidenceEntry(text: string, shown: string, index: number, changes: ItemFieldChanges): CaseEdit {
  const doc = readDocument(text);
  if ("problems" in doc) return doc;
  if (!isMap(doc.getIn(["evidence", index], true)))
    return { problems: [{ field: `evidence[${index}]`, message: "no such entry in case.yaml (was it edited meanwhile?)" }] };
  setFields(doc, ["evidence", index], changes);
  let spliced: string | undefined = text;
  for (const [key, value] of Object.entries(itemFieldValues(changes)))
    spliced = spliced === undefined ? undefined : spliceSet(spliced, ["evidence", index], key, value);
  return validated(doc, shown, index, spliced);
}

function readDocument(text: string): Document | { problems: FieldProblem[] } {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { problems: [{ field: "", message: `case.yaml cannot be read: ${doc.errors[0]!.message}` }] };
  if (!isMap(doc.contents)) return { problems: [{ field: "", message: "case.yaml is not a map of fields; fix it by hand first" }] };
  return doc;
}

/**
 * The edited text, validated: the splice of the user's own text (schema/yaml-splice.ts: every other byte as written)
 * when it reads as the same data as the Document's edit, else the Document's text.
 */
function validated(doc: Document, shown: string, index: number, spliced: string | undefined): CaseEdit {
  const whole = doc.toString(STRINGIFY);
  const out = spliced !== undefined && sameData(spliced, whole) ? spliced : whole;
  const parsed = parseYaml(out, shown, caseSchema, YAML_BOUNDS.caseFile);
  if ("errors" in parsed)
    return {
      problems: fieldProblems(parsed.errors),
    };
  return { text: out, index };
}
