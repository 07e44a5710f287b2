/**
 * `exhibits build <case>`: the pipeline, stage by stage, as the README draws it.
 *   1 case → 2 intake → 2b ocr → 3 render (documents) → 4 plan → 5 consistency → 6 redact →
 *   per twin: 3 render (covers) → 7 exhibits → 8 bundle ∥ 9 appendices → 10 custody → 11 seal → the leak gate (public)
 * Everything that can be wrong with the input is found before anything is written. One build per output folder
 * (a lock); the bundle is built in a new version folder and switched into place in one step (output/slot.ts), and
 * the case's custody log is extended only after that: a failed, killed or stopped build leaves the previous bundle
 * and the log as they were. With twins (anything redacted), public/ and sealed/ are written with the same labels
 * and Bates numbers, and switch together.
 */
import { join, resolve } from "node:path";
import { custodyCheckpoints, parsedCases } from "../cache/index.js";
import { loadCase } from "../case/index.js";
import { checkBuildTime } from "../consistency/index.js";
import { commitCustody, earlierIngests, prepareCustody, readCustodyLog, type NewCustodyEntry } from "../custody/index.js";
import { computeDamages } from "../plan/index.js";
import { missingBases, Redactor } from "../redact/index.js";
import { sealTree } from "../seal/index.js";
import { openSlot, type OutputSlot } from "../output/index.js";
import { faultPoint } from "../util/fault-point.js";
import { onInterrupt, uninterrupted } from "../util/interrupt.js";
import { silentLogger, type Logger } from "../util/log.js";
import type { BuildOptions, BuildResult } from "./build-options.js";
import { buildTime, loadSigner, openSession, operatorOf, stampingOf, type BuildSession } from "./build-session.js";
import { planAndWrite } from "./plan-and-write.js";
import { lockOutput } from "./output-lock.js";
import { writeRefusal } from "./write-errors.js";

export type { BuildOptions, BuildResult } from "./build-options.js";
import { huntWordsAndPages } from "./hunt.js";
import { gatePublicTwin } from "./leak-gate.js";
import { ocrLayer } from "./ocr-layer.js";
import { readEvidence } from "./read-evidence.js";

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const result = await inSession({ ...opts, rehearsal: false });
  if (result === "rehearsed") throw new Error("a build was run as a rehearsal");
  return result;
}

/** Lay the case's bundle out into `opts.out` (a scratch folder) as a build would, recording nothing (`check --final`). */
export async function rehearse(opts: BuildOptions): Promise<void> {
  await inSession({ ...opts, rehearsal: true });
}

/**
 * The pipeline while holding the output folder, with its session (cache, printer) closed however it ends. A write
 * the machine refuses (full disk, read-only folder) ends it with exit 5 naming the folder.
 */
async function inSession(opts: BuildOptions): Promise<BuildResult | "rehearsed"> {
  const folders = [
    { dir: resolve(opts.cwd, opts.out ?? "out"), shown: `the output folder ${opts.out ?? "out"}` },
    ...(typeof opts.cache === "string" ? [{ dir: resolve(opts.cwd, opts.cache), shown: `the cache folder ${opts.cache}` }] : []),
    { dir: resolve(opts.cwd, opts.caseDir), shown: `the case folder ${opts.caseDir}` },
  ];
  return lockedSession(opts).catch((e: unknown) => {
    throw writeRefusal(e, folders, "The previous bundle and the custody log are unchanged.");
  });
}

async function lockedSession(opts: BuildOptions): Promise<BuildResult | "rehearsed"> {
  const lock = await lockOutput(opts);
  try {
    const session = await openSession(opts);
    const undo = onInterrupt(() => session.close());
    try {
      return await pipeline(opts, session);
    } finally {
      undo();
      await session.close();
    }
  } finally {
    await lock.release();
  }
}

/** Stages 1–2b: the case, the evidence (with 3 started), the build time and the OCR words. */
async function readStages(opts: BuildOptions, s: BuildSession, log: Logger) {
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
  return { loaded, signer, redactor, evidence, builtAt, ocr };
}

/**
 * Switch the new version in (the bundle is in place), then extend the custody log with its events: one step a signal
 * does not cut. The events are written beside the version first, so a build killed between the two is finished by
 * the next one.
 */
async function putInPlace(
  slot: OutputSlot,
  version: string,
  custody: { events: NewCustodyEntry[]; commit: () => Promise<void> } | undefined,
  undo: () => void,
): Promise<void> {
  await uninterrupted(async () => {
    faultPoint("swap");
    await slot.switchTo(version, custody && JSON.stringify(custody.events));
    undo();
    faultPoint("switched");
    await custody?.commit();
    await slot.settled();
  });
}

async function pipeline(opts: BuildOptions, s: BuildSession): Promise<BuildResult | "rehearsed"> {
  const log = opts.log ?? silentLogger;
  const caseFile = join(opts.caseDir, "case.yaml");
  const { loaded, signer, redactor, evidence, builtAt, ocr } = await readStages(opts, s, log);
  const { config } = loaded;
  const checkpoints = custodyCheckpoints(s.cache, loaded.dir);
  const slot = await openSlot(s.outRoot, config.id); // what an interrupted build left is finished or removed first
  s.outputs.replacing(slot.target); // files are linked from the bundle this build replaces, never from another folder
  if (slot.unfinished) await commitCustody(loaded.dir, opts.caseDir, JSON.parse(slot.unfinished) as NewCustodyEntry[], checkpoints);
  await slot.settled();
  const custody = await readCustodyLog(loaded.dir, opts.caseDir, checkpoints); // a broken chain stops the build here
  const damages = config.damages ? computeDamages(config.damages, config, caseFile) : undefined; // bad requests stop it here
  for (const w of damages?.warnings ?? []) log.info(`warning (damages): ${w}`);
  faultPoint("intake");
  const bundleDir = slot.target;
  const tmp = slot.begin();
  // At once (the thread pool may be busy with this build's work), and again at the exit (that work may write on).
  const undo = onInterrupt(() => slot.abandonNow(tmp), { again: true });
  const trees: BuildResult["trees"] = [];
  try {
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
      tmp,
      bundleDir,
    ); // 4–9
    s.printer.close().catch(() => undefined); // nothing is printed after the appendices: Chromium shuts down while sealing
    if (opts.rehearsal) await putInPlace(slot, tmp, undefined, undo);
    else {
      // The leak gate, before anything is recorded: a hit fails the build and nothing is recorded or switched.
      // What is written after it (custody copy, manifest, tokens) holds only events, paths and hashes it has seen.
      await gatePublicTwin(twins, redactor, config, log);
      const events = await prepareCustody(ctx, custody, twins); // 10
      const stamping = stampingOf(opts, config.timestamp);
      for (const t of twins) trees.push({ twin: t.tree.twin, dir: t.tree.finalDir, manifest: await sealTree(ctx, t, stamping) }); // 11
      faultPoint("manifest");
      await putInPlace(slot, tmp, { events, commit: () => commitCustody(loaded.dir, opts.caseDir, events, checkpoints) }, undo);
    }
  } catch (e) {
    undo();
    await slot.abandon(tmp); // unless switched in: then the next build finishes what is left (the pending note)
    throw e;
  }
  if (opts.rehearsal) return "rehearsed";
  await s.finish({ tmp, dir: bundleDir }, trees, opts.cache !== false, log);
  log.info(`bundle: ${bundleDir}`);
  return { bundleDir, manifest: trees[0]!.manifest, trees, cache: s.cache.stats() };
}
