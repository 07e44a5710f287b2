/**
 * The build's per-exhibit loop for one twin: prepare each source (images/), compose and stamp the exhibit
 * (pdf/) part by part into the cache, join the parts into the exhibit file with the streamed writer, and
 * forget them. Two exhibits in flight at most; memory holds a part, never a whole exhibit or bundle.
 * The parts stay in the cache so bundle.pdf is joined from the very same pages.
 *
 * An exhibit's parts are keyed by everything they are made from (its plan, its items and their sources'
 * hashes, its cover page, its rendered documents, the Bates settings); an exhibit file by its parts and its
 * metadata. A rebuild composes only the exhibits whose key changed, and links the previous exhibit file
 * into place when nothing about it changed.
 */
import { readFile, rm, mkdir, writePieces } from "../util/fs.js";
import { join, sep } from "node:path";
import type { PdfDocument } from "../pdf/index.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { EXHIBITS_DIR } from "../model/manifest.js";
import type { CoverBatch, RenderedDocument, Twin } from "../render/index.js";
import { composeExhibitParts, loadPdf, pageDigest, writeBundle, PART_PAGES } from "../pdf/index.js";
import { burnRegions, prepareImage, preparePng } from "../images/index.js";
import { formatBates, splitIntoVolumes, volumeFileName } from "../plan/index.js";
import { mapLimit } from "../util/concurrency.js";
import { sha256Bytes, sha256Pieces, shortHex } from "../util/hash.js";
import { EnvironmentError } from "../util/errors.js";
import { formatUtc } from "../util/time.js";
import { PRODUCER } from "../util/version.js";
import type { Logger } from "../util/log.js";
import { captureText, exhibitNatives } from "./exhibit-natives.js";
import type { ExhibitProvenance } from "../model/manifest.js";
import type { StoredFile } from "../model/digest.js";
import { BuildCache, type OutputReuse } from "../cache/index.js";

/** A file written for an exhibit (or a part of bundle.pdf): where it is, and which of the pages it holds. */
export interface WrittenVolume {
  path: string;
  /** Its size and SHA-256, taken as it was written (or from the record of the previous build's file). */
  file: StoredFile;
  pages: number;
  /** 0-based index of the volume's first page in the exhibit (in the bundle, for a bundle part). */
  firstPage: number;
}

export interface WrittenExhibit {
  exhibit: PlannedExhibit;
  /** The exhibit's file (its first volume when it is split). */
  path: string;
  /** The files the exhibit was written to: one, or several "(Part k of m)" under the size limit. */
  volumes: WrittenVolume[];
  /** The exhibit's parts (files in the cache), in order, with the Bates labels of their pages and their sizes. */
  parts: { file: string; read: () => Promise<Uint8Array>; pageLabels: string[]; bytes: number; key: string; sha256: string }[];
}

/** What writing an exhibit's files came to: each file's path and key (its record says where it is), and the warnings given. */
interface ExhibitOutcome {
  volumes: { path: string; fileKey: string; pages: number; firstPage: number }[];
  warnings: string[];
}

/** A cached set of parts: the files of one exhibit's pages. */
interface PartsIndex {
  parts: { file: string; first: number; pages: number; bytes: number; sha256: string }[];
}

/** A cached part's bytes, checked against the digest stored with it (a damaged entry stops the build, and is removed). */
export async function readPart(file: string, sha256: string, entry: string): Promise<Uint8Array> {
  const data = await readFile(file);
  if (sha256Bytes(data) !== sha256) {
    await rm(entry, { recursive: true, force: true });
    throw new EnvironmentError(`the build cache entry ${entry} is damaged (${file} does not have the SHA-256 stored with it); it has been removed: build again`);
  }
  return data;
}

export interface TwinInputs {
  loaded: LoadedCase;
  exhibits: readonly PlannedExhibit[];
  items: Map<string, EvidenceItem>;
  covers: readonly CoverBatch[];
  documents: ReadonlyMap<string, RenderedDocument>;
  twin: Twin;
  builtAt: string;
  /** Where parts are kept (a persistent cache, or a temporary one for a build that reuses nothing). */
  cache: BuildCache;
  /** Finished exhibit files of the previous build, linked into place when unchanged. */
  reuse: OutputReuse;
  /** Item id → digest of its reading (IntakeResult.digests): keys an exhibit instead of the whole item. */
  itemDigests?: ReadonlyMap<string, string>;
  log?: Logger;
}

