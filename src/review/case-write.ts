/**
 * Edits of case.yaml from the review page: a new `evidence:` entry grouping several items of one defendant into a test
 * buy, and the item fields of an entry that sets them (an entry's fields win over its files' sidecars, so the page
 * edits them where the build reads them). case.yaml is edited in place (schema/case-edit.ts keeps comments, order and
 * every untouched byte), validated with the build's case schema and written atomically; nothing is written when a
 * value is refused, and the problems name the field. The custody entry for the write is the caller's.
 */
import { join } from "node:path";
import { addEvidenceEntry, editEvidenceEntry, type CaseEdit } from "../schema/case-edit.js";
import type { ItemFieldChanges } from "../schema/sidecar-edit.js";
import { readFile } from "../util/fs.js";
import { sha256Bytes } from "../util/hash.js";
import type { Digest } from "../model/digest.js";
import { unknownMarks, writeAtomically } from "./sidecar-write.js";
import type { FieldProblem, ReviewItem } from "./types.js";

export const CASE_YAML = "case.yaml";

export interface CaseWritten {
  path: typeof CASE_YAML;
  before: Digest;
  after: Digest;
  /** The entry written: `evidence[3]`. */
  entry: string;
  fields: string[];
}

/** An edit checked and ready: `commit` writes it (nothing is written before). */
export type PreparedCaseEdit = { ok: true; commit: () => Promise<CaseWritten> } | { ok: false; problems: FieldProblem[] };

async function prepare(caseDir: string, edit: (text: string, shown: string) => CaseEdit, fields: string[]): Promise<PreparedCaseEdit> {
  const abs = join(caseDir, CASE_YAML);
  const old = await readFile(abs);
  const edited = edit(old.toString("utf8"), CASE_YAML);
  if ("problems" in edited) return { ok: false, problems: edited.problems };
  const bytes = Buffer.from(edited.text, "utf8");
  return {
    ok: true,
    commit: async () => {
      await writeAtomically(abs, bytes);
      return { path: CASE_YAML, before: sha256Bytes(old), after: sha256Bytes(bytes), entry: `evidence[${edited.index}]`, fields };
    },
  };
}

/** The title, description, marks and reachedVia of `changes` set in case.yaml's entry `evidence[index]`. */
export async function prepareEntryEdit(
  caseDir: string,
  index: number,
  changes: ItemFieldChanges,
  markIds: ReadonlySet<string>,
): Promise<PreparedCaseEdit> {
  const problems = unknownMarks(changes.marks ?? [], markIds).map((p) => ({ ...p, field: `evidence[${index}].${p.field}` }));
  if (problems.length) return { ok: false, problems };
  const fields = Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
  return prepare(caseDir, (text, shown) => editEvidenceEntry(text, shown, index, changes), fields);
}

export interface GroupRequest {
  /** The items to group, in the order their exhibit shows them. */
  ids: string[];
  title: string;
  description?: string;
}

/**
 * A new case.yaml entry `{ files, defendant, kind: purchase, title }` for the items `ids`: refused when they are fewer
 * than two, of no defendant or of different ones, or when one is already in an entry (a file belongs to one exhibit).
 */
export async function prepareGroup(caseDir: string, items: ReadonlyMap<string, ReviewItem>, req: GroupRequest): Promise<PreparedCaseEdit> {
  const problems: FieldProblem[] = [];
  const chosen = req.ids.map((id) => items.get(id));
  if (req.ids.length < 2) problems.push({ field: "files", message: "select at least two items to group into one test buy" });
  req.ids.forEach((id, i) => {
    if (!chosen[i]) problems.push({ field: `files[${i}]`, message: `no item '${id}' in this case` });
  });
  const found = chosen.filter((it): it is ReviewItem => it !== undefined);
  const none = found.filter((it) => !it.defendantId);
  if (none.length)
    problems.push({
      field: "defendant",
      message: `${none.map((it) => it.path).join(", ")}: of no defendant; a test buy is one defendant's`,
    });
  const defendants = [...new Set(found.flatMap((it) => (it.defendantId ? [it.defendantId] : [])))];
  if (defendants.length > 1) {
    const of = defendants.map(
      (d) =>
        `${d}: ${found
          .filter((it) => it.defendantId === d)
          .map((it) => it.path)
          .join(", ")}`,
    );
    problems.push({
      field: "defendant",
      message: `the items are of different defendants (${of.join("; ")}); a test buy is one defendant's`,
    });
  }
  found.forEach((it, i) => {
    if (it.entry)
      problems.push({
        field: `files[${i}]`,
        message: `${it.path} is already in case.yaml evidence[${it.entry.index}]; a file belongs to one entry (edit that one)`,
      });
  });
  if (problems.length) return { ok: false, problems };
  const entry = {
    files: found.map((it) => it.path),
    defendant: defendants[0]!,
    title: req.title.trim(),
    kind: "purchase",
    ...(req.description?.trim() ? { description: req.description.trim() } : {}),
  };
  return prepare(caseDir, (text, shown) => addEvidenceEntry(text, shown, entry), ["evidence"]);
}
