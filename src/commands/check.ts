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
  const intake = await intakeEvidence(loaded, { known: await knownSources(loaded, resolve(opts.cwd, opts.out ?? "out", CACHE_DIR)) });
  // out-of-range requests are errors
  if (loaded.config.damages) computeDamages(loaded.config.damages, loaded.config, `${opts.caseDir}/case.yaml`);
  const exhibits = planExhibits(loaded.config, intake.items, estimateRenderedPages(intake.items));
  const report = checkCase(loaded.config, intake.items, exhibits, true);
  // What the evidence says against itself, from its records, text layers and photos (words in images: see below).
  const inputs = await findingInputs(loaded.dir, intake.items);
  addConsistency(report, loaded.config, consistencyFindings({ config: loaded.config, items: intake.items, exhibits, ...inputs }));
  if (intake.items.some((i) => i.payload.type === "image" && !i.capture))
    report.general.push({
      check: "consistency-images",
      level: "ok",
      message:
        "words in images (a label's tracking number, a screenshot's text) are compared by build, which reads them by OCR; " +
        "check compares the records, text layers and photos",
    });
  for (const m of missingBases(loaded.config.redaction, intake.items)) {
    report.general.push({ check: "redaction-basis", level: "warning", message: `${m.file} (${m.field}): ${m.message}` });
    report.warnings++;
  }
  const ocr = await ocrReadiness(loaded.config, intake.items, opts.env);
  report.general.push(ocr);
  if (ocr.level === "warning") report.warnings++;
  if (ocr.level === "error") Object.assign(report, { errors: report.errors + 1, ok: false });
  // Blanks for counsel are found in the papers as laid out: only a run of the build can say where each one is.
  if (opts.final && report.ok) {
    const blanks = await finalBlanks(opts, opts.final.out);
    for (const b of blanks) report.general.push({ check: "final", level: "error", message: b.message });
    if (blanks.length) Object.assign(report, { errors: report.errors + blanks.length, ok: false });
    else report.general.push({ check: "final", level: "ok", message: "no blank for counsel remains: the case can be built with --final" });
  }
  return { caseId: loaded.config.id, report };
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

/** The last build's readings of this case, from the build cache under `cacheDir`, when there is one. */
async function knownSources(loaded: LoadedCase & { displayDir: string }, cacheDir: string): Promise<KnownSources | undefined> {
  if (!existsSync(cacheDir)) return undefined;
  const cache = new BuildCache(cacheDir);
  await cache.openJournal(loaded.dir);
  const caseYaml = (await sha256File(loaded.file)).sha256;
  const context = cache.key("readings", { caseYaml, caseDirAsNamed: loaded.displayDir, code: codeIdentity() });
  return KnownSources.open(cache, loaded.dir, context);
}
