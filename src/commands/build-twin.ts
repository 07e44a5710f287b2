/**
 * One complete output tree (the single bundle, or one twin): cover sheets, exhibit PDFs, bundle.pdf,
 * the redaction log when there are twins, and manifest.json written last, listing all of it.
 */
import { mkdir } from "../util/fs.js";
import { join } from "node:path";
import type { BrowserSession } from "../browser/index.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { BUNDLE_FILE, REDACTION_LOG_FILE, type Manifest } from "../model/manifest.js";
import type { RedactionLogEntry } from "../model/redaction.js";
import type { DamagesTable } from "../model/damages.js";
import { renderCoverSheets, type RenderedDocument, type Twin } from "../render/index.js";
import { signWrittenPdf, writeBundle } from "../pdf/index.js";
import { formatBates, splitIntoVolumes, type Volume } from "../plan/index.js";

/** The parts of a split bundle: bundle-part-1-of-3.pdf … */
export function bundleVolumeName(k: number, of: number): string {
  return `bundle-part-${k}-of-${of}.pdf`;
}
import type { SigningIdentity } from "../pki/index.js";
import { caseDigest, listFiles, storedFile, writeManifest, writeStoredFile } from "../integrity/index.js";
import { redactionLogCsv } from "../redact/index.js";
import { PRODUCER, TOOL } from "../util/version.js";
import type { Logger } from "../util/log.js";
import { writeExhibitFiles, type WrittenVolume } from "./build-exhibits.js";
import { BuildCache, type OutputReuse } from "../cache/index.js";
import { writeAppendices } from "./build-appendices.js";

export interface TwinBuild {
  loaded: LoadedCase;
  exhibits: readonly PlannedExhibit[];
  items: Map<string, EvidenceItem>;
  documents: ReadonlyMap<string, RenderedDocument>;
  twin: Twin;
  builtAt: { at: string; source: Manifest["builtAtSource"] };
  inputs: StoredFile[];
  browser: BrowserSession;
  redactionLog: readonly RedactionLogEntry[];
  /** Parts and renders (persistent, or temporary for a build that reuses nothing). */
  cache: BuildCache;
  /** Finished files of the previous build, linked into place when unchanged. */
  reuse: OutputReuse;
  /** Item id → digest of its reading (IntakeResult.digests). */
  itemDigests?: ReadonlyMap<string, string>;
  /** Where this tree will be once the build succeeds (where the previous build's tree is now). */
  finalDir: string;
  damages?: DamagesTable;
  /** Sign bundle.pdf with this identity (PKCS#12), when given. */
  signer?: SigningIdentity;
  log?: Logger;
}

/** One exhibit part as bundle.pdf takes it: its bookmark (on an exhibit's first part), bytes and labels. */
interface BundleVolumePart {
  bookmark: string | undefined;
  key: string;
  sha256: string;
  read: () => Promise<Uint8Array>;
  pageLabels: string[];
  bytes: number;
  pages: number;
}

const TWIN_TITLE: Record<Twin, string> = { single: "", public: " (public, redacted)", sealed: " (FILED UNDER SEAL)" };

export interface TwinBody {
  dir: string;
  twin: Twin;
  written: Awaited<ReturnType<typeof writeExhibitFiles>>;
  bundlePages: number;
  /** bundle.pdf, or its parts when split, with their sizes and digests. */
  bundleVolumes: WrittenVolume[];
  /** Other files whose size and digest were taken as they were written (appendices, logs): not read again to seal. */
  hashed: StoredFile[];
}

