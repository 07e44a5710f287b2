/**
 * The review page's writes, wired (commands/review-backend.ts calls these): an item's fields written where the build
 * reads them — the fields its case.yaml `evidence:` entry sets into that entry (the entry wins over the sidecar, so a
 * sidecar edit would change nothing), the rest into its sidecar; a group of items written as a new entry; each write
 * logged in the custody log as an `edited` entry by the operator, with the file's digest before and after.
 *
 * Only what changed is written: the page sends every field of its form, and an unchanged value must not turn a title
 * read from the file name into a sidecar field, nor re-quote an entry's folded description.
 */
import { hostname } from "node:os";
import { appendCustodyEntry } from "../custody/index.js";
import { prepareEntryEdit, prepareGroup, type CaseWritten, type PreparedCaseEdit } from "../review/case-write.js";
import { writeSidecarEdit, type SidecarWritten } from "../review/sidecar-write.js";
import type { FieldProblem, GroupRequest, ReviewEditOutcome, ReviewItem, SidecarChanges } from "../review/types.js";
import { PRODUCER } from "../util/version.js";

export interface EditContext {
  dir: string;
  /** The case folder as the user named it (custody messages). */
  shownDir: string;
  markIds: ReadonlySet<string>;
  /** Who edits: the first of --operator, EXHIBITS_OPERATOR and case.yaml's `operator`. */
  operator?: string;
}

const ITEM_FIELDS = ["title", "description", "marks", "reachedVia"] as const;
type ItemField = (typeof ITEM_FIELDS)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const norm = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : Array.isArray(v) && v.length === 0 ? null : v);

/** The fields of `changes` whose value differs from what the build read for the item. */
function changed(item: ReviewItem, changes: SidecarChanges): ItemField[] {
  return ITEM_FIELDS.filter((k) => changes[k] !== undefined && !same(norm(changes[k]), norm(item[k])));
}

/** Write `changes` to the item's case.yaml entry (the fields it sets) and its sidecar (the rest); both checked first. */
export async function editItem(ctx: EditContext, item: ReviewItem, changes: SidecarChanges): Promise<ReviewEditOutcome> {
  const boxes = changes.addRedact !== undefined || changes.removeRedact !== undefined;
  if (boxes && item.entry?.fields.includes("redact"))
    return refused(
      "redact",
      `this item's boxes are set in case.yaml evidence[${item.entry.index}] (they win over the sidecar's); add it there`,
    );
  const fields = changed(item, changes);
  const inEntry = fields.filter((k) => item.entry?.fields.includes(k));
  const inSidecar = fields.filter((k) => !inEntry.includes(k));
  let entry: PreparedCaseEdit | undefined;
  if (inEntry.length && item.entry) {
    entry = await prepareEntryEdit(ctx.dir, item.entry.index, pick(changes, inEntry), ctx.markIds);
    if (!entry.ok) return entry;
  }
  const written: (SidecarWritten | CaseWritten)[] = [];
  if (inSidecar.length || boxes) {
    const sidecar: SidecarChanges = {
      ...pick(changes, inSidecar),
      ...(changes.addRedact ? { addRedact: changes.addRedact } : {}),
      ...(changes.removeRedact !== undefined ? { removeRedact: changes.removeRedact } : {}),
    };
    const outcome = await writeSidecarEdit(ctx.dir, item, sidecar, ctx.markIds);
    if (!outcome.ok) return outcome;
    written.push(outcome.written);
    await logEdit(ctx, item.path, outcome.written, changes.addRedact ? { box: boxText(changes.addRedact) } : {});
  }
  if (entry?.ok) {
    const w = await entry.commit();
    written.push(w);
    await logEdit(ctx, item.path, w, {});
  }
  return { ok: true, written };
}

/** Group items of one defendant as a test buy: a new case.yaml entry, logged as an edit of case.yaml. */
export async function groupItems(
  ctx: EditContext,
  items: ReadonlyMap<string, ReviewItem>,
  req: GroupRequest,
): Promise<{ ok: true; written: CaseWritten } | { ok: false; problems: FieldProblem[] }> {
  const prepared = await prepareGroup(ctx.dir, items, req);
  if (!prepared.ok) return prepared;
  const written = await prepared.commit();
  const files = req.ids.map((id) => items.get(id)!.path);
  await logEdit(ctx, written.path, written, { files: files.join(", "), kind: "purchase" });
  return { ok: true, written };
}

const refused = (field: string, message: string) => ({ ok: false as const, problems: [{ field, message }] });

function pick(changes: SidecarChanges, keys: readonly ItemField[]): SidecarChanges {
  return Object.fromEntries(keys.map((k) => [k, changes[k]])) as SidecarChanges;
}

const boxText = (b: { x: number; y: number; width: number; height: number }) => `${b.x},${b.y} ${b.width}×${b.height}`;

/** The edit as a custody entry: who (the operator), the file written, and its digest before and after. */
async function logEdit(ctx: EditContext, itemId: string, w: SidecarWritten | CaseWritten, extra: Record<string, string>): Promise<void> {
  const where: Record<string, string> = "entry" in w ? { file: w.path, entry: w.entry } : { sidecar: w.path };
  await appendCustodyEntry(ctx.dir, ctx.shownDir, {
    event: "edited",
    item_id: itemId,
    at_utc: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    actor: ctx.operator ?? "operator not recorded",
    tool: `${PRODUCER} review`,
    host: hostname(),
    inputs: w.before ? [w.before] : [],
    outputs: [w.after],
    details: { ...where, before: w.before ?? "absent", after: w.after, fields: w.fields.join(", "), ...extra },
  });
}
