/**
 * `exhibits build <case>`: the whole pipeline, in order.
 *   case → intake → plan → render (cover sheets) → pdf (exhibits, stamps, bundle) → seal (manifest)
 * Everything that can be wrong with the input is found before anything is written; the output is built in
 * a temporary folder and renamed into place, so a failed build leaves the previous bundle untouched.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { formatBates, planExhibits } from "../plan/index.js";
import { renderCoverSheets } from "../render/index.js";
import { openBrowser } from "../browser/index.js";
import { countPages, writeBundle } from "../pdf/index.js";
import { caseDigest, listFiles, storedFile, writeManifest } from "../integrity/index.js";
import type { EvidenceItem } from "../model/evidence.js";
import { BUNDLE_FILE, type Manifest } from "../model/manifest.js";
import type { StoredFile } from "../model/digest.js";
import { withAtomicDir } from "../util/atomic-dir.js";
import { sha256File } from "../util/hash.js";
import { resolveBuildTime } from "../util/time.js";
import { UsageError } from "../util/errors.js";
import { silentLogger, type Logger } from "../util/log.js";
import { PRODUCER, TOOL } from "../util/version.js";
import { writeExhibitFiles } from "./build-exhibits.js";

export interface BuildOptions {
  cwd: string;
  /** The case folder, as the user typed it. */
  caseDir: string;
  /** Output root; the bundle goes to <out>/<case-id>/. Default: <cwd>/out. */
  out?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

export interface BuildResult {
  bundleDir: string;
  manifest: Manifest;
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? silentLogger;

  // 1–3: everything that can be wrong with the input is found here, before any output exists.
  const loaded = { ...(await loadCase(resolve(opts.cwd, opts.caseDir))), displayDir: opts.caseDir };
  const { config } = loaded;
  const intake = await intakeEvidence(loaded);
  const exhibits = planExhibits(config, intake.items);
  const builtAt = buildTime(env, config.asOf);
  const items = new Map<string, EvidenceItem>(intake.items.map((i) => [i.id, i]));
  const caseFile: StoredFile = { path: "case.yaml", ...(await sha256File(loaded.file)) };
  const inputs = [caseFile, ...intake.inputs];
  const totalPages = exhibits.reduce((n, e) => n + e.pages.length, 0);
  log.info(`${config.id}: ${intake.items.length} evidence files → ${exhibits.length} exhibits, ${totalPages} pages`);

  const bundleDir = resolve(opts.cwd, opts.out ?? "out", config.id);
  const manifest = await withAtomicDir(bundleDir, async (tmp) => {
    // 4. Cover sheets, rendered by one Chromium for the whole run.
    const browser = await openBrowser(env);
    const covers = await renderCoverSheets(browser, config, exhibits, items, countPages).finally(() => browser.close());

    // 5. Exhibit PDFs, one at a time per worker, streamed to disk.
    const written = await writeExhibitFiles(tmp, loaded, exhibits, items, covers, builtAt.at);
    log.info(`wrote ${written.length} exhibit PDFs`);

    // 6. The combined bundle, assembled from the finished exhibit files.
    const bundle = await writeBundle(
      join(tmp, BUNDLE_FILE),
      written.map(({ exhibit, path }) => ({
        bookmark: `Exhibit ${exhibit.label} — ${exhibit.title}${exhibit.defendantName ? ` (${exhibit.defendantName})` : ""} · ${exhibit.bates.first}–${exhibit.bates.last}`,
        bytes: () => readFile(join(tmp, path)),
        pageLabels: exhibit.pages.map((_, i) => formatBates(config.bates, exhibit.bates.firstNumber + i)),
      })),
      { title: `${config.caption.shortTitle}, No. ${config.caption.caseNumber} — Exhibits`, producer: PRODUCER, builtAt: builtAt.at },
    );

    // 7. Seal: the manifest is written last, listing every output with its hash.
    const outputs = await Promise.all((await listFiles(tmp)).map((p) => storedFile(tmp, p)));
    const byPath = new Map(outputs.map((f) => [f.path, f]));
    const m: Manifest = {
      version: 1,
      tool: { ...TOOL },
      case: { id: config.id, digest: caseDigest(inputs) },
      builtAt: builtAt.at,
      builtAtSource: builtAt.source,
      bates: {
        prefix: config.bates.prefix,
        digits: config.bates.digits,
        first: exhibits[0]?.bates.first ?? "",
        last: exhibits[exhibits.length - 1]?.bates.last ?? "",
        pages: totalPages,
      },
      inputs,
      exhibits: written.map(({ exhibit, path }) => ({
        number: exhibit.number,
        label: exhibit.label,
        title: exhibit.title,
        ...(exhibit.defendantId ? { defendantId: exhibit.defendantId } : {}),
        pages: exhibit.pages.length,
        bates: { first: exhibit.bates.first, last: exhibit.bates.last },
        sources: exhibit.itemIds.map((id) => {
          const it = items.get(id) as EvidenceItem;
          return { path: it.source.path, sha256: it.source.sha256, ...(it.capturedAt ? { capturedAt: it.capturedAt } : {}), capturedAtSource: it.capturedAtSource };
        }),
        file: byPath.get(path) as StoredFile,
      })),
      bundle: { file: byPath.get(BUNDLE_FILE) as StoredFile, pages: bundle.pages },
      outputs,
      timestamps: [],
    };
    await writeManifest(tmp, m);
    return m;
  });
  log.info(`bundle: ${bundleDir}`);
  return { bundleDir, manifest };
}

function buildTime(env: NodeJS.ProcessEnv, asOf: string | undefined) {
  try {
    return resolveBuildTime(env, asOf);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
