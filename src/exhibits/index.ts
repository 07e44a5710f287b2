/**
 * Stage 7, exhibits (per twin): each planned exhibit composed and stamped part by part into the cache
 * (parts.ts), then joined into its file or volumes with its natives and provenance (files.ts). Two exhibits
 * in flight at most; memory holds a part, never a whole exhibit or bundle.
 */
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { CoverBatch } from "../model/rendered.js";
import type { WrittenExhibit } from "../model/written.js";
import { loadPdf, type PdfDocument } from "../pdf/index.js";
import { mapLimit } from "../util/concurrency.js";
import { mkdir, readFile } from "../util/fs.js";
import { RecentlyLoaded } from "../util/recently-loaded.js";
import { join } from "node:path";
import { EXHIBITS_DIR } from "../model/manifest.js";
import { coverPages } from "./cover-pages.js";
import { exhibitParts } from "./parts.js";
import { writeExhibitFiles } from "./files.js";
import { faultPoint } from "../util/fault-point.js";

/** Writes every exhibit of the plan into the twin's tree, with `covers` (the twin's cover sheets); plan order. */
export async function writeExhibits(ctx: BuildContext, tree: TwinTree, covers: readonly CoverBatch[]): Promise<WrittenExhibit[]> {
  await mkdir(join(tree.dir, EXHIBITS_DIR), { recursive: true });
  const coverOf = coverPages(covers, ctx.store, ctx.exhibits.length);
  // Prints of documents come many to a file, used by consecutive exhibits: the last few stay parsed.
  const printed = new RecentlyLoaded<PdfDocument>(4, async (file) => loadPdf(await readFile(file)));
  // Exhibits whose covers are at hand go first; those waiting for a print (Chromium may still be starting, in
  // a rebuild) come last, so the wait overlaps the work. The results keep the plan's order.
  const order = ctx.exhibits.map((_, i) => i);
  order.sort((a, b) => Number(!coverOf[a]?.batch.recalled) - Number(!coverOf[b]?.batch.recalled) || a - b);
  return mapLimit(
    ctx.exhibits,
    2,
    async (exhibit, index) => {
      const cover = coverOf[index];
      if (!cover) throw new Error(`no cover sheet rendered for exhibit ${exhibit.label}`);
      const composed = await exhibitParts(ctx, tree.twin, exhibit, cover, index, printed);
      const files = await writeExhibitFiles(ctx, tree, exhibit, composed);
      faultPoint("exhibits");
      return files;
    },
    order,
  );
}
