/**
 * Stage 2 (intake): evidence formats spread over a folder (a Meta thread: message_N.json files plus the thread's
 * media). A file the format's folder rule marks makes its folder one item: the marking files are read together by the
 * format's reader, every file under the folder is hashed as part of the item, and the files the evidence names are
 * found among them.
 */
import { INPUT_BYTES, readInput } from "../util/input-bounds.js";
import { posix } from "node:path";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import { sha256Bytes } from "../util/hash.js";
import { FORMATS, maxBytesOf, type RegisteredFormat } from "./formats/index.js";
import type { FolderRule, ImageProbe, SourceFile } from "./formats/format.js";
import { EVIDENCE_DIR } from "./discover.js";
import { emptyFileProblem, isBlank } from "./empty-file.js";
import { readSidecarFacts, textItem, type Candidate } from "./item-facts.js";
import type { KnownFiles } from "./known-files.js";
import type { Problems } from "./problems.js";

export interface FolderCandidate {
  folder: string;
  format: RegisteredFormat;
  rule: FolderRule;
  /** The files the rule marks, in its order. */
  marked: Candidate[];
  /** Every other file under the folder (media). */
  others: Candidate[];
}

/**
 * Whether a folder is one of the folder convention's own levels (`evidence/`, `evidence/<defendant>/`), where other
 * evidence lives beside a file: a thread's message_N.json lying loose there is read as a lone file, so the
 * screenshots beside it stay exhibits of their own instead of becoming the thread's media.
 */
function isConventionLevel(folder: string): boolean {
  return folder === EVIDENCE_DIR || (folder.startsWith(`${EVIDENCE_DIR}/`) && !folder.slice(EVIDENCE_DIR.length + 1).includes("/"));
}

/** Take every format folder's files out of `byRel` and return them as folder candidates, format by format. */
export function groupFolders(byRel: Map<string, Candidate>): FolderCandidate[] {
  const groups: FolderCandidate[] = [];
  for (const format of FORMATS) {
    const rule = format.folder;
    if (!rule) continue;
    const marks = (rel: string) => rule.marks(posix.basename(rel)) && !isConventionLevel(posix.dirname(rel));
    const folders = new Set<string>();
    for (const rel of byRel.keys()) if (marks(rel)) folders.add(posix.dirname(rel));
    for (const folder of [...folders].sort()) {
      const members = [...byRel.values()].filter((c) => c.rel.startsWith(folder + "/"));
      // A nested folder of the format belongs to itself, not to an outer one.
      const inner = [...folders].filter((f) => f !== folder && f.startsWith(folder + "/"));
      const own = members.filter((c) => !inner.some((f) => c.rel.startsWith(f + "/")));
      const marked = own.filter((c) => posix.dirname(c.rel) === folder && marks(c.rel));
      marked.sort((a, b) => rule.compare(posix.basename(a.rel), posix.basename(b.rel)));
      const others = own.filter((c) => !marked.includes(c));
      for (const c of own) byRel.delete(c.rel);
      groups.push({ folder, format, rule, marked, others });
    }
  }
  return groups;
}

export async function readFolder(
  g: FolderCandidate,
  shownOf: (rel: string) => string,
  loaded: LoadedCase,
  problems: Problems,
  markIds: Set<string>,
  probe?: ImageProbe,
  known?: KnownFiles,
): Promise<{ item: EvidenceItem } | undefined> {
  const primary = g.marked[0];
  // Case.yaml entries or a sidecar may name any of the marked files; the first one carries the metadata.
  const named = g.marked.find((c) => c.entryIndex !== undefined) ?? primary;
  const source: Candidate = { ...primary, entryIndex: named.entryIndex, entryMeta: named.entryMeta };
  const facts = await readSidecarFacts(source, shownOf(primary.rel), problems, markIds, known);
  if (!facts) return undefined;
  const read = async (c: Candidate) => {
    const data = readInput(c.abs, shownOf(c.rel), maxBytesOf(g.format), "a chat export file");
    return { rel: c.rel, shown: shownOf(c.rel), data, stored: { path: c.rel, bytes: data.length, sha256: sha256Bytes(data) } };
  };
  const files: [SourceFile & { stored: StoredFile }, ...(SourceFile & { stored: StoredFile })[]] = [await read(primary)];
  for (const c of g.marked.slice(1)) files.push(await read(c));
  const empty = files.filter((f) => isBlank(f.data));
  for (const f of empty) problems.add({ file: f.shown }, emptyFileProblem(f.rel, f.data.length));
  if (empty.length > 0) return undefined;
  const others: StoredFile[] = [];
  for (const c of g.others) {
    const data = readInput(c.abs, shownOf(c.rel), INPUT_BYTES.evidence, "an evidence file");
    others.push({ path: c.rel, bytes: data.length, sha256: sha256Bytes(data) });
  }
  const paths = new Set(others.map((m) => m.path));
  const input = {
    files,
    folder: g.folder,
    meta: facts.meta,
    timeZone: loaded.config.timeZone,
    resolve: (name: string) => g.rule.resolve(name, g.folder, paths),
    probeImage: probe,
  };
  const reading = await g.format.read(input, problems);
  if (!reading) return undefined;
  if (reading.payload.type !== "conversation" && reading.payload.type !== "purchases" && reading.payload.type !== "email") {
    throw new Error(`${g.folder}: a folder format must be rendered, not carried in`);
  }
  const related = [...files.slice(1).map((f) => f.stored), ...others];
  const kind = reading.kind ?? g.format.kind;
  const { sidecar, meta, sidecarMeta } = facts;
  return { item: textItem(source, g.format.media, files[0].stored, sidecar, meta, sidecarMeta, kind, reading.payload, related) };
}
