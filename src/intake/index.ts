/**
 * Stage 2 of the pipeline: case folder → EvidenceItem[]. Finds every evidence file (folder convention and
 * explicit case.yaml entries), detects its format by content (formats/index.ts, the ordered registry), hashes it as
 * it is read, reads its sidecar, checks it is intact, and records its capture time and where that came from. Never
 * writes to originals. Every problem in every file is reported on one channel (Problems) and all are thrown
 * together at the end.
 */
import { stat } from "../util/fs.js";
import { notRegularMessage } from "../util/input-file.js";
import { realpathSync } from "node:fs";
import { join, posix, sep } from "node:path";
import type { Resolved } from "./formats/format.js";
import { escapingName } from "./formats/shared/attachments.js";
import { INPUT_BYTES, readInput } from "../util/input-bounds.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { StoredFile } from "../model/digest.js";
import { sha256Bytes } from "../util/hash.js";
import { mapLimit } from "../util/concurrency.js";
import { discoverEvidence, insideCase, SIDECAR_SUFFIX, toPosix } from "./discover.js";
import type { Candidate } from "./item-facts.js";
import type { ImageProbe } from "./formats/format.js";
import { groupFolders, readFolder, type FolderCandidate } from "./folders.js";
import { groupCaptures, readCapture, type CaptureCandidate } from "./captures.js";
import type { KnownFiles } from "./known-files.js";
import { Problems } from "./problems.js";
import { readEvidenceFile } from "./read-file.js";

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
  const { probe, known } = opts;
  const { dir, displayDir, config } = loaded;
  const problems = new Problems();
  const shownOf = (rel: string) => toPosix(join(displayDir, rel));
  const defendantIds = new Set(config.defendants.map((d) => d.id));
  const markIds = new Set(config.marks.map((m) => m.id));

  // 1. Files under evidence/: the first folder level names the defendant.
  const byRel = new Map<string, Candidate>();
  const sidecars: string[] = [];
  const found = await discoverEvidence(dir, displayDir, problems, sidecars);
  const foundPaths = new Set(found.map((f) => f.rel));
  for (const s of sidecars) {
    const target = s.slice(0, -SIDECAR_SUFFIX.length);
    if (!foundPaths.has(target)) {
      const alone = `is a metadata sidecar, but ${target.split("/").pop()} is not beside it; rename the sidecar to match its evidence file`;
      problems.add({ file: shownOf(s) }, alone);
    }
  }
  for (const f of found) {
    const parts = f.rel.split("/");
    const folder = parts.length > 2 ? parts[1] : undefined;
    if (folder !== undefined && !defendantIds.has(folder)) {
      const ids = [...defendantIds].join(", ");
      const stray = `is in evidence/${folder}/, but '${folder}' is not a defendant id in case.yaml; known ids: ${ids}`;
      problems.add({ file: shownOf(f.rel) }, stray);
      continue;
    }
    byRel.set(f.rel, { ...f, defendantId: folder });
  }
  const folderOf = new Map([...byRel.values()].map((c) => [c.rel, c.defendantId]));

  // 2. Explicit entries in case.yaml name files (inside or outside evidence/) and may group them. A file belongs to
  // one exhibit, except an export that several entries each pick orders from (each selection its own item).
  const namedBy = new Map<string, { entryIndex: number; orders?: string[] }[]>();
  for (const [entryIndex, entry] of config.evidence.entries()) {
    for (const [j, file] of entry.files.entries()) {
      const where = { file: toPosix(join(displayDir, "case.yaml")), line: entry.line, field: `evidence[${entryIndex}].files[${j}]` };
      const inside = await insideCase(dir, file);
      if ("problem" in inside) {
        problems.add(where, `'${file}': ${inside.problem}`);
        continue;
      }
      const abs = inside.real;
      const kind = await stat(abs);
      if (!kind.isFile()) {
        const expected = kind.isDirectory()
          ? "names a folder; expected a file (list the folder's files one by one)"
          : notRegularMessage(kind);
        problems.add(where, `'${file}' ${expected}`);
        continue;
      }
      const rel = toPosix(file).replace(/^\.\//, "");
      const existing = byRel.get(rel);
      const prior = namedBy.get(rel) ?? [];
      const clash = selectionClash(prior, entry.orders);
      if (clash) {
        problems.add(where, `'${file}' ${clash}`);
        continue;
      }
      namedBy.set(rel, [...prior, { entryIndex, ...(entry.orders ? { orders: entry.orders } : {}) }]);
      const folderDefendant = existing?.defendantId ?? folderOf.get(rel);
      if (folderDefendant && entry.defendant && folderDefendant !== entry.defendant) {
        const says = `the entry says defendant '${entry.defendant}'`;
        problems.add(where, `'${file}' is in evidence/${folderDefendant}/ but ${says}; move the file or fix the entry`);
        continue;
      }
      // Entries list files in their exhibit order: re-insert so intake keeps that order. A second selection from
      // the same export is an item of its own, named after its entry.
      const id = prior.length ? `${rel}#evidence[${entryIndex}]` : rel;
      byRel.delete(id);
      byRel.set(id, {
        rel,
        abs,
        defendantId: entry.defendant ?? folderDefendant,
        entryIndex,
        entryMeta: entry,
        ...(id !== rel ? { id } : {}),
      });
    }
  }

  // 3. Folders of a folder format (a Meta thread's message_N.json and media): every file under one is part of it.
  const folders = groupFolders(byRel);
  // 3b. Capture folders (a folder holding capture.json): one item per live capture.
  const captures = groupCaptures(byRel);

  // 4. Read, hash and check every file. Chat exports first: the attachments they name are theirs.
  const consumed = new Map<string, string>(); // attachment rel → consumer rel
  const readings = known?.readings;
  const digests = new Map<string, string>();
  let anyChanged = false;
  const notifyChanged = () => {
    if (anyChanged) return;
    anyChanged = true;
    opts.changed?.();
  };
  const read = async (c: Candidate | FolderCandidate | CaptureCandidate) => {
    // An attachment a chat names is taken from beside it (and is then not an item of its own).
    const asked: [string, string | undefined][] = [];
    const resolveAttachment = (name: string): Resolved => {
      if ("marked" in c || "capture" in c) return undefined;
      const folder = posix.dirname(c.rel);
      const refused = escapingName(name) ?? (isBlankName(name) ? "is empty" : undefined);
      if (refused) return { refused };
      const rel = posix.normalize(posix.join(folder, name));
      const target = byRel.get(rel);
      const found = target && rel !== c.rel ? rel : undefined;
      // A link in the export may point elsewhere in the case: only a file really inside the export's folder is its own.
      if (found && !isInside(realpathSync(target!.abs), realpathSync(join(dir, folder))))
        return { refused: "is a link to a file outside the export's folder" };
      if (found) consumed.set(found, c.rel);
      asked.push([name, found]);
      return found;
    };
    // A candidate none of whose files changed since the last build (case.yaml the same) is recalled whole,
    // when its attachments resolve as they did.
    const files = readings ? filesOf(c) : [];
    const selection = "id" in c ? c.id : undefined;
    const recalled = readings?.recall<Reading>(files, selection);
    if (recalled && recalled.reading.asked.every(([name, was]) => resolveAttachment(name) === was)) {
      digests.set(recalled.reading.item.id, recalled.digest);
      return { item: recalled.reading.item };
    }
    asked.length = 0;
    const stamps = readings?.before(files);
    const problemsBefore = problems.size;
    const r =
      "marked" in c
        ? await readFolder(c, shownOf, loaded, problems, markIds, probe, known)
        : "capture" in c
          ? await readCapture(c, shownOf, loaded, problems, markIds, probe, known)
          : await readEvidenceFile(c, { shown: shownOf(c.rel), loaded, problems, markIds, resolve: resolveAttachment, probe, known });
    // Read again only because its stat changed (a file touched, or copied moments ago) is not a change.
    const clean = problems.size === problemsBefore;
    const recorded =
      r && stamps && clean ? readings!.remember(files, stamps, { item: r.item, asked } satisfies Reading, selection) : undefined;
    if (recorded) digests.set(r!.item.id, recorded.digest);
    if (!recorded || recorded.differs) notifyChanged();
    return r;
  };
  const candidates = [...byRel.values()];
  const isText = (c: Candidate) => !/\.(png|jpe?g|webp|pdf|gif|mp4|mov|heic)$/i.test(c.rel);
  const first = [...folders, ...captures, ...candidates.filter(isText)];
  // A change that a glance at file sizes shows (a retaken screenshot, a sidecar added) is said before anything
  // is read, so Chromium starts sooner in a rebuild that will need it; the rest is found as files are read.
  if (
    readings &&
    [...first, ...candidates.filter((c) => !isText(c))].some((c) => readings.certainlyChanged(filesOf(c), "id" in c ? c.id : undefined))
  )
    notifyChanged();
  const firstResults = await mapLimit(first, 4, read);
  if (problems.size === 0) opts.textItemsRead?.(firstResults.flatMap((r) => (r && !consumed.has(r.item.id) ? [r.item] : [])));
  const rest = candidates.filter((c) => !isText(c) && !consumed.has(c.rel));
  const restResults = await mapLimit(rest, 8, read); // images: their data checks run on worker threads meanwhile
  const results = [...firstResults, ...restResults].filter((r) => !r || !consumed.has(r.item.id));

  // Attachments a chat consumed are inputs of that chat's item.
  const byId = new Map(results.filter((r): r is NonNullable<typeof r> => r !== undefined).map((r) => [r.item.id, r.item]));
  for (const [rel, consumer] of consumed) {
    const item = byId.get(consumer);
    const c = byRel.get(rel);
    if (!item || !c) continue;
    const data = readInput(c.abs, shownOf(rel), INPUT_BYTES.evidence, "an evidence file");
    item.related = [...(item.related ?? []), { path: rel, bytes: data.length, sha256: sha256Bytes(data) }].sort((a, b) =>
      a.path < b.path ? -1 : 1,
    );
  }

  // Every defendant an item names must be one of case.yaml's (a sidecar's `defendants` is checked here).
  for (const r of results) {
    const unknown = (r?.item.alsoDefendants ?? []).filter((d) => !defendantIds.has(d));
    if (r && unknown.length) {
      const where = { file: shownOf(r.item.sidecar?.path ?? "case.yaml"), field: "defendants" };
      problems.add(where, `unknown defendant id '${unknown[0]}'; known ids: ${[...defendantIds].join(", ")}`);
    }
  }

  // 5. The same bytes twice is a mistake (two exhibits of one original).
  const seen = new Map<string, string>();
  for (const r of results) {
    if (!r) continue;
    const other = seen.get(r.item.source.sha256);
    if (other && other.split("#")[0] !== r.item.source.path) {
      const twice = `has the same content (${r.item.source.sha256.slice(0, 19)}…) as ${shownOf(other)}; remove one of them`;
      problems.add({ file: shownOf(r.item.id) }, twice);
    } else seen.set(r.item.source.sha256, r.item.id);
  }
  problems.throwIfAny();
  const ok = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
  // One file is one input, however many items are read from it (selections of one export).
  const listed = ok.flatMap((r) => [r.item.source, ...(r.item.sidecar ? [r.item.sidecar] : []), ...(r.item.related ?? [])]);
  const inputs = [...new Map(listed.map((f) => [f.path, f])).values()];
  const items = ok.map((r) => r.item);
  return {
    items,
    digests: new Map(items.flatMap((i) => (digests.has(i.id) ? [[i.id, digests.get(i.id)!] as const] : []))),
    inputs: inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

const isBlankName = (name: string) => name.trim() === "" || name.trim() === ".";
const isInside = (real: string, folder: string) => real.startsWith(folder + sep);

/** A candidate's reading as recorded: its item, and the attachment names it asked for with what they resolved to. */
interface Reading {
  item: EvidenceItem;
  asked: [string, string | undefined][];
}

/** Every file a candidate's reading comes from: its files and their sidecars (which may not exist). */
function filesOf(c: Candidate | FolderCandidate | CaptureCandidate): string[] {
  const members = "marked" in c ? [...c.marked, ...c.others] : "capture" in c ? [c.record, ...c.files] : [c];
  return members.flatMap((m) => [m.abs, m.abs + SIDECAR_SUFFIX]);
}

export type { ImageProbe } from "./formats/format.js";
export type { KnownFiles } from "./known-files.js";

/**
 * Why an entry may not name a file some earlier entries already name (undefined when it may): only entries that each
 * pick their own orders out of one export may share it, and no order may be picked twice.
 */
function selectionClash(prior: readonly { entryIndex: number; orders?: string[] }[], orders: string[] | undefined): string | undefined {
  if (prior.length === 0) return undefined;
  const whole = prior.find((p) => !p.orders);
  if (!orders || whole) {
    const k = (whole ?? prior[0])!.entryIndex;
    const unless = "unless each entry picks its own orders from it (orders: [...])";
    return `is already named by evidence[${k}]; a file belongs to one exhibit, ${unless}`;
  }
  for (const p of prior) {
    const twice = orders.find((o) => p.orders!.includes(o));
    if (twice !== undefined)
      return `picks order ${twice}, which evidence[${p.entryIndex}] already shows; each order belongs to one exhibit`;
  }
  return undefined;
}
