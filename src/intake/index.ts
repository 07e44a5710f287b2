/**
 * Stage 2 of the pipeline: case folder → EvidenceItem[]. Finds every evidence file (folder convention and
 * explicit case.yaml entries), detects its type by content, hashes it as it is read, reads its sidecar,
 * checks it is intact, and records its capture time and where that came from. Never writes to originals.
 * Every problem in every file is collected and reported together.
 */
import { readFile, stat } from "../util/fs.js";
import { join, posix } from "node:path";
import type { EvidenceMeta, LoadedCase } from "../model/case.js";
import type { EvidenceItem, CaptureTimeSource } from "../model/evidence.js";
import type { StoredFile } from "../model/digest.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import { sha256Bytes } from "../util/hash.js";
import { mapLimit } from "../util/concurrency.js";
import { discoverEvidence, insideCase, EVIDENCE_DIR, SIDECAR_SUFFIX, toPosix } from "./discover.js";
import { sniffMedia, SUPPORTED_DESCRIPTION } from "./sniff.js";
import { titleFromFileName } from "./title.js";
import { captureTime, readSidecarFacts, textItem, type Candidate } from "./item-facts.js";
import { imageReading, probeImageFile, type ImageProbe, type KnownFiles } from "./sources/image.js";
import { readTextEvidence, sniffText } from "./text-formats.js";
import { groupThreads, readThread, type ThreadCandidate } from "./threads.js";
import { groupCaptures, readCapture, type CaptureCandidate } from "./captures.js";
import { readPdf } from "./sources/pdf.js";
import type { SourceReading } from "./sources/reading.js";

export { EVIDENCE_DIR } from "./discover.js";

export interface IntakeResult {
  items: EvidenceItem[];
  /**
   * Item id → a digest of what reading its files gave (with `known`): what an exhibit is keyed by instead of
   * the whole item (its payload can be a long conversation). Files consumed later (a chat's attachments,
   * `related`) are not in it.
   */
  digests: Map<string, string>;
  /** Every file read as input (evidence and sidecars), for the manifest; case.yaml is added by the caller. */
  inputs: StoredFile[];
}


export interface IntakeOptions {
  /** Looks at each image (dimensions, integrity); the build passes a cached one. */
  probe?: ImageProbe;
  /**
   * Called once the text evidence (chats, purchase records, emails) is read, before the images are: the build
   * starts rendering documents while the images are hashed and checked. The items are in their final order;
   * if intake then finds errors it throws them as usual.
   */
  textItemsRead?: (items: EvidenceItem[]) => void;
  /** Images and sidecars unchanged since a previous build (same stat) are not read again: what was learnt from them is recalled. */
  known?: KnownFiles;
  /**
   * Called once, as soon as a candidate is found new or changed since the last build (without `known`, any
   * candidate). The build then starts Chromium: a changed source changes its cover sheet.
   */
  changed?: () => void;
}