/** Everything of one tree but its manifest: covers, exhibits, bundle, redaction log, appendices. */
export async function writeTwin(dir: string, b: TwinBuild): Promise<TwinBody> {
  const { loaded, exhibits, items, twin } = b;
  const { config } = loaded;
  await mkdir(dir, { recursive: true });
  const perExhibit = new Map<string, number>();
  for (const e of b.redactionLog) if (e.exhibit) perExhibit.set(e.exhibit, (perExhibit.get(e.exhibit) ?? 0) + 1);

  const covers = await renderCoverSheets(b.browser, config, exhibits, items, b.cache.pageCounter, twin, perExhibit);
  b.log?.info(`rendered ${exhibits.length} cover sheets`);
  const written = await writeExhibitFiles(dir, { loaded, exhibits, items, covers, documents: b.documents, twin, builtAt: b.builtAt.at, cache: b.cache, reuse: b.reuse, itemDigests: b.itemDigests, log: b.log });

  b.log?.info(`wrote ${written.length} exhibit PDFs`);
  // bundle.pdf is joined from the same parts as the exhibit files: the same pages, one bookmark per exhibit.
  // Over the size limit it is split into bundle-part-k-of-m.pdf at part boundaries; Bates labels run on.
  const limit = config.volumes.maxMegabytes * 1_000_000;
  const allParts = written.flatMap(({ exhibit, parts }) =>
    parts.map((p, k): BundleVolumePart => ({
      bookmark: k === 0 ? `Exhibit ${exhibit.label} — ${exhibit.title}${exhibit.defendantName ? ` (${exhibit.defendantName})` : ""} · ${exhibit.bates.first}–${exhibit.bates.last}` : undefined,
      key: p.key,
      sha256: p.sha256,
      read: p.read,
      pageLabels: p.pageLabels,
      bytes: p.bytes,
      pages: p.pageLabels.length,
    })),
  );
  const split = splitIntoVolumes(allParts, limit);
  const names = split.map((_, k) => (split.length > 1 ? bundleVolumeName(k + 1, split.length) : BUNDLE_FILE));
  // The appendices need where each bundle part starts, not its bytes: they are laid out (the index printed)
  // while the bundle is written. Both settle before a failure is reported, so nothing writes after it.
  const bundleVolumes = split.map((vol, k) => ({ path: names[k]!, pages: vol.pages, firstPage: vol.firstPage }));
  const { redactionLog, damages, cache, reuse, finalDir } = b;
  const appendices = writeAppendices(dir, { loaded, exhibits, items, written, twin, builtAt: b.builtAt.at, browser: b.browser, redactionLog, damages, cache, reuse, finalDir, bundleVolumes });
  const [bundleWritten, appendicesWritten] = await Promise.allSettled([writeBundleVolumes(dir, b, split, names), appendices]);
  if (bundleWritten.status === "rejected") throw bundleWritten.reason;
  if (appendicesWritten.status === "rejected") throw appendicesWritten.reason;
  b.log?.info(`wrote ${split.length > 1 ? `the bundle in ${split.length} parts` : "bundle.pdf"} and the appendices`);
  const hashed = [...appendicesWritten.value];
  if (twin !== "single") hashed.push(await writeStoredFile(dir, REDACTION_LOG_FILE, redactionLogCsv(b.redactionLog)));
  return { dir, twin, written, bundlePages: bundleWritten.value.reduce((n, v) => n + v.pages, 0), bundleVolumes: bundleWritten.value, hashed };
}

/**
 * bundle.pdf, or its parts: an unchanged part (same pages, labels, bookmarks and metadata) is the previous
 * build's file; a changed one copies its unchanged exhibit parts' bytes from the previous file.
 */