const TWIN_NOTE: Record<Twin, string | undefined> = { single: undefined, public: undefined, sealed: "FILED UNDER SEAL" };

export async function writeExhibitFiles(outDir: string, v: TwinInputs): Promise<WrittenExhibit[]> {
  const { loaded, exhibits, items, covers, documents, twin, builtAt, cache } = v;
  const { config } = loaded;
  await mkdir(join(outDir, EXHIBITS_DIR), { recursive: true });
  // A cover batch is parsed only when an exhibit in it is composed, or once to digest its pages (kept in the
  // cache): an exhibit is keyed by its own cover page, so a change to one cover recomposes one exhibit.
  const coverDocs = covers.map((batch) => {
    let doc: Promise<PdfDocument> | undefined;
    let digests: Promise<string[]> | undefined;
    const load = () => (doc ??= batch.pdf.then(loadPdf));
    const pageKeys = async () =>
      (digests ??= cache.memo("cover-pages", BuildCache.key("cover-pages", await batch.pdf), async () => {
        const d = await load();
        return Array.from({ length: batch.count }, (_, i) => pageDigest(d, i));
      }));
    return { batch, doc: load, pageKey: async (i: number) => (await pageKeys())[i] };
  });
  // Printed documents come many to a file, used by consecutive exhibits: the last few files stay parsed.
  const printedDocs = new RecentlyLoaded(4, async (file) => loadPdf(await readFile(file)));
  const item = (id: string) => items.get(id) as EvidenceItem;
  const abs = (id: string) => join(loaded.dir, item(id).source.path);
  const provenance = (id: string) => {
    const it = item(id);
    const when = it.capturedAt ? `captured ${formatUtc(it.capturedAt)}` : "capture time UNKNOWN";
    return `Source SHA-256 ${shortHex(it.source.sha256)} · ${when}`;
  };

  // Exhibits whose covers are at hand go first; those waiting for a print (Chromium may still be starting, in
  // a rebuild) come last, so the wait overlaps the work. The results keep the plan's order.
  const coverOf = exhibits.map(() => undefined as (typeof coverDocs)[number] | undefined);
  for (const c of coverDocs) for (let i = c.batch.first; i < c.batch.first + c.batch.count; i++) coverOf[i] = c;
  const order = exhibits.map((_, i) => i);
  order.sort((a, b) => Number(!coverOf[a]?.batch.recalled) - Number(!coverOf[b]?.batch.recalled) || a - b);
  return mapLimit(exhibits, 2, async (exhibit, index) => {
    const cover = coverOf[index];
    if (!cover) throw new Error(`no cover sheet rendered for exhibit ${exhibit.label}`);
    const limit = config.volumes.maxMegabytes * 1_000_000;
    const partsKey = BuildCache.key(
      "parts",
      twin,
      exhibit,
      // Each item by its reading's digest (and what intake added after reading it), when intake gave one.
      exhibit.itemIds.map((id) => [v.itemDigests?.get(id) ?? item(id), item(id).related ?? null, documents.get(id)?.digest ?? null]),
      { cover: await cover.pageKey(index - cover.batch.first) },
      config.bates,
      PART_PAGES,
      limit / 4,
    );
    const compose = async () => composeExhibitParts(
      exhibit,
      {
        cover: { doc: await cover.doc(), pageIndex: index - cover.batch.first },
        image: async (id) => {
          const it = item(id);
          if (it.payload.type !== "image" || (it.media !== "png" && it.media !== "jpeg" && it.media !== "webp")) throw new Error(`${id} is not an image`);
          // The public twin gets a new image with the regions' pixels overwritten; the sealed twin the original.
          if (twin === "public" && it.redact?.length) return preparePng(await burnRegions(abs(id), it.redact));
          return prepareImage(abs(id), it.media, it.payload.orientation);
        },
        pdf: (id) => readFile(abs(id)),
        renderedPage: async (id, pageIndex) => {
          const doc = documents.get(id);
          if (!doc) throw new Error(`no rendering of ${id}`);
          const ranges = doc.printed[doc.redacted ? twin : "single"] ?? doc.printed.single ?? [];
          let skip = pageIndex;
          for (const range of ranges) {
            if (skip < range.count) return { doc: await printedDocs.load(range.file), index: range.first + skip };
            skip -= range.count;
          }
          return undefined; // this twin is shorter: a blank alignment page
        },
        imageText: (id) => captureText(loaded.dir, item(id), twin),
        highlights: (id) => (twin === "sealed" ? (item(id).redact ?? []) : []),
        twinNote: TWIN_NOTE[twin],
        provenance,
        coverProvenance: `Cover sheet · ${provenance(exhibit.itemIds[0])}${exhibit.itemIds.length > 1 ? ` · +${exhibit.itemIds.length - 1} more source(s)` : ""}`,
        bates: (n) => formatBates(config.bates, n),
      },
      PART_PAGES,
      limit / 4,
    );
    // Parts this build composes are read back (for the exhibit file and bundle.pdf) without re-checking their
    // digests: the check guards entries left by earlier builds.
    let composedNow = false;
    const stored =
      (await cache.readFolder<PartsIndex>("parts", partsKey)) ??
      (await cache.writeFolder<PartsIndex>("parts", partsKey, async (dir) => {
        const index: PartsIndex = { parts: [] };
        composedNow = true;
        for await (const part of await compose()) {
          const file = `${String(index.parts.length + 1).padStart(4, "0")}.pdf`;
          await writePieces(join(dir, file), part.pieces);
          index.parts.push({ file, first: part.first, pages: part.pages, bytes: part.pieces.reduce((n, p) => n + p.length, 0), sha256: sha256Pieces(part.pieces) });
        }
        return index;
      }));
    const batesOf = (i: number) => formatBates(config.bates, exhibit.bates.firstNumber + i);
    // Paths joined by hand: the folder is the cache's own (already normal), the names are its index's "0001.pdf".
    const written: WrittenExhibit["parts"] = stored.index.parts.map((p, k) => ({
      file: stored.dir + sep + p.file,
      read: () => (composedNow ? readFile(stored.dir + sep + p.file) : readPart(stored.dir + sep + p.file, p.sha256, stored.dir)),
      pageLabels: Array.from({ length: p.pages }, (_, j) => batesOf(p.first + j)),
      bytes: p.bytes,
      key: `${partsKey}/${k}`,
      sha256: p.sha256,
    }));
    // What writing the exhibit came to last time, under everything its files depend on beyond its parts: the
    // recorded files are linked without working out their attachments and metadata again.
    const outcomeKey = BuildCache.key("exhibit-outcome", partsKey, config.id, config.caption, builtAt, PRODUCER, exhibit.itemIds.map((id) => Boolean(documents.get(id)?.redacted)));
    const outcome = composedNow ? undefined : await cache.readJson<ExhibitOutcome>("exhibit-outcome", outcomeKey);
    const notThere = new Set<string>(); // files the outcome names that could not be linked: written below
    if (outcome) {
      const linked: WrittenVolume[] = [];
      for (const vol of outcome.volumes) {
        const file = await v.reuse.reuse("exhibit", vol.fileKey, join(outDir, vol.path));
        if (!file) {
          notThere.add(vol.fileKey); // moved or edited since
          break;
        }
        linked.push({ path: vol.path, file: { path: vol.path, ...file }, pages: vol.pages, firstPage: vol.firstPage });
      }
      if (linked.length === outcome.volumes.length) {
        for (const w of outcome.warnings) v.log?.info(w);
        return { exhibit, path: linked[0]!.path, volumes: linked, parts: written };
      }
    }
    const recorded: ExhibitOutcome = { volumes: [], warnings: [] };
    const natives = exhibitNatives(loaded, exhibit, item, twin, (id) => twin === "public" && (Boolean(item(id).redact?.length) || Boolean(documents.get(id)?.redacted)));
    // Over the court's size limit: split into volumes at part boundaries. Each item's originals ride in the
    // part where its pages begin, and count toward that part's size.
    const seen = new Set<string>();
    let at = 0;
    const sized = written.map((w) => {
      const starting = [...new Set(exhibit.pages.slice(at, at + w.pageLabels.length).flatMap((p) => (p.kind === "cover" ? [] : [p.itemId])))].filter((id) => !seen.has(id));
      starting.forEach((id) => seen.add(id));
      at += w.pageLabels.length;
      const nativeBytes = natives.attachments.filter((a) => starting.includes(a.itemId)).reduce((n, a) => n + (a.bytes ?? 0), 0);
      return { ...w, pages: w.pageLabels.length, bytes: w.bytes + nativeBytes, starting };
    });
    // Items only on the cover (none) and any not yet placed go with Part 1.
    for (const id of exhibit.itemIds) if (!seen.has(id)) sized[0]?.starting.push(id);
    const split = splitIntoVolumes(sized, limit);
    for (const [k, vol] of split.entries()) {
      if (vol.bytes > limit) recorded.warnings.push(`WARNING: Exhibit ${exhibit.label}${split.length > 1 ? ` part ${k + 1}` : ""} is about ${(vol.bytes / 1e6).toFixed(1)} MB, over the ${config.volumes.maxMegabytes} MB limit: a single item (its pages and attached original) is larger than the limit`);
    }
    for (const w of recorded.warnings) v.log?.info(w);
    const names = split.map((_, k) => volumeFileName(exhibit.fileName, k + 1, split.length));
    const homeOf = new Map(split.flatMap((vol, k) => vol.parts.flatMap((p) => p.starting.map((id) => [id, k] as const))));
    const volumes: WrittenVolume[] = [];
    for (const [k, vol] of split.entries()) {
      const path = `${EXHIBITS_DIR}/${names[k]}`;
      const partWord = split.length > 1 ? ` (Part ${k + 1} of ${split.length})` : "";
      const first = formatBates(config.bates, exhibit.bates.firstNumber + vol.firstPage);
      const last = formatBates(config.bates, exhibit.bates.firstNumber + vol.firstPage + vol.pages - 1);
      const info = {
        title: `Exhibit ${exhibit.label}${partWord} — ${exhibit.title}`,
        subject: `${config.caption.shortTitle}, No. ${config.caption.caseNumber} · Bates ${first}–${last}${partWord}${twin === "sealed" ? " · FILED UNDER SEAL" : ""}`,
        keywords: [`case:${config.id}`, `exhibit:${exhibit.label}`, `bates:${first}-${last}`, ...(split.length > 1 ? [`part:${k + 1}/${split.length}`] : []), ...(twin === "single" ? [] : [`twin:${twin}`]), ...exhibit.itemIds.map((id) => `source:${item(id).source.sha256}`)],
        producer: PRODUCER,
        builtAt,
        attachments: natives.attachments.filter((a) => homeOf.get(a.itemId) === k),
        custom: { ExhibitsProvenance: JSON.stringify(volumeProvenance(natives.provenance, exhibit, homeOf, k, names)) },
      };
      // The file's key: its parts and its metadata (the attachments by name and digest; JSON leaves out their readers).
      const fileKey = BuildCache.key("exhibit", vol.parts.map((p) => [p.key, p.pageLabels]), info);
      const target = join(outDir, path);
      let file = notThere.has(fileKey) ? undefined : await v.reuse.reuse("exhibit", fileKey, target);
      if (!file) {
        file = await writeBundle(target, vol.parts.map((p) => ({ bytes: p.read, pageLabels: p.pageLabels, sha256: p.sha256 })), info);
        v.reuse.made("exhibit", fileKey, target);
      }
      volumes.push({ path, file: { path, bytes: file.bytes, sha256: file.sha256 }, pages: vol.pages, firstPage: vol.firstPage });
      recorded.volumes.push({ path, fileKey, pages: vol.pages, firstPage: vol.firstPage });
    }
    await cache.writeJson("exhibit-outcome", outcomeKey, recorded);
    return { exhibit, path: volumes[0]!.path, volumes, parts: written };
  }, order);
}