export async function intakeEvidence(loaded: LoadedCase, opts: IntakeOptions = {}): Promise<IntakeResult> {
  const probe = opts.probe;
  const { dir, displayDir, config } = loaded;
  const errors: InvalidInputError[] = [];
  const shownOf = (rel: string) => toPosix(join(displayDir, rel));
  const defendantIds = new Set(config.defendants.map((d) => d.id));
  const markIds = new Set(config.marks.map((m) => m.id));

  // 1. Files under evidence/: the first folder level names the defendant.
  const byRel = new Map<string, Candidate>();
  const sidecars: string[] = [];
  const found = await discoverEvidence(dir, displayDir, errors, sidecars);
  const foundPaths = new Set(found.map((f) => f.rel));
  for (const s of sidecars) {
    const target = s.slice(0, -SIDECAR_SUFFIX.length);
    if (!foundPaths.has(target)) errors.push(new InvalidInputError({ file: shownOf(s) }, `is a metadata sidecar, but ${target.split("/").pop()} is not beside it; rename the sidecar to match its evidence file`));
  }
  for (const f of found) {
    const parts = f.rel.split("/");
    const folder = parts.length > 2 ? parts[1] : undefined;
    if (folder !== undefined && !defendantIds.has(folder)) {
      errors.push(new InvalidInputError({ file: shownOf(f.rel) }, `is in evidence/${folder}/, but '${folder}' is not a defendant id in case.yaml; known ids: ${[...defendantIds].join(", ")}`));
      continue;
    }
    byRel.set(f.rel, { ...f, defendantId: folder });
  }

  // 2. Explicit entries in case.yaml name files (inside or outside evidence/) and may group them.
  for (const [entryIndex, entry] of config.evidence.entries()) {
    for (const [j, file] of entry.files.entries()) {
      const where = { file: toPosix(join(displayDir, "case.yaml")), line: entry.line, field: `evidence[${entryIndex}].files[${j}]` };
      let abs: string;
      try {
        abs = await insideCase(dir, file, shownOf(file));
      } catch (e) {
        if (!(e instanceof InvalidInputError)) throw e;
        errors.push(new InvalidInputError(where, `'${file}': ${e.problem}`));
        continue;
      }
      const rel = toPosix(file).replace(/^\.\//, "");
      const existing = byRel.get(rel);
      if (existing?.entryIndex !== undefined) {
        errors.push(new InvalidInputError(where, `'${file}' is already named by evidence[${existing.entryIndex}]; a file belongs to one exhibit`));
        continue;
      }
      const folderDefendant = existing?.defendantId;
      if (folderDefendant && entry.defendant && folderDefendant !== entry.defendant) {
        errors.push(new InvalidInputError(where, `'${file}' is in evidence/${folderDefendant}/ but the entry says defendant '${entry.defendant}'; move the file or fix the entry`));
        continue;
      }
      // Entries list files in their exhibit order: re-insert so intake keeps that order.
      byRel.delete(rel);
      byRel.set(rel, { rel, abs, defendantId: entry.defendant ?? folderDefendant, entryIndex, entryMeta: entry });
    }
  }

  // 3. Meta thread folders (a folder holding message_N.json): every file under one is part of that thread.
  const threads = groupThreads(byRel);
  // 3b. Capture folders (a folder holding capture.json): one item per live capture.
  const captures = groupCaptures(byRel);

  // 4. Read, hash and check every file. Chat exports first: the attachments they name are theirs.
  const consumed = new Map<string, string>(); // attachment rel → consumer rel
  const readings = opts.known?.readings;
  const digests = new Map<string, string>();
  let anyChanged = false;
  const notifyChanged = () => {
    if (anyChanged) return;
    anyChanged = true;
    opts.changed?.();
  };
  const read = async (c: Candidate | ThreadCandidate | CaptureCandidate) => {
    // An attachment a chat names is taken from beside it (and is then not an item of its own).
    const asked: [string, string | undefined][] = [];
    const resolveAttachment = (name: string) => {
      if ("thread" in c || "capture" in c) return undefined;
      const rel = posix.join(posix.dirname(c.rel), name);
      const found = byRel.has(rel) && rel !== c.rel ? rel : undefined;
      if (found) consumed.set(found, c.rel);
      asked.push([name, found]);
      return found;
    };
    // A candidate none of whose files changed since the last build (case.yaml the same) is recalled whole,
    // when its attachments resolve as they did.
    const files = readings ? filesOf(c) : [];
    const recalled = readings?.recall<Reading>(files);
    if (recalled && recalled.reading.asked.every(([name, was]) => resolveAttachment(name) === was)) {
      digests.set(recalled.reading.item.id, recalled.digest);
      return { item: recalled.reading.item };
    }
    asked.length = 0;
    const stamps = readings?.before(files);
    const errorsBefore = errors.length;
    try {
      const r =
        "thread" in c
          ? await readThread(c, shownOf, loaded, errors, markIds, opts.known)
          : "capture" in c
            ? await readCapture(c, shownOf, loaded, errors, markIds, probe, opts.known)
            : await readCandidate(c, shownOf(c.rel), loaded, errors, markIds, resolveAttachment, probe, opts.known);
      // Read again only because its stat changed (a file touched, or copied moments ago) is not a change.
      const recorded = r && stamps && errors.length === errorsBefore ? readings!.remember(files, stamps, { item: r.item, asked } satisfies Reading) : undefined;
      if (recorded) digests.set(r!.item.id, recorded.digest);
      if (!recorded || recorded.differs) notifyChanged();
      return r;
    } catch (e) {
      if (e instanceof InvalidInputError) {
        errors.push(e);
        return undefined;
      }
      throw e;
    }
  };
  const candidates = [...byRel.values()];
  const isText = (c: Candidate) => !/\.(png|jpe?g|webp|pdf|gif|mp4|mov|heic)$/i.test(c.rel);
  const first = [...threads, ...captures, ...candidates.filter(isText)];
  // A change that a glance at file sizes shows (a retaken screenshot, a sidecar added) is said before anything
  // is read, so Chromium starts sooner in a rebuild that will need it; the rest is found as files are read.
  if (readings && [...first, ...candidates.filter((c) => !isText(c))].some((c) => readings.certainlyChanged(filesOf(c)))) notifyChanged();
  const firstResults = await mapLimit(first, 4, read);
  if (errors.length === 0) opts.textItemsRead?.(firstResults.flatMap((r) => (r && !consumed.has(r.item.id) ? [r.item] : [])));
  const rest = candidates.filter((c) => !isText(c) && !consumed.has(c.rel));
  const restResults = await mapLimit(rest, 8, read); // images: their data checks run on worker threads meanwhile
  const results = [...firstResults, ...restResults].filter((r) => !r || !consumed.has(r.item.id));

  // Attachments a chat consumed are inputs of that chat's item.
  const byId = new Map(results.filter((r): r is NonNullable<typeof r> => r !== undefined).map((r) => [r.item.id, r.item]));
  for (const [rel, consumer] of consumed) {
    const item = byId.get(consumer);
    const c = byRel.get(rel);
    if (!item || !c) continue;
    const data = await readFile(c.abs);
    item.related = [...(item.related ?? []), { path: rel, bytes: data.length, sha256: sha256Bytes(data) }].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  // 5. The same bytes twice is a mistake (two exhibits of one original).
  const seen = new Map<string, string>();
  for (const r of results) {
    if (!r) continue;
    const other = seen.get(r.item.source.sha256);
    if (other) errors.push(new InvalidInputError({ file: shownOf(r.item.id) }, `has the same content (${r.item.source.sha256.slice(0, 19)}…) as ${shownOf(other)}; remove one of them`));
    else seen.set(r.item.source.sha256, r.item.id);
  }
  if (errors.length > 0) throw new InvalidInputErrors(dedupe(errors));
  const ok = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
  const inputs = ok.flatMap((r) => [r.item.source, ...(r.item.sidecar ? [r.item.sidecar] : []), ...(r.item.related ?? [])]);
  const items = ok.map((r) => r.item);
  return { items, digests: new Map(items.flatMap((i) => (digests.has(i.id) ? [[i.id, digests.get(i.id)!] as const] : []))), inputs: inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** A candidate's reading as recorded: its item, and the attachment names it asked for with what they resolved to. */
interface Reading {
  item: EvidenceItem;
  asked: [string, string | undefined][];
}

/** Every file a candidate's reading comes from: its files and their sidecars (which may not exist). */
function filesOf(c: Candidate | ThreadCandidate | CaptureCandidate): string[] {
  const members = "thread" in c ? [...c.json, ...c.media] : "capture" in c ? [c.record, ...c.files] : [c];
  return members.flatMap((m) => [m.abs, m.abs + SIDECAR_SUFFIX]);
}

function dedupe(errors: InvalidInputError[]): InvalidInputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}

async function readCandidate(
  c: Candidate,
  shown: string,
  loaded: LoadedCase,
  errors: InvalidInputError[],
  markIds: Set<string>,
  resolveAttachment: (name: string) => string | undefined,
  probe?: ImageProbe,
  known?: KnownFiles,
) {
  const recalled = known && isImageName(c.rel) ? await known.lookup(c.abs) : undefined;
  if (recalled) {
    const sidecarFacts = await readSidecarFacts(c, shown, errors, markIds, known);
    if (!sidecarFacts) return undefined;
    const { meta, sidecar, sidecarMeta } = sidecarFacts;
    const source: StoredFile = { path: c.rel, bytes: recalled.bytes, sha256: recalled.sha256 };
    return readBinary(c, recalled.media, imageReading(recalled.facts, loaded.config.timeZone), source, sidecar, meta, sidecarMeta, shown);
  }
  const before = known && isImageName(c.rel) ? await stat(c.abs).catch(() => undefined) : undefined;
  const data = await readFile(c.abs);
  const source: StoredFile = { path: c.rel, bytes: data.length, sha256: sha256Bytes(data) };
  const media = sniffMedia(data.subarray(0, 1024)) ?? sniffText(data);
  if (!media) {
    throw new InvalidInputError({ file: shown }, `unsupported file: expected ${SUPPORTED_DESCRIPTION} (recognised by content, not by extension)`);
  }
  const sidecarFacts = await readSidecarFacts(c, shown, errors, markIds, known);
  if (!sidecarFacts) return undefined;
  const { meta, sidecar, sidecarMeta } = sidecarFacts;
  if (media !== "png" && media !== "jpeg" && media !== "webp" && media !== "pdf") {
    const text = await readTextEvidence(media, data, { shown, timeZone: loaded.config.timeZone, meta, resolveAttachment });
    return { item: textItem(c, media, source, sidecar, meta, sidecarMeta, text.kind, text.payload) };
  }
  if (media === "pdf") return readBinary(c, media, await readPdf(data, shown), source, sidecar, meta, sidecarMeta, shown);
  const facts = await probeImageFile(data, media, shown, probe);
  if (before) known?.remember(c.abs, before, { bytes: source.bytes, sha256: source.sha256, media, facts });
  return readBinary(c, media, imageReading(facts, loaded.config.timeZone), source, sidecar, meta, sidecarMeta, shown);
}

/** Names intake may recall from a previous build (images); anything else is read every time. */
function isImageName(rel: string): boolean {
  return /\.(png|jpe?g|webp)$/i.test(rel);
}

async function readBinary(
  c: Candidate,
  media: "png" | "jpeg" | "webp" | "pdf",
  reading: SourceReading<EvidenceItem["payload"]>,
  source: StoredFile,
  sidecar: StoredFile | undefined,
  meta: EvidenceMeta,
  sidecarMeta: EvidenceMeta | undefined,
  shown: string,
) {

  const time = captureTime(c, meta, sidecarMeta);
  let capturedAt = time?.capturedAt;
  let capturedAtSource: CaptureTimeSource = time?.capturedAtSource ?? "unknown";
  let capturedAtNote = time?.capturedAtNote;
  if (!time && reading.capturedAt) {
    capturedAt = reading.capturedAt;
    capturedAtSource = "exif";
    capturedAtNote = reading.capturedAtNote;
  }

  const kind = meta.kind ?? (media === "pdf" ? "document" : media === "jpeg" || reading.looksLikePhoto ? "photo" : "screenshot");
  const item: EvidenceItem = {
    id: c.rel,
    kind,
    media,
    source,
    sidecar,
    title: meta.title ?? titleFromFileName(c.rel.split("/").pop() as string),
    description: meta.description,
    defendantId: c.defendantId,
    marks: meta.marks ?? [],
    url: meta.url,
    capturedBy: meta.capturedBy,
    capturedAt,
    capturedAtSource,
    capturedAtNote,
    entryIndex: c.entryIndex,
    payload: reading.payload,
  };
  if (meta.redact?.length) {
    if (reading.payload.type !== "image") throw new InvalidInputError({ file: shown + SIDECAR_SUFFIX, field: "redact" }, "pixel regions apply to images only; for a PDF, supply a redacted copy");
    const { width, height, orientation } = reading.payload;
    const [w, h] = orientation >= 5 ? [height, width] : [width, height];
    meta.redact.forEach((r, i) => {
      if (r.x + r.width > w || r.y + r.height > h) throw new InvalidInputError({ file: shown + SIDECAR_SUFFIX, field: `redact[${i}]` }, `region ${r.x},${r.y} ${r.width}×${r.height} runs outside the ${w}×${h} px image`);
    });
    item.redact = meta.redact;
  }
  return { item };
}

export type { ImageProbe } from "./sources/image.js";
