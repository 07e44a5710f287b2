/**
 * `exhibits build <case>`: the pipeline, stage by stage, as the README draws it.
 *   1 case → 2 intake → 3 render (documents) → 4 plan → 5 check → 6 redact →
 *   per twin: 3 render (covers) → 7 exhibits → 8 bundle ∥ 9 appendices → 10 custody → 11 seal
 * Everything that can be wrong with the input is found before anything is written; the output is built in a
 * temporary folder and renamed into place, so a failed build leaves the previous bundle untouched. With twins
 * (anything redacted), public/ and sealed/ are written with the same labels and Bates numbers.
 */
import { join, resolve } from "node:path";
import { custodyCheckpoints, parsedCases, type CacheStatKind } from "../cache/index.js";
import { loadCase } from "../case/index.js";
import { checkCase } from "../consistency/index.js";
import { readCustodyLog, recordCustody } from "../custody/index.js";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { Manifest } from "../model/manifest.js";
import type { Twin } from "../model/twin.js";
import { computeDamages, planExhibits } from "../plan/index.js";
import { Redactor, redactionLog } from "../redact/index.js";
import { sealTree } from "../seal/index.js";
import { withAtomicDir } from "../util/atomic-dir.js";
import { silentLogger, type Logger } from "../util/log.js";
import { buildTime, loadSigner, openSession, type BuildSession } from "./build-session.js";
import { writeTwin } from "./build-twin.js";
import { stopOnCheckErrors } from "./check-findings.js";
import { readEvidence } from "./read-evidence.js";

export interface BuildOptions {
  cwd: string;
  /** The case folder, as the user typed it. */
  caseDir: string;
  /** Output root; the bundle goes to <out>/<case-id>/. Default: <cwd>/out. */
  out?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** More TSAs to ask (added to case.yaml's timestamp.tsa). */
  tsa?: string[];
  /** Build even when no TSA answers (the bundle then carries no timestamp, and says so). */
  allowUntimestamped?: boolean;
  /** Sign bundle.pdf with a PKCS#12 file; its password is read from the environment variable `passwordEnv`. */
  sign?: { p12: string; passwordEnv: string };
  /** The build cache folder (default <out>/.cache), or false to reuse nothing from earlier builds. */
  cache?: string | false;
}

export interface BuildResult {
  bundleDir: string;
  /** The manifest of the single tree, or of the public twin when there are twins. */
  manifest: Manifest;
  /** Every tree written: one, or public and sealed. */
  trees: { twin: Twin; dir: string; manifest: Manifest }[];
  /** What the build cache gave (hits) and what was made anew (misses), by kind. */
  cache: Partial<Record<CacheStatKind, { hits: number; misses: number }>>;
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const session = await openSession(opts);
  try {
    return await pipeline(opts, session);
  } finally {
    await session.close();
  }
}

async function pipeline(opts: BuildOptions, s: BuildSession): Promise<BuildResult> {
  const log = opts.log ?? silentLogger;
  const caseFile = join(opts.caseDir, "case.yaml");
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir), parsedCases(s.cache))), displayDir: opts.caseDir }; // 1
  const { config } = loaded;
  const signer = await loadSigner(opts);
  const redactor = new Redactor(config.redaction);
  const { intake, inputs, documents } = await readEvidence(loaded, s, redactor); // 2, with 3 started
  log.info(`read ${intake.inputs.length} input files (${intake.items.length} evidence items)`);
  const builtAt = buildTime(opts.env ?? process.env, config.asOf);
  const checkpoints = custodyCheckpoints(s.cache, loaded.dir);
  const custody = await readCustodyLog(loaded.dir, opts.caseDir, checkpoints); // a broken chain stops the build here
  const damages = config.damages ? computeDamages(config.damages, config, caseFile) : undefined; // out-of-range requests stop it here
  for (const w of damages?.warnings ?? []) log.info(`warning (damages): ${w}`);

  const bundleDir = join(s.outRoot, config.id);
  let builtIn = "";
  const trees = await withAtomicDir(bundleDir, async (tmp) => {
    builtIn = tmp;
    const printed = await documents; // 3
    log.info(`rendered ${printed.size} documents (chats, purchase records, emails)`);
    const exhibits = planExhibits(config, intake.items, new Map([...printed].map(([id, d]) => [id, d.planned]))); // 4
    stopOnCheckErrors(checkCase(config, intake.items, exhibits), caseFile, log); // 5
    log.info(
      `${config.id}: ${intake.items.length} evidence items → ${exhibits.length} exhibits, ` +
        `${exhibits.reduce((n, e) => n + e.pages.length, 0)} pages`,
    );
    const redactions = redactionLog(redactor.log, intake.items, exhibits); // 6
    const items = new Map(intake.items.map((i) => [i.id, i]));
    const ctx: BuildContext = Object.freeze({
      ...{ loaded, builtAt, inputs, items, itemDigests: intake.digests, documents: printed, exhibits, redactions, damages, log },
      ...{ printer: s.printer, store: s.cache, outputs: s.outputs, ...(signer ? { signer } : {}) },
    });
    const twins = [];
    for (const tree of twinTrees(tmp, bundleDir, redactions.length > 0)) {
      twins.push(await writeTwin(ctx, tree)); // 3, 7, 8, 9
      log.info(
        `wrote ${tree.twin === "single" ? "the bundle" : `the ${tree.twin} twin`}: ${exhibits.length} exhibit PDFs, bundle.pdf and ` +
          `appendices`,
      );
    }
    s.printer.close().catch(() => undefined); // nothing is printed after the appendices: Chromium shuts down while the build is sealed
    await recordCustody(ctx, custody, twins, checkpoints); // 10
    const stamping = {
      ...config.timestamp,
      tsas: [...new Set([...config.timestamp.tsa, ...(opts.tsa ?? [])])],
      allowUntimestamped: Boolean(opts.allowUntimestamped),
    };
    const sealed = [];
    for (const t of twins) sealed.push({ twin: t.tree.twin, dir: t.tree.finalDir, manifest: await sealTree(ctx, t, stamping) }); // 11
    return sealed;
  });
  // The tree is in place: record where its files are, so the next build can reuse the unchanged ones.
  const digests = new Map(trees.flatMap((t) => t.manifest.outputs.map((f) => [join(t.dir, f.path), f.sha256] as const)));
  await s.outputs.commit(builtIn, bundleDir, (p) => digests.get(p));
  if (opts.cache !== false) {
    await s.cache.prune();
    await s.cache.saveJournal();
  }
  log.info(`cache: ${s.cache.summary()} reused`);
  log.info(`bundle: ${bundleDir}`);
  return { bundleDir, manifest: trees[0]!.manifest, trees, cache: s.cache.stats() };
}

/** One tree, or the public and sealed twins when anything is redacted. */
function twinTrees(tmp: string, bundleDir: string, redacted: boolean): TwinTree[] {
  if (!redacted) return [{ twin: "single", dir: tmp, finalDir: bundleDir }];
  return (["public", "sealed"] as const).map((twin) => ({ twin, dir: join(tmp, twin), finalDir: join(bundleDir, twin) }));
}
