/**
 * `exhibits ocr <case>`: recognise the case's image pages ahead of a build (overnight, or in CI) and keep the words
 * in the build cache the build will use (`--out`'s .cache, or `--cache`); the build then recognises nothing. Reads
 * the evidence exactly as a build does (stages 1, 2 and 2b), and writes nothing else.
 */
import { join, resolve } from "node:path";
import { BuildCache, CACHE_DIR } from "../cache/index.js";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import type { Logger } from "../util/log.js";
import { UsageError } from "../util/errors.js";
import { ocrLayer } from "./ocr-layer.js";

export interface OcrCommandOptions {
  cwd: string;
  caseDir: string;
  out?: string;
  cache?: string;
  log: Logger;
  showProgress: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface OcrCommandResult {
  /** Pages whose words are now kept: recognised by this run, or found already kept. */
  recognised: number;
  kept: number;
  engine?: string;
  skipped?: string;
}

export async function warmOcr(opts: OcrCommandOptions): Promise<OcrCommandResult> {
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir))), displayDir: opts.caseDir };
  if (loaded.config.ocr.mode === "off") throw new UsageError(`${opts.caseDir}/case.yaml turns OCR off (ocr: off): nothing to recognise`);
  const intake = await intakeEvidence(loaded);
  const cache = new BuildCache(resolve(opts.cwd, opts.cache ?? join(opts.out ?? "out", CACHE_DIR)));
  const layer = await ocrLayer(loaded, intake.items, cache, opts.log, opts.showProgress, opts.env);
  const counts = cache.stats().ocr ?? { hits: 0, misses: 0 };
  return {
    recognised: counts.misses,
    kept: counts.hits,
    ...(layer.engine ? { engine: `${layer.engine.name} ${layer.engine.version} (${layer.engine.languages.join("+")})` } : {}),
    ...(layer.skipped ? { skipped: layer.skipped } : {}),
  };
}
