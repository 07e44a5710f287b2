/**
 * One twin's tree, stages 3 and 7–9 (wiring only): its cover sheets, its exhibit files, then bundle.pdf and
 * the appendices at once (the appendices need where each bundle volume starts, not its bytes), and, when there
 * are twins, the redaction log. Both writers settle before a failure is reported, so nothing writes after it.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeAppendices } from "../appendices/index.js";
import { planBundle, writeBundle } from "../bundle/index.js";
import { writeExhibits } from "../exhibits/index.js";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import { REDACTION_LOG_FILE } from "../model/manifest.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { identityMask, maskStrings, publicCase, twinExhibits } from "../plan/index.js";
import { exhibitRedactions, redactionLogCsv } from "../redact/index.js";
import { coverPageCounts, renderCoverSheets } from "../render/index.js";
import { writeStoredFile } from "../util/stored-files.js";
import { faultPoint } from "../util/fault-point.js";

/**
 * The twin's outputs, and how many pages each exhibit's cover took (by the exhibit's first item). The stages are given
 * the twin's own view of the plan (plan/sealing.ts): the exhibits its tree holds, named as it may name them.
 */
export async function writeTwin(planned: BuildContext, tree: TwinTree): Promise<{ outputs: TwinOutputs; coverPages: Map<string, number> }> {
  const ctx: BuildContext = Object.freeze({
    ...planned,
    exhibits: twinExhibits(planned.loaded.config, planned.plan, planned.sealing, tree.twin),
  });
  const { config } = ctx.loaded;
  await mkdir(tree.dir, { recursive: true });
  const perExhibit = exhibitRedactions(ctx.redactions, tree.twin);
  const identities = tree.twin === "public" && config.sealing.identities;
  const covers = await renderCoverSheets(
    ctx.printer,
    identities ? publicCase(config) : config,
    ctx.exhibits,
    ctx.items,
    ctx.store.batchFacts,
    tree.twin,
    perExhibit,
    ctx.ocr,
    { legend: ctx.sealing.legend, placement: ctx.sealing.placement, ...(identities ? { mask: identityMask(config) } : {}) },
    ctx.pdfRedactions,
  );
  ctx.log.info(`rendered ${ctx.exhibits.length} cover sheets`);
  faultPoint(`twin-${tree.twin}`);
  const exhibits = await writeExhibits(ctx, tree, covers);
  ctx.log.info(`wrote ${exhibits.length} exhibit PDFs`);
  const bundlePlan = planBundle(ctx, exhibits);
  const [bundle, appendices] = await Promise.allSettled([
    writeBundle(ctx, tree, bundlePlan),
    writeAppendices(ctx, tree, exhibits, bundlePlan.volumes),
  ]);
  if (bundle.status === "rejected") throw bundle.reason;
  if (appendices.status === "rejected") throw appendices.reason;
  ctx.log.info(
    `wrote ${bundlePlan.volumes.length > 1 ? `the bundle in ${bundlePlan.volumes.length} parts` : "bundle.pdf"} and the appendices`,
  );
  const hashed = [...appendices.value];
  // The public log names items as the public tree does: a seller's identity in a path (an export's folder) is masked.
  const log = tree.twin === "public" ? maskStrings(ctx.redactions, identityMask(config)) : ctx.redactions;
  if (tree.twin !== "single") hashed.push(await writeStoredFile(tree.dir, REDACTION_LOG_FILE, redactionLogCsv(log)));
  const what = tree.twin === "single" ? "the bundle" : `the ${tree.twin} twin`;
  ctx.log.info(`wrote ${what}: ${exhibits.length} exhibit PDFs, bundle.pdf and appendices`);
  const coverPages = new Map<string, number>();
  // A slip sheet is one page whatever its print takes: only real covers settle the plan's cover pages.
  for (const [i, n] of await coverPageCounts(covers)) if (!ctx.exhibits[i]!.filedUnderSeal) coverPages.set(ctx.exhibits[i]!.itemIds[0]!, n);
  return { outputs: { tree, exhibits, bundle: bundle.value, hashed }, coverPages };
}

/** One tree, or the public and sealed twins when anything is redacted or sealed. */
export function twinTrees(tmp: string, bundleDir: string, twins: boolean): TwinTree[] {
  if (!twins) return [{ twin: "single", dir: tmp, finalDir: bundleDir }];
  return (["public", "sealed"] as const).map((twin) => ({ twin, dir: join(tmp, twin), finalDir: join(bundleDir, twin) }));
}
