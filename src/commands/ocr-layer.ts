/**
 * Stage 2b of a build, check and `exhibits ocr` (wiring only): the OCR stage with the build cache's words store,
 * a progress line with the time left on a terminal, and its warnings in the log.
 */
import { ocrWords } from "../cache/ocr-words.js";
import type { EntryStore } from "../cache/ports.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import { recogniseEvidence } from "../ocr/index.js";
import type { Logger } from "../util/log.js";
import { progressBar } from "../util/progress.js";

export async function ocrLayer(
  loaded: LoadedCase,
  items: readonly EvidenceItem[],
  store: EntryStore,
  log: Logger,
  showProgress: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OcrLayer> {
  const started = performance.now();
  let bar: ReturnType<typeof progressBar> | undefined;
  let first: number | undefined;
  const layer = await recogniseEvidence(items, {
    caseDir: loaded.dir,
    mode: loaded.config.ocr.mode,
    languages: loaded.config.ocr.languages,
    memo: ocrWords(store, env),
    env,
    warn: (m) => log.info(`warning (ocr): ${m}`),
    progress: (done, total, current) => {
      if (!showProgress) return;
      bar ??= progressBar(1000);
      first ??= performance.now();
      const seconds = (performance.now() - first) / 1000;
      const left = done > 0 && done < total ? (seconds / done) * (total - done) : 0;
      const eta = left >= 1 ? ` · about ${left >= 90 ? `${Math.round(left / 60)} min` : `${Math.round(left)} s`} left` : "";
      bar?.update(
        Math.round((done / Math.max(total, 1e-9)) * 1000),
        0,
        `OCR ${done.toFixed(1)} of ${total.toFixed(1)} MP${eta} · ${current}`,
      );
    },
  });
  bar?.clear();
  const pages = [...layer.items.values()].reduce((n, r) => n + Object.keys(r.pages).length, 0);
  if (layer.engine && pages > 0) {
    const { name, version, languages } = layer.engine;
    log.info(
      `OCR (${name} ${version}, ${languages.join("+")}): ${pages} page(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return layer;
}
