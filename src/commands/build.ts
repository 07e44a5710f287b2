/**
 * `exhibits build <case>`: the pipeline, stage by stage, as the README draws it.
 *   1 case → 2 intake → 2b ocr → 3 render (documents) → 4 plan → 5 consistency → 6 redact →
 *   per twin: 3 render (covers) → 7 exhibits → 8 bundle ∥ 9 appendices → 10 custody → 11 seal → the leak gate (public)
 * Everything that can be wrong with the input is found before anything is written; the output is built in a
 * temporary folder and renamed into place, so a failed build leaves the previous bundle untouched. With twins
 * (anything redacted), public/ and sealed/ are written with the same labels and Bates numbers.
 */
import { join, resolve } from "node:path";
import { custodyCheckpoints, parsedCases } from "../cache/index.js";
import { loadCase } from "../case/index.js";
import { checkBuildTime } from "../consistency/index.js";
import { earlierIngests, readCustodyLog, recordCustody } from "../custody/index.js";
import { computeDamages } from "../plan/index.js";
import { missingBases, Redactor } from "../redact/index.js";
import { sealTree } from "../seal/index.js";
import { withAtomicDir } from "../util/atomic-dir.js";
import { silentLogger } from "../util/log.js";
import type { BuildOptions, BuildResult } from "./build-options.js";
import { buildTime, loadSigner, openSession, operatorOf, stampingOf, type BuildSession } from "./build-session.js";
import { planAndWrite } from "./plan-and-write.js";

export type { BuildOptions, BuildResult } from "./build-options.js";
import { huntWordsAndPages } from "./hunt.js";
import { gatePublicTwin } from "./leak-gate.js";
import { ocrLayer } from "./ocr-layer.js";
import { readEvidence } from "./read-evidence.js";

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const session = await openSession(opts);
  try {
    const result = await pipeline({ ...opts, rehearsal: false }, session);
    if (result === "rehearsed") throw new Error("a build was run as a rehearsal");
    return result;
  } finally {
    await session.close();
  }
}

/** Lay the case's bundle out into `opts.out` (a scratch folder) as a build would, recording nothing (`check --final`). */
export async function rehearse(opts: BuildOptions): Promise<void> {
  const session = await openSession(opts);
  try {
    await pipeline({ ...opts, rehearsal: true }, session);
  } finally {
    await session.close();
  }
}

async function pipeline(opts: BuildOptions, s: BuildSession): Promise<BuildResult | "rehearsed"> {
  const log = opts.log ?? silentLogger;
  const caseFile = join(opts.caseDir, "case.yaml");
  const read = await loadCase(resolve(opts.cwd, opts.caseDir), parsedCases(s.cache)); // 1
  const loaded = { ...read, displayDir: opts.caseDir, config: { ...read.config, final: read.config.final || opts.final === true } };
  const { config } = loaded;
  const signer = await loadSigner(opts);
  const redactor = new Redactor(config.redaction);
  const evidence = await readEvidence(loaded, s, redactor, opts.env); // 2, with 3 started
  log.info(`read ${evidence.intake.inputs.length} input files (${evidence.intake.items.length} evidence items)`);
  const builtAt = buildTime(opts.env ?? process.env, config.asOf);
  checkBuildTime(builtAt, evidence.intake.items); // 5: no build before the evidence it holds (exit 3)
  for (const m of missingBases(config.redaction, evidence.intake.items))
    log.info(`warning (redaction-basis): ${m.file} (${m.field}): ${m.message}`);
  const showProgress = opts.log !== undefined && opts.log !== silentLogger;
  const ocr = await ocrLayer(loaded, evidence.intake.items, s.cache, log, showProgress, opts.env); // 2b, while 3 prints
  const checkpoints = custodyCheckpoints(s.cache, loaded.dir);
  const custody = await readCustodyLog(loaded.dir, opts.caseDir, checkpoints); // a broken chain stops the build here
  const damages = config.damages ? computeDamages(config.damages, config, caseFile) : undefined; // bad requests stop it here
  for (const w of damages?.warnings ?? []) log.info(`warning (damages): ${w}`);
  const bundleDir = join(s.outRoot, config.id);
  let tmp = "";
  const trees = await withAtomicDir(bundleDir, async (dir) => {
    tmp = dir;
    const documents = await evidence.documents; // 3
    log.info(`rendered ${documents.size} documents (chats, purchase records, emails)`);
    const hunted = await huntWordsAndPages(loaded, evidence.intake.items, ocr, redactor); // 6, on word layers
    const items = new Map(hunted.items.map((i) => [i.id, i]));
    const { ctx, twins } = await planAndWrite(
      {
        ...{
          loaded,
          builtAt,
          ...operatorOf(opts, config.operator),
          inputs: evidence.inputs,
          items,
          itemDigests: evidence.intake.digests,
          documents,
          damages,
          log,
          redactor,
          ocr,
          pdfRedactions: hunted.pdfRedactions,
          earlierIngests: earlierIngests(custody),
        },
        ...{ printer: s.printer, store: s.cache, outputs: s.outputs, signer, caseFile },
      },
      dir,
      bundleDir,
    ); // 4–9
    s.printer.close().catch(() => undefined); // nothing is printed after the appendices: Chromium shuts down while sealing
    if (opts.rehearsal) return [];
    // The leak gate, before the custody log is extended: a hit fails the build and nothing is recorded or renamed.
    // What is written after it (custody copy, manifest, tokens) holds only events, paths and hashes it has seen.
    await gatePublicTwin(twins, redactor, config, log);
    await recordCustody(ctx, custody, twins, checkpoints); // 10
    const stamping = stampingOf(opts, config.timestamp);
    const sealed = [];
    for (const t of twins) sealed.push({ twin: t.tree.twin, dir: t.tree.finalDir, manifest: await sealTree(ctx, t, stamping) }); // 11
    return sealed;
  });
  if (opts.rehearsal) return "rehearsed";
  await s.finish({ tmp, dir: bundleDir }, trees, opts.cache !== false, log);
  log.info(`bundle: ${bundleDir}`);
  return { bundleDir, manifest: trees[0]!.manifest, trees, cache: s.cache.stats() };
}
