/** `exhibits check <case>`: validate the case and lint completeness per defendant, without rendering anything. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { InvalidInputErrors, type InvalidInputError } from "../util/errors.js";
import { BLANK_PROBLEM } from "../court/index.js";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { computeDamages, planExhibits } from "../plan/index.js";
import { checkCase, consistencyFindings, estimateRenderedPages, type CheckReport } from "../consistency/index.js";
import { addConsistency } from "./consistency-report.js";
import { findingInputs } from "./finding-inputs.js";
import { missingBases } from "../redact/index.js";
import { ocrReadiness } from "./ocr-readiness.js";
import { existsSync } from "node:fs";
import { BuildCache, CACHE_DIR, KnownSources } from "../cache/index.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import { ocrWords } from "../cache/ocr-words.js";
import { recogniseEvidence } from "../ocr/index.js";
import { sha256File } from "../util/hash.js";
import { codeIdentity } from "../util/version.js";

export interface CheckOptions {
  cwd: string;
  caseDir: string;
  /** The output root whose build cache holds what the last build read (default "out"). */
  out?: string;
  env?: NodeJS.ProcessEnv;
  /** Also lay the papers out as a final build would (in a scratch folder) and report every blank left for counsel. */
  final?: { out: string };
}

export async function check(opts: CheckOptions): Promise<{ caseId: string; report: CheckReport }> {
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir))), displayDir: opts.caseDir };
  // What the last build read is recalled from its cache (unchanged files are not read or probed again): a check of a
  // 500-defendant case takes seconds once it has been built. Nothing is written to the cache.
  const cacheDir = resolve(opts.cwd, opts.out ?? "out", CACHE_DIR);
  const cache = existsSync(cacheDir) ? new BuildCache(cacheDir) : undefined;
  const intake = await intakeEvidence(loaded, { known: cache ? await knownSources(loaded, cache) : undefined });
  // out-of-range requests are errors
  if (loaded.config.damages) computeDamages(loaded.config.damages, loaded.config, `${opts.caseDir}/case.yaml`);
  const exhibits = planExhibits(loaded.config, intake.items, estimateRenderedPages(intake.items));
  const report = checkCase(loaded.config, intake.items, exhibits, true, loaded.lineOf);
  const at = (path: (string | number)[]) => ({ file: "case.yaml", ...lineOf(loaded, path) });
  // What the evidence says against itself, from its records, text layers, photos and the words the last build read in
  // its images by OCR (check never runs OCR: an image not yet read is compared by the next build).
  const ocrKept = cache ? await keptOcr(loaded, intake.items, cache, opts.env) : undefined;
  const inputs = await findingInputs(loaded.dir, intake.items, ocrKept);
  addConsistency(report, loaded.config, consistencyFindings({ config: loaded.config, items: intake.items, exhibits, ...inputs }), at);
  const unread = intake.items.filter((i) => i.payload.type === "image" && !i.capture && !ocrKept?.items.has(i.id)).length;
  if (unread > 0)
    report.general.push({
      check: "consistency-images",
      level: "ok",
      message:
        `words in ${unread} image(s) (a label's tracking number, a screenshot's text) are not read yet: check compares the ` +
        "words a build has read by OCR, and the build compares the rest",
    });
  for (const m of missingBases(loaded.config.redaction, intake.items)) {
    const where = m.file === "case.yaml" ? at(fieldPath(m.field)) : { file: m.file };
    report.general.push({ check: "redaction-basis", level: "warning", message: `${m.file} (${m.field}): ${m.message}`, where });
    report.warnings++;
  }
  const ocr = await ocrReadiness(loaded.config, intake.items, opts.env);
  report.general.push(ocr.level === "ok" ? ocr : { ...ocr, where: at(["ocr"]) });
  if (ocr.level === "warning") report.warnings++;
  if (ocr.level === "error") Object.assign(report, { errors: report.errors + 1, ok: false });
  // Blanks for counsel are found in the papers as laid out: only a run of the build can say where each one is.
  if (opts.final && report.ok) {
    const blanks = await finalBlanks(opts, opts.final.out);
    // A blank is in a paper as laid out (its message names the paper and field), not at a line of the case's files.
    for (const b of blanks) report.general.push({ check: "final", level: "error", message: b.message });
    if (blanks.length) Object.assign(report, { errors: report.errors + blanks.length, ok: false });
    else report.general.push({ check: "final", level: "ok", message: "no blank for counsel remains: the case can be built with --final" });
  }
  return { caseId: loaded.config.id, report };
}

/** case.yaml's line of a path, when the case was parsed (not recalled) and the path is written. */
function lineOf(loaded: LoadedCase, path: (string | number)[]): { line?: number } {
  const line = loaded.lineOf?.(path);
  return line === undefined ? {} : { line };
}

/** "redaction.patterns[0].basis" → ["redaction", "patterns", 0, "basis"]. */
export function fieldPath(field: string): (string | number)[] {
  return field.split(/\.|(?=\[)/).map((p) => (/^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p));
}

async function finalBlanks(opts: CheckOptions, out: string): Promise<InvalidInputError[]> {
  const { rehearse } = await import("./build.js");
  const scratch = await mkdtemp(join(tmpdir(), "exhibits-final-check-"));
  try {
    await rehearse({
      cwd: opts.cwd,
      caseDir: opts.caseDir,
      env: opts.env,
      out: scratch,
      cache: join(resolve(opts.cwd, out), ".cache"),
      final: true,
    });
    return [];
  } catch (e) {
    if (e instanceof InvalidInputErrors && e.errors.every((x) => x.problem.startsWith(BLANK_PROBLEM))) return e.errors;
    throw e;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The words the last build read in the case's images by OCR, from its cache (nothing is recognised here). */
async function keptOcr(loaded: LoadedCase, items: readonly EvidenceItem[], cache: BuildCache, env?: NodeJS.ProcessEnv): Promise<OcrLayer> {
  const { mode, languages } = loaded.config.ocr;
  const settings = { caseDir: loaded.dir, mode, languages, memo: ocrWords(cache, env), keptOnly: true, ...(env ? { env } : {}) };
  return recogniseEvidence(items, settings).catch(() => ({ items: new Map() })); // no tesseract, say: nothing was read
}

/** The last build's readings of this case, from its build cache. */
async function knownSources(loaded: LoadedCase & { displayDir: string }, cache: BuildCache): Promise<KnownSources | undefined> {
  await cache.openJournal(loaded.dir);
  const caseYaml = (await sha256File(loaded.file)).sha256;
  const context = cache.key("readings", { caseYaml, caseDirAsNamed: loaded.displayDir, code: codeIdentity() });
  return KnownSources.open(cache, loaded.dir, context);
}
