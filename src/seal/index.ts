/**
 * Stage 11, seal (per twin): manifest.json written last, listing every file of the tree (natives kept beside the
 * exhibits too, also under their exhibit) with its size and SHA-256 (and manifest.json.sha256 beside it), then,
 * when TSAs are configured, RFC 3161 timestamps of the manifest (and of each exhibit PDF when asked). No TSA
 * answering stops the build unless it was allowed.
 */
import type { BuildContext } from "../model/build-context.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { MANIFEST_FILE, type Manifest } from "../model/manifest.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { formatBates, identityMask, ocrPages } from "../plan/index.js";
import { EnvironmentError } from "../util/errors.js";
import { listFiles, storedFile } from "../util/stored-files.js";
import { TOOL } from "../util/version.js";
import { caseDigest, writeManifest } from "./manifest.js";
import { stampTree } from "./timestamps.js";

export { caseDigest, digestLines, serializeManifest } from "./manifest.js";

export interface Stamping {
  tsas: readonly string[];
  /** Stamp each exhibit PDF too. */
  exhibits: boolean;
  timeoutSeconds: number;
  /** Seal without a timestamp when no TSA answers (timestamps.json says why). */
  allowUntimestamped: boolean;
}

/** Writes the tree's manifest and timestamps; returns the manifest. */
export async function sealTree(ctx: BuildContext, out: TwinOutputs, stamping: Stamping): Promise<Manifest> {
  const manifest = manifestOf(ctx, out, await outputsOf(out), stamping.tsas);
  await writeManifest(out.tree.dir, manifest);
  if (stamping.tsas.length) await stamp(ctx, out, stamping);
  return manifest;
}

/** Every file of the tree: those hashed as they were written, the rest hashed now. */
async function outputsOf(out: TwinOutputs) {
  const volumes = [...out.exhibits.flatMap((w) => w.volumes), ...out.bundle];
  const natives = out.exhibits.flatMap((w) => w.natives.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })));
  const known = new Map([
    ...volumes.map((v) => [v.path, v.file] as const),
    ...natives.map((f) => [f.path, f] as const),
    ...out.hashed.map((f) => [f.path, f] as const),
  ]);
  return Promise.all((await listFiles(out.tree.dir)).map((p) => known.get(p) ?? storedFile(out.tree.dir, p)));
}

/**
 * The Bates numbers each page of the tree's bundle carries, in order: one number a page, but a slip sheet (public
 * tree) stands for its sealed exhibit's whole range; a sealed tree holding some exhibits skips the others' numbers.
 */
function pageBates(exhibits: readonly PlannedExhibit[]): { from: number; to: number }[] {
  return exhibits.flatMap((e) =>
    e.filedUnderSeal
      ? [{ from: e.bates.firstNumber, to: e.bates.lastNumber }]
      : e.pages.map((_, i) => ({ from: e.bates.firstNumber + i, to: e.bates.firstNumber + i })),
  );
}