/** The last `keep` files loaded, by path (a small LRU). */
class RecentlyLoaded<T> {
  private readonly loaded = new Map<string, Promise<T>>();
  constructor(
    private readonly keep: number,
    private readonly loadFile: (file: string) => Promise<T>,
  ) {}
  load(file: string): Promise<T> {
    let hit = this.loaded.get(file);
    if (hit) this.loaded.delete(file);
    else hit = this.loadFile(file);
    this.loaded.set(file, hit); // most recent last
    if (this.loaded.size > this.keep) this.loaded.delete(this.loaded.keys().next().value!);
    return hit;
  }
}

/** The provenance record of one part: which sources this file carries, and where the others are. */
function volumeProvenance(p: ExhibitProvenance, exhibit: PlannedExhibit, homeOf: Map<string, number>, k: number, names: string[]): ExhibitProvenance {
  if (names.length <= 1) return p;
  const itemIdOf = (sourceItem: string) => exhibit.itemIds.find((id) => id === sourceItem || sourceItem.endsWith(id)) ?? sourceItem;
  return {
    ...p,
    volume: { part: k + 1, of: names.length },
    sources: p.sources.map((s) => {
      const home = homeOf.get(itemIdOf(s.item)) ?? 0;
      return s.attached && home !== k ? { ...s, attached: false, attachedIn: names[home]! } : s;
    }),
  };
}
