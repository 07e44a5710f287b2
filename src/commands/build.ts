/**
 * `exhibits build <case>`: the whole pipeline, in order.
 *   case → intake → render evidence documents → plan → (per twin) cover sheets → exhibits → bundle → seal
 * Everything that can be wrong with the input is found before anything is written; the output is built in
 * a temporary folder and renamed into place, so a failed build leaves the previous bundle untouched.
 * The build cache (content-addressed, <out>/.cache by default) lets a rebuild redo only what changed: the
 * output is byte for byte what a build without the cache writes.
 * When anything is redacted (FRCP 5.2), the tree is written twice: public/ (redacted) and sealed/
 * (unredacted, redactions highlighted), with the same labels and Bates numbers and a manifest each.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { planExhibits } from "../plan/index.js";
import { renderDocuments, type RenderedDocument, type Twin } from "../render/index.js";
import { BuildCache, CACHE_DIR, KnownSources, OutputReuse, cachedBrowser, custodyCheckpoints, parsedCases } from "../cache/index.js";
import type { BrowserSession } from "../browser/index.js";
import { thumbnailDataUri, thumbnailIdentity } from "../images/index.js";
import { Redactor } from "../redact/index.js";
import type { EvidenceItem } from "../model/evidence.js";
import { MANIFEST_FILE, type Manifest } from "../model/manifest.js";
import { stampTree, writeStoredFile } from "../integrity/index.js";
import type { StoredFile } from "../model/digest.js";
import { withAtomicDir } from "../util/atomic-dir.js";
import { sha256File } from "../util/hash.js";
import { resolveBuildTime } from "../util/time.js";
import { codeIdentity } from "../util/version.js";
import { EnvironmentError, InvalidInputError, InvalidInputErrors, UsageError } from "../util/errors.js";
import { silentLogger, type Logger } from "../util/log.js";
import { sealTwin, writeTwin } from "./build-twin.js";
import { APPENDICES_DIR } from "./build-appendices.js";
import { custodyEvents } from "./custody-events.js";
import { appendCustody, checkCase, computeDamages, custodyCsv, readCustodyLog, rememberCustody } from "../appendices/index.js";

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
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const work = await mkdtemp(join(tmpdir(), "exhibits-work-")); // scratch: rendered documents (and the cache, with --no-cache)
  const outRoot = resolve(opts.cwd, opts.out ?? "out");
  const cache = new BuildCache(opts.cache === false ? join(work, "cache") : resolve(opts.cwd, opts.cache ?? join(outRoot, CACHE_DIR)));
  // Renders the cache holds never reach Chromium; it starts on the first one it does not.
  const browser = await cachedBrowser(cache, opts.env ?? process.env);
  try {
    return await buildWith(opts, { work, outRoot, cache, browser });
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

async function buildWith(opts: BuildOptions, { work, outRoot, cache, browser }: { work: string; outRoot: string; cache: BuildCache; browser: BrowserSession }): Promise<BuildResult> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? silentLogger;

  // 1–2: everything that can be wrong with the input is found here, before any output exists.
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir), parsedCases(cache))), displayDir: opts.caseDir };
  const signer = opts.sign ? await loadSigner(opts.cwd, opts.sign, opts.env ?? process.env) : undefined;
  const { config } = loaded;
  const redactor = new Redactor(config.redaction);
  // 3. Evidence rendered from text (transcripts, purchase summaries, emails), redacted as it is laid out: started
  // as soon as the text evidence is read, while intake hashes and checks the images (renders go to the work
  // folder; nothing is written to the output before every input check has passed).
  let rendering: Promise<Map<string, RenderedDocument>> | undefined;
  const startRendering = (textItems: EvidenceItem[]) => {
    rendering = renderDocuments({ browser, config, redactor, workDir: work, batchFacts: cache.batchFacts, thumbnail: (p) => thumbnailDataUri(join(loaded.dir, p)), thumbnailIdentity: thumbnailIdentity() }, textItems);
    rendering.catch(() => undefined); // awaited below; an input error found meanwhile is reported instead
    return rendering;
  };
  // Evidence unchanged since the last build is not read again (whole readings are kept under case.yaml's digest).
  const caseFile: StoredFile = { path: "case.yaml", ...(await sha256File(loaded.file)) };
  await cache.openJournal(loaded.dir);
  const known = await KnownSources.open(cache, loaded.dir, BuildCache.key("readings", caseFile.sha256, opts.caseDir, codeIdentity()));
  // Chromium starts in the background as soon as a render is certain: any new or changed evidence (a first
  // build's is all new) changes a cover sheet. A rebuild that changed nothing never starts it; starting it
  // regardless would slow intake by a second or more on two cores.
  const intake = await intakeEvidence(loaded, { probe: cache.probeImage, textItemsRead: startRendering, known, changed: () => void browser.warmUp?.() });
  await known.save();
  log.info(`read ${intake.inputs.length} input files (${intake.items.length} evidence items)`);
  const builtAt = buildTime(env, config.asOf);
  const items = new Map<string, EvidenceItem>(intake.items.map((i) => [i.id, i]));
  const inputs = [caseFile, ...intake.inputs];
  const checkpoints = custodyCheckpoints(cache, loaded.dir);
  const custody = await readCustodyLog(loaded.dir, opts.caseDir, checkpoints); // a broken chain stops the build here
  // Damages requests outside the statutory range stop the build here, before anything is written.
  const damages = config.damages ? computeDamages(config.damages, config, join(opts.caseDir, "case.yaml")) : undefined;
  for (const w of damages?.warnings ?? []) log.info(`warning (damages): ${w}`);

  const bundleDir = join(outRoot, config.id);
  const reuse = new OutputReuse(cache);
  let builtIn = "";
  const trees = await withAtomicDir(bundleDir, async (tmp) => {
    builtIn = tmp;
    const documents = await (rendering ?? startRendering(intake.items));
    log.info(`rendered ${documents.size} documents (chats, purchase records, emails)`);

    // 4. The plan (pure): order, labels, gapless Bates ranges.
    const exhibits = planExhibits(config, intake.items, new Map([...documents].map(([id, d]) => [id, d.planned])));
    const totalPages = exhibits.reduce((n, e) => n + e.pages.length, 0);

    // The same checks as `exhibits check`: inconsistencies stop the build, completeness gaps are reported.
    const report = checkCase(config, intake.items, exhibits);
    const findings = [...report.general, ...report.defendants.flatMap((d) => d.findings.map((f) => ({ ...f, message: `${d.name}: ${f.message}` })))];
    const errors = findings.filter((f) => f.level === "error");
    if (errors.length) throw new InvalidInputErrors(errors.map((f) => new InvalidInputError({ file: join(opts.caseDir, "case.yaml"), field: f.check }, f.message)));
    for (const w of findings.filter((f) => f.level === "warning")) log.info(`warning (${w.check}): ${w.message}`);
    log.info(`${config.id}: ${intake.items.length} evidence items → ${exhibits.length} exhibits, ${totalPages} pages`);

    // Pixel regions are redactions too; every log entry names its exhibit.
    for (const it of intake.items) {
      (it.redact ?? []).forEach((r, i) =>
        redactor.record({ item: it.source.path, place: `region ${i + 1} (x ${r.x}, y ${r.y}, ${r.width}×${r.height} px)${r.reason ? ` — ${r.reason}` : ""}`, rule: "region" }),
      );
    }
    const labelOf = new Map(exhibits.flatMap((e) => e.itemIds.map((id) => [items.get(id)!.source.path, e.label] as const)));
    for (const entry of redactor.log) entry.exhibit = labelOf.get(entry.item);
    // The log follows the bundle: exhibit order, then the order redactions were made within each item.
    const numberOf = new Map(exhibits.map((e) => [e.label, e.number]));
    const position = new Map(redactor.log.map((e, i) => [e, i]));
    redactor.log.sort((a, b) => (numberOf.get(a.exhibit ?? "") ?? 0) - (numberOf.get(b.exhibit ?? "") ?? 0) || position.get(a)! - position.get(b)!);

    // 5–6. One tree, or the public and sealed twins: exhibits, bundle, appendices.
    const twins: Twin[] = redactor.count > 0 ? ["public", "sealed"] : ["single"];
    const bodies = [];
    for (const twin of twins) {
      const dir = twin === "single" ? tmp : join(tmp, twin);
      const finalDir = twin === "single" ? bundleDir : join(bundleDir, twin);
      const b = { loaded, exhibits, items, itemDigests: intake.digests, documents, twin, builtAt, inputs, browser, redactionLog: redactor.log, cache, reuse, finalDir, damages, log, ...(signer ? { signer } : {}) };
      bodies.push({ body: await writeTwin(dir, b), b });
      log.info(`wrote ${twin === "single" ? "the bundle" : `the ${twin} twin`}: ${exhibits.length} exhibit PDFs, bundle.pdf and appendices`);
    }

    // Nothing is rendered after the appendices: Chromium shuts down while the build is sealed.
    const closing = browser.close();
    closing.catch(() => undefined);

    // 7. Chain of custody: this build's events appended to the case's log, and a copy in each tree.
    const custodyLog = await appendCustody(loaded.dir, custody, custodyEvents(config, intake.items, inputs, bodies.map((x) => x.body), redactor.log, builtAt.at));
    await rememberCustody(custodyLog, checkpoints);
    const csv = Buffer.from(custodyCsv(custodyLog));
    for (const { body } of bodies) body.hashed.push(await writeStoredFile(body.dir, `${APPENDICES_DIR}/custody-log.csv`, csv));

    // 8. Seal: each tree's manifest is written last, listing every file in it; then its RFC 3161 timestamps.
    const tsas = [...new Set([...config.timestamp.tsa, ...(opts.tsa ?? [])])];
    const written = [];
    for (const { body, b } of bodies) {
      const manifest = await sealTwin(body, b, tsas);
      if (tsas.length) {
        const stamps = await stampTree(body.dir, { tsas, exhibits: config.timestamp.exhibits ? body.written.map((w) => ({ path: w.path, label: w.exhibit.label })) : [], timeoutMs: config.timestamp.timeoutSeconds * 1000 });
        const answered = stamps.tokens.filter((t) => t.subject === MANIFEST_FILE).length;
        for (const f of stamps.failures) log.info(`timestamp: ${f.tsa} did not stamp ${f.subject}: ${f.error}`);
        if (answered === 0 && !opts.allowUntimestamped) {
          throw new EnvironmentError(`no time-stamping authority answered (${stamps.failures.map((f) => `${f.tsa}: ${f.error}`).join("; ")}); nothing was written. Fix the TSA address or the network, or build with --allow-untimestamped`);
        }
        log.info(answered ? `timestamped manifest.json: ${stamps.tokens.filter((t) => t.subject === MANIFEST_FILE).map((t) => `${t.tsaName} at ${t.genTime}`).join(", ")}` : "WARNING: built without a timestamp (--allow-untimestamped); timestamps.json records why");
      }
      written.push({ twin: body.twin, dir: body.twin === "single" ? bundleDir : join(bundleDir, body.twin), manifest });
    }
    return written;
  });
  // The tree is in place: record where its files are, so the next build can link the unchanged ones.
  const digests = new Map(trees.flatMap((t) => t.manifest.outputs.map((f) => [join(t.dir, f.path), f.sha256] as const)));
  await reuse.commit(builtIn, bundleDir, (p) => digests.get(p));
  if (opts.cache !== false) {
    await cache.prune();
    await cache.saveJournal();
  }
  log.info(`cache: ${cache.summary()} reused`);
  log.info(`bundle: ${bundleDir}`);
  return { bundleDir, manifest: trees[0].manifest, trees };
}

/** The signing identity, read before any work so a wrong password stops the build at once. */
async function loadSigner(cwd: string, sign: { p12: string; passwordEnv: string }, env: NodeJS.ProcessEnv) {
  const data = await readFile(resolve(cwd, sign.p12)).catch(() => {
    throw new InvalidInputError({ file: sign.p12 }, "cannot read this PKCS#12 file (--sign expects a .p12 or .pfx with the signer's key and certificate)");
  });
  const password = env[sign.passwordEnv];
  if (password === undefined) throw new UsageError(`--sign: set the PKCS#12 password in the environment variable ${sign.passwordEnv} (it is never taken on the command line)`);
  const { readP12 } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
  return readP12(data, password, sign.p12);
}

function buildTime(env: NodeJS.ProcessEnv, asOf: string | undefined) {
  try {
    return resolveBuildTime(env, asOf);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