function manifestOf(ctx: BuildContext, out: TwinOutputs, outputs: Manifest["outputs"], tsas: readonly string[]): Manifest {
  const { config } = ctx.loaded;
  // The exhibits this tree holds, as it names them (a sealed tree: those filed under seal; public: slip sheets too).
  const exhibits = out.exhibits.map((w) => w.exhibit);
  const twin = out.tree.twin;
  const shown = twin === "public" ? identityMask(config) : (p: string) => p;
  const bates = (first: number, pages: number) => ({
    first: formatBates(config.bates, first),
    last: formatBates(config.bates, first + pages - 1),
  });
  const numbers = pageBates(exhibits);
  const bundleBates = (firstPage: number, pages: number) => ({
    first: formatBates(config.bates, numbers[firstPage]!.from),
    last: formatBates(config.bates, numbers[firstPage + pages - 1]!.to),
  });
  const ocrOf = (exhibit: PlannedExhibit): Pick<Manifest["exhibits"][number], "ocr"> => {
    const pages = ocrPages(exhibit, ctx.ocr).withText;
    const engine = ctx.ocr.engine;
    return engine && pages.length ? { ocr: { engine: `${engine.name} ${engine.version}`, languages: engine.languages, pages } } : {};
  };
  return {
    version: 1,
    tool: { ...TOOL },
    case: { id: config.id, digest: caseDigest(ctx.inputs) },
    ...(twin === "single" ? {} : { twin, redactions: ctx.redactions.length }),
    builtAt: ctx.builtAt.at,
    builtAtSource: ctx.builtAt.source,
    bates: {
      prefix: config.bates.prefix,
      digits: config.bates.digits,
      first: exhibits[0]?.bates.first ?? "",
      last: exhibits[exhibits.length - 1]?.bates.last ?? "",
      pages: exhibits.reduce((n, e) => n + (e.filedUnderSeal?.pages ?? e.pages.length), 0),
    },
    inputs: ctx.inputs.map((f) => ({ ...f, path: shown(f.path) })),
    exhibits: out.exhibits.map(({ exhibit, volumes, natives }) => ({
      number: exhibit.number,
      label: exhibit.label,
      title: exhibit.title,
      ...(exhibit.defendantId ? { defendantId: exhibit.defendantId } : {}),
      pages: exhibit.pages.length,
      bates: { first: exhibit.bates.first, last: exhibit.bates.last },
      ...(exhibit.filedUnderSeal ? { filedUnderSeal: exhibit.filedUnderSeal } : {}),
      sources: (exhibit.filedUnderSeal ? [] : exhibit.itemIds).map((id) => {
        const it = ctx.items.get(id) as EvidenceItem;
        return {
          path: shown(it.source.path),
          sha256: it.source.sha256,
          ...(it.capturedAt ? { capturedAt: it.capturedAt } : {}),
          capturedAtSource: it.capturedAtSource,
        };
      }),
      file: volumes[0]!.file,
      ...ocrOf(exhibit),
      ...(volumes.length > 1
        ? {
            volumes: volumes.map((v) => ({ file: v.file, pages: v.pages, bates: bates(exhibit.bates.firstNumber + v.firstPage, v.pages) })),
          }
        : {}),
      ...(natives.length ? { natives } : {}),
    })),
    bundle: {
      file: out.bundle[0]!.file,
      pages: out.bundle.reduce((n, v) => n + v.pages, 0),
      ...(out.bundle.length > 1
        ? { volumes: out.bundle.map((v) => ({ file: v.file, pages: v.pages, bates: bundleBates(v.firstPage, v.pages) })) }
        : {}),
    },
    outputs,
    timestamps: tsas.map((tsa) => ({ tsa })),
  };
}

/** RFC 3161 tokens for the manifest (and the exhibits, when asked); no answer stops the build unless allowed. */
async function stamp(ctx: BuildContext, out: TwinOutputs, s: Stamping): Promise<void> {
  const exhibits = s.exhibits ? out.exhibits.map((w) => ({ path: w.path, label: w.exhibit.label })) : [];
  const stamps = await stampTree(out.tree.dir, { tsas: s.tsas, exhibits, timeoutMs: s.timeoutSeconds * 1000 });
  const answered = stamps.tokens.filter((t) => t.subject === MANIFEST_FILE);
  for (const f of stamps.failures) ctx.log.info(`timestamp: ${f.tsa} did not stamp ${f.subject}: ${f.error}`);
  if (answered.length === 0 && !s.allowUntimestamped) {
    const why = stamps.failures.map((f) => `${f.tsa}: ${f.error}`).join("; ");
    throw new EnvironmentError(
      `no time-stamping authority answered (${why}); nothing was written. Fix the TSA address or the network, or build with ` +
        `--allow-untimestamped`,
    );
  }
  ctx.log.info(
    answered.length
      ? `timestamped manifest.json: ${answered.map((t) => `${t.tsaName} at ${t.genTime}`).join(", ")}`
      : "WARNING: built without a timestamp (--allow-untimestamped); timestamps.json records why",
  );
}
