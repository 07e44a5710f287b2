/**
 * One edit from the review page, written to the item's sidecar (`<file>.meta.yaml`, created when absent): the YAML is
 * edited in place (schema/sidecar-edit.ts keeps comments and order) and validated with the build's own sidecar schema,
 * then with what intake checks beyond it (each mark is one of case.yaml's, each box lies inside the image), and only
 * then written, atomically (a temporary file renamed over the old). Nothing is written when a value is refused: the
 * problems come back naming the field. The custody entry for the write is the caller's (commands/review-backend.ts).
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { editSidecar, type FieldProblem, type SidecarChanges } from "../schema/sidecar-edit.js";
import { lstat, readFile, rename, rm, writeFile } from "../util/fs.js";
import { sha256Bytes } from "../util/hash.js";
import type { Digest } from "../model/digest.js";
import type { ReviewItem } from "./types.js";

export interface SidecarWritten {
  /** The sidecar's path from the case folder. */
  path: string;
  /** Its digest before the edit (undefined: it did not exist) and after. */
  before?: Digest;
  after: Digest;
  /** The fields the edit set. */
  fields: string[];
}

export type EditOutcome = { ok: true; written: SidecarWritten } | { ok: false; problems: FieldProblem[] };

/** Apply `changes` to `item`'s sidecar in the case folder `caseDir`; refused values are returned, never written. */
export async function writeSidecarEdit(
  caseDir: string,
  item: ReviewItem,
  changes: SidecarChanges,
  markIds: ReadonlySet<string>,
): Promise<EditOutcome> {
  const abs = join(caseDir, item.sidecar);
  const info = await lstat(abs).catch(() => undefined);
  if (info && !info.isFile()) return { ok: false, problems: [{ field: "", message: `${item.sidecar} is not a regular file` }] };
  const old = info ? await readFile(abs) : undefined;
  const edited = editSidecar(old?.toString("utf8"), item.sidecar, changes);
  if ("problems" in edited) return { ok: false, problems: edited.problems };
  const problems = [...unknownMarks(edited.meta.marks ?? [], markIds), ...boxesOutside(edited.meta.redact ?? [], item)];
  if (problems.length) return { ok: false, problems };
  const bytes = Buffer.from(edited.text, "utf8");
  await writeAtomically(abs, bytes);
  return {
    ok: true,
    written: {
      path: item.sidecar,
      ...(old ? { before: sha256Bytes(old) } : {}),
      after: sha256Bytes(bytes),
      fields: changedFields(changes),
    },
  };
}

/** Write `bytes` to `abs` through a temporary file renamed over it: a reader sees the old file or the new, never half. */
export async function writeAtomically(abs: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${abs}.${randomBytes(6).toString("hex")}.writing`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, abs);
  } finally {
    await rm(tmp, { force: true });
  }
}

export function unknownMarks(marks: readonly string[], markIds: ReadonlySet<string>): FieldProblem[] {
  const known = [...markIds].join(", ") || "none declared";
  return marks.flatMap((m, i) =>
    markIds.has(m) ? [] : [{ field: `marks[${i}]`, message: `unknown mark id '${m}'; known ids: ${known}` }],
  );
}

/** As intake refuses them: a box must lie inside the image it is drawn on, and only an image takes boxes. */
function boxesOutside(boxes: NonNullable<ReviewItem["redact"]>, item: ReviewItem): FieldProblem[] {
  if (boxes.length === 0) return [];
  const size = item.image;
  if (!size) return [{ field: "redact", message: "pixel regions apply to images only; for a PDF, supply a redacted copy" }];
  return boxes.flatMap((r, i) =>
    r.x + r.width > size.width || r.y + r.height > size.height
      ? [
          {
            field: `redact[${i}]`,
            message: `region ${r.x},${r.y} ${r.width}×${r.height} runs outside the ${size.width}×${size.height} px image`,
          },
        ]
      : [],
  );
}

function changedFields(changes: SidecarChanges): string[] {
  const fields = Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => (k === "addRedact" || k === "removeRedact" ? "redact" : k));
  return [...new Set(fields)].sort();
}
