/**
 * Meta ("Download your information") threads: a folder holding message_1.json, message_2.json, … plus the
 * thread's photos/, videos/, audio/. The whole folder is one evidence item: the JSON files are parsed
 * together, every file under the folder is hashed as part of it, and media the messages name are shown.
 */
import { readFile } from "../util/fs.js";
import { posix } from "node:path";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import { InvalidInputError } from "../util/errors.js";
import { sha256Bytes } from "../util/hash.js";
import { parseMetaThread } from "./sources/meta-json.js";
import { readSidecarFacts, textItem, type Candidate } from "./item-facts.js";
import type { KnownFiles } from "./sources/image.js";

const MESSAGE_FILE = /^message_(\d+)\.json$/;

export interface ThreadCandidate {
  thread: true;
  folder: string;
  /** message_N.json files, by N. */
  json: Candidate[];
  /** Every other file under the folder (media). */
  media: Candidate[];
}

/** Take every thread folder's files out of `byRel` and return them as thread candidates. */
export function groupThreads(byRel: Map<string, Candidate>): ThreadCandidate[] {
  const folders = new Set<string>();
  for (const rel of byRel.keys()) if (MESSAGE_FILE.test(posix.basename(rel))) folders.add(posix.dirname(rel));
  const threads: ThreadCandidate[] = [];
  for (const folder of [...folders].sort()) {
    const members = [...byRel.values()].filter((c) => c.rel.startsWith(folder + "/"));
    // A nested thread folder belongs to itself, not to an outer one.
    const own = members.filter((c) => ![...folders].some((f) => f !== folder && f.startsWith(folder + "/") && c.rel.startsWith(f + "/")));
    const json = own.filter((c) => posix.dirname(c.rel) === folder && MESSAGE_FILE.test(posix.basename(c.rel)));
    json.sort((a, b) => Number(MESSAGE_FILE.exec(posix.basename(a.rel))![1]) - Number(MESSAGE_FILE.exec(posix.basename(b.rel))![1]));
    const media = own.filter((c) => !json.includes(c));
    for (const c of own) byRel.delete(c.rel);
    threads.push({ thread: true, folder, json, media });
  }
  return threads;
}

export async function readThread(t: ThreadCandidate, shownOf: (rel: string) => string, loaded: LoadedCase, errors: InvalidInputError[], markIds: Set<string>, known?: KnownFiles) {
  const primary = t.json[0];
  // Case.yaml entries or a sidecar may name any of the thread's JSON files; the first one carries the metadata.
  const named = t.json.find((c) => c.entryIndex !== undefined) ?? primary;
  const facts = await readSidecarFacts({ ...primary, entryIndex: named.entryIndex, entryMeta: named.entryMeta }, shownOf(primary.rel), errors, markIds, known);
  if (!facts) return undefined;
  const files: { name: string; text: string; stored: StoredFile }[] = [];
  for (const c of t.json) {
    const data = await readFile(c.abs);
    files.push({ name: posix.basename(c.rel), text: data.toString("utf8"), stored: { path: c.rel, bytes: data.length, sha256: sha256Bytes(data) } });
  }
  const media: StoredFile[] = [];
  for (const c of t.media) {
    const data = await readFile(c.abs);
    media.push({ path: c.rel, bytes: data.length, sha256: sha256Bytes(data) });
  }
  const mediaPaths = new Set(media.map((m) => m.path));
  const threadName = posix.basename(t.folder);
  const resolveMedia = (uri: string): string | undefined => {
    const parts = uri.replace(/\\/g, "/").split("/").filter(Boolean);
    const at = parts.lastIndexOf(threadName);
    const candidates = at >= 0 ? [parts.slice(at + 1).join("/")] : [];
    for (let k = Math.min(parts.length, 3); k >= 1; k--) candidates.push(parts.slice(-k).join("/"));
    for (const rest of candidates) {
      const rel = `${t.folder}/${rest}`;
      if (mediaPaths.has(rel)) return rel;
    }
    return undefined;
  };
  const platform = facts.meta.platform ?? (/messenger|facebook/i.test(t.folder) ? "messenger" : "instagram");
  const conversation = parseMetaThread(
    files.map((f) => ({ name: f.name, text: f.text })),
    { platform, displayPath: (name) => shownOf(`${t.folder}/${name}`), resolveMedia },
  );
  const item: EvidenceItem = textItem(
    { ...primary, entryIndex: named.entryIndex, entryMeta: named.entryMeta },
    "meta-thread",
    files[0].stored,
    facts.sidecar,
    facts.meta,
    facts.sidecarMeta,
    "message-log",
    { type: "conversation", conversation },
    [...files.slice(1).map((f) => f.stored), ...media],
  );
  return { item };
}
