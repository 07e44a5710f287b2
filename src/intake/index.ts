/**
 * Stage 2 of the pipeline: case folder → EvidenceItem[]. Finds every evidence file (folder convention and
 * explicit case.yaml entries), detects its type by content, hashes it as it is read, reads its sidecar,
 * checks it is intact, and records its capture time and where that came from. Never writes to originals.
 * Every problem in every file is collected and reported together.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { EvidenceMeta, LoadedCase } from "../model/case.js";
import type { EvidenceItem, CaptureTimeSource } from "../model/evidence.js";
import type { StoredFile } from "../model/digest.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import { sha256Bytes } from "../util/hash.js";
import { toUtcIso } from "../util/time.js";
import { mapLimit } from "../util/concurrency.js";
import { discoverEvidence, insideCase, EVIDENCE_DIR, SIDECAR_SUFFIX, toPosix, type FoundFile } from "./discover.js";
import { sniffMedia, SUPPORTED_DESCRIPTION } from "./sniff.js";
import { readSidecar } from "./sidecar.js";
import { titleFromFileName } from "./title.js";
import { readImage } from "./sources/image.js";
import { readPdf } from "./sources/pdf.js";
import type { SourceReading } from "./sources/reading.js";

export { EVIDENCE_DIR } from "./discover.js";

export interface IntakeResult {
  items: EvidenceItem[];
  /** Every file read as input (evidence and sidecars), for the manifest; case.yaml is added by the caller. */
  inputs: StoredFile[];
}

interface Candidate extends FoundFile {
  defendantId?: string;
  entryIndex?: number;
  entryMeta?: EvidenceMeta;
}

export async function intakeEvidence(loaded: LoadedCase): Promise<IntakeResult> {
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

  // 3. Read, hash and check every file.
  const candidates = [...byRel.values()];
  const results = await mapLimit(candidates, 4, async (c) => {
    try {
      return await readCandidate(c, shownOf(c.rel), loaded, errors, markIds);
    } catch (e) {
      if (e instanceof InvalidInputError) {
        errors.push(e);
        return undefined;
      }
      throw e;
    }
  });

  // 4. The same bytes twice is a mistake (two exhibits of one original).
  const seen = new Map<string, string>();
  for (const r of results) {
    if (!r) continue;
    const other = seen.get(r.item.source.sha256);
    if (other) errors.push(new InvalidInputError({ file: shownOf(r.item.id) }, `has the same content (${r.item.source.sha256.slice(0, 19)}…) as ${shownOf(other)}; remove one of them`));
    else seen.set(r.item.source.sha256, r.item.id);
  }
  if (errors.length > 0) throw new InvalidInputErrors(dedupe(errors));
  const ok = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
  const inputs = ok.flatMap((r) => (r.item.sidecar ? [r.item.source, r.item.sidecar] : [r.item.source]));
  return { items: ok.map((r) => r.item), inputs: inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

function dedupe(errors: InvalidInputError[]): InvalidInputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}

async function readCandidate(c: Candidate, shown: string, loaded: LoadedCase, errors: InvalidInputError[], markIds: Set<string>) {
  const data = await readFile(c.abs);
  const source: StoredFile = { path: c.rel, bytes: data.length, sha256: sha256Bytes(data) };
  const media = sniffMedia(data.subarray(0, 1024));
  if (!media) {
    throw new InvalidInputError({ file: shown }, `unsupported file: expected ${SUPPORTED_DESCRIPTION} (recognised by content, not by extension)`);
  }

  const sidecarAbs = c.abs + SIDECAR_SUFFIX;
  const sidecarShown = shown + SIDECAR_SUFFIX;
  const hasSidecar = await stat(sidecarAbs).then((s) => s.isFile()).catch(() => false);
  const sidecarRead = hasSidecar ? await readSidecar(sidecarAbs, sidecarShown) : { errors: [] };
  if (sidecarRead.errors.length > 0) {
    errors.push(...sidecarRead.errors);
    return undefined;
  }
  const sidecarMeta = "meta" in sidecarRead ? sidecarRead.meta : undefined;
  let sidecar: StoredFile | undefined;
  if (hasSidecar) {
    const bytes = await readFile(sidecarAbs);
    sidecar = { path: c.rel + SIDECAR_SUFFIX, bytes: bytes.length, sha256: sha256Bytes(bytes) };
  }
  // Entry fields override the sidecar's, field by field.
  const meta: EvidenceMeta = { ...sidecarMeta, ...definedOnly(c.entryMeta ?? {}) };
  for (const m of sidecarMeta?.marks ?? []) {
    if (!markIds.has(m)) throw new InvalidInputError({ file: sidecarShown, field: "marks" }, `unknown mark id '${m}'; known ids: ${[...markIds].join(", ") || "none declared"}`);
  }

  const reading: SourceReading<EvidenceItem["payload"]> =
    media === "pdf" ? await readPdf(data, shown) : await readImage(data, media, shown, loaded.config.timeZone);

  let capturedAt: string | undefined;
  let capturedAtSource: CaptureTimeSource = "unknown";
  let capturedAtNote: string | undefined;
  if (meta.capturedAt) {
    capturedAt = toUtcIso(meta.capturedAt);
    capturedAtSource = sidecarMeta?.capturedAt && !c.entryMeta?.capturedAt ? "sidecar" : "case";
    capturedAtNote = capturedAtSource === "sidecar" ? `stated in ${c.rel.split("/").pop()}${SIDECAR_SUFFIX}` : "stated in case.yaml";
  } else if (reading.capturedAt) {
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
  return { item };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== "files" && k !== "defendant" && k !== "line")) as Partial<T>;
}