async function writeBundleVolumes(dir: string, b: TwinBuild, split: readonly Volume<BundleVolumePart>[], names: string[]): Promise<WrittenVolume[]> {
  const { config } = b.loaded;
  const twin = b.twin;
  const bundleVolumes: WrittenVolume[] = [];
  for (const [k, vol] of split.entries()) {
    const path = names[k]!;
    const info = {
      title: `${config.caption.shortTitle}, No. ${config.caption.caseNumber} — Exhibits${TWIN_TITLE[twin]}${split.length > 1 ? ` (Part ${k + 1} of ${split.length})` : ""}`,
      producer: PRODUCER,
      builtAt: b.builtAt.at,
      ...(b.signer ? { signature: { name: b.signer.name, reason: `Exhibit bundle as built by ${PRODUCER}; manifest.json lists the SHA-256 of every source`, signingTime: b.builtAt.at, reserve: 16_384 } } : {}),
    };
    // An unchanged bundle part (same pages, labels, bookmarks and metadata) is the previous build's file.
    // A signed bundle is always written afresh: its key would have to cover the signing identity.
    const key = BuildCache.key("bundle", vol.parts.map((p) => [p.key, p.pageLabels, p.bookmark ?? null]), info);
    const target = join(dir, path);
    let file = b.signer ? undefined : await b.reuse.reuse("bundle", key, target);
    if (!file) {
      // A part changed: the previous build's file for this path gives the unchanged parts' bytes, copied as they are.
      const previous = b.signer ? undefined : await b.reuse.previous(join(b.finalDir, path));
      const written = await writeBundle(target, vol.parts.map((p) => ({ bookmark: p.bookmark, bytes: p.read, pageLabels: p.pageLabels, sha256: p.sha256 })), info, previous);
      for (const copied of written.copied) b.cache.count("bundle-parts", copied);
      file = written;
      if (b.signer && written.signatureSlot) {
        const signer = b.signer;
        const { detachedSignature } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
        await signWrittenPdf(target, written.signatureSlot, (digest) => detachedSignature(signer, digest, new Date(Date.parse(b.builtAt.at))));
        file = await storedFile(dir, path); // the signature was written into the file
      } else b.reuse.made("bundle", key, target, written.layout);
    }
    bundleVolumes.push({ path, file: { path, bytes: file.bytes, sha256: file.sha256 }, pages: vol.pages, firstPage: vol.firstPage });
  }
  return bundleVolumes;
}

/** The manifest, written last: every file of the tree with its size and SHA-256. */
export async function sealTwin(body: TwinBody, b: TwinBuild, tsas: readonly string[] = []): Promise<Manifest> {
  const { dir, twin, written } = body;
  const { exhibits, items } = b;
  const { config } = b.loaded;
  // Exhibit files, bundle parts, appendices and logs were hashed as they were written (or linked with their
  // recorded digest); anything else in the tree is hashed here.
  const known = new Map([...[...written.flatMap((w) => w.volumes), ...body.bundleVolumes].map((v) => [v.path, v.file] as const), ...body.hashed.map((f) => [f.path, f] as const)]);
  const outputs = await Promise.all((await listFiles(dir)).map((p) => known.get(p) ?? storedFile(dir, p)));
  const totalPages = exhibits.reduce((n, e) => n + e.pages.length, 0);
  const m: Manifest = {
    version: 1,
    tool: { ...TOOL },
    case: { id: config.id, digest: caseDigest(b.inputs) },
    ...(twin === "single" ? {} : { twin: twin, redactions: b.redactionLog.length }),
    builtAt: b.builtAt.at,
    builtAtSource: b.builtAt.source,
    bates: {
      prefix: config.bates.prefix,
      digits: config.bates.digits,
      first: exhibits[0]?.bates.first ?? "",
      last: exhibits[exhibits.length - 1]?.bates.last ?? "",
      pages: totalPages,
    },
    inputs: b.inputs,
    exhibits: written.map(({ exhibit, volumes }) => ({
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
      file: volumes[0]!.file,
      ...(volumes.length > 1 ? { volumes: volumes.map((v) => ({ file: v.file, pages: v.pages, bates: { first: formatBates(config.bates, exhibit.bates.firstNumber + v.firstPage), last: formatBates(config.bates, exhibit.bates.firstNumber + v.firstPage + v.pages - 1) } })) } : {}),
    })),
    bundle: {
      file: body.bundleVolumes[0]!.file,
      pages: body.bundlePages,
      ...(body.bundleVolumes.length > 1 ? { volumes: body.bundleVolumes.map((v) => volumeEntry(v, exhibits, config)) } : {}),
    },
    outputs,
    timestamps: tsas.map((tsa) => ({ tsa })),
  };
  await writeManifest(dir, m);
  return m;
}

/** A bundle part's manifest entry: its file, pages and the Bates range it spans (from the plan's first number). */
function volumeEntry(v: WrittenVolume, exhibits: readonly PlannedExhibit[], config: LoadedCase["config"]) {
  const start = exhibits[0]?.bates.firstNumber ?? config.bates.start;
  return { file: v.file, pages: v.pages, bates: { first: formatBates(config.bates, start + v.firstPage), last: formatBates(config.bates, start + v.firstPage + v.pages - 1) } };
}
