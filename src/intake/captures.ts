/**
 * Stage 2 (intake): capture folders (written by `exhibits capture`): a folder holding capture.json is one evidence
 * item. The record is validated, and every file it lists is re-hashed and compared with the hash taken as the file
 * was written: a changed, missing or added file stops the build, naming it. The exhibit shows the screenshot the
 * record names (the banner copy when one was made); the other files (MHTML, DOM, text boxes, the clean screenshot,
 * capture.json) are the item's related files.
 *
 * A capture is not an evidence format (formats/): it is recognised by its record, not by content; its item is the
 * record's (URL, operator, capture time, an RFC 3161 stamp) rather than what a reader finds in a file; and its
 * pages are those of its PNG screenshot, which the png format reads and describes.
 */
import { readInputFile } from "../util/input-file.js";
import { INPUT_BYTES, readInput } from "../util/input-bounds.js";
import { posix } from "node:path";
import { CAPTURE_RECORD_FILE, CAPTURE_TIMESTAMP_FILE, type CaptureRecord } from "../model/capture.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import { sha256Bytes } from "../util/hash.js";
import { formatUtc } from "../util/time.js";
import { placement, readSidecarFacts, type Candidate } from "./item-facts.js";
import type { ImageProbe } from "./formats/format.js";
import { sniffFormat } from "./formats/index.js";
import { imageReading, probeImageFile } from "./formats/shared/image.js";
import type { KnownFiles } from "./known-files.js";
import type { Problems } from "./problems.js";

export interface CaptureCandidate {
  capture: true;
  folder: string;
  record: Candidate;
  files: Candidate[];
}

/** Take every capture folder's files out of `byRel` and return them as capture candidates. */
export function groupCaptures(byRel: Map<string, Candidate>): CaptureCandidate[] {
  const out: CaptureCandidate[] = [];
  for (const c of [...byRel.values()]) {
    if (posix.basename(c.rel) !== CAPTURE_RECORD_FILE) continue;
    const folder = posix.dirname(c.rel);
    const files = [...byRel.values()].filter((f) => f !== c && f.rel.startsWith(folder + "/"));
    for (const f of [c, ...files]) byRel.delete(f.rel);
    out.push({ capture: true, folder, record: c, files });
  }
  return out.sort((a, b) => (a.folder < b.folder ? -1 : 1));
}

export async function readCapture(
  k: CaptureCandidate,
  shownOf: (rel: string) => string,
  loaded: LoadedCase,
  problems: Problems,
  markIds: Set<string>,
  probe?: ImageProbe,
  known?: KnownFiles,
): Promise<{ item: EvidenceItem } | undefined> {
  const recordShown = shownOf(k.record.rel);
  const { captureRecordSchema, parseYaml, YAML_BOUNDS } = await import("../schema/index.js"); // zod and yaml: loaded here
  const bound = { maxBytes: YAML_BOUNDS.captureRecord, boundOf: CAPTURE_RECORD_FILE };
  const recordBytes = await problems.attempt(() => readInputFile(k.record.abs, recordShown, bound));
  if (!recordBytes) return undefined;
  const parsed = parseYaml(recordBytes, recordShown, captureRecordSchema, YAML_BOUNDS.captureRecord);
  if ("errors" in parsed) {
    problems.addAll(parsed.errors);
    return undefined;
  }
  const record: CaptureRecord = parsed.value;

  // Every listed file must be there, unchanged; nothing unlisted may sit in the folder.
  const byName = new Map(k.files.map((f) => [posix.relative(k.folder, f.rel), f]));
  const stored = new Map<string, { file: StoredFile; data: Buffer }>();
  let intact = true;
  for (const [name, written] of Object.entries(record.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const f = byName.get(name);
    if (!f) {
      const missing = `is listed in ${CAPTURE_RECORD_FILE} but missing; a capture is used whole or not at all`;
      problems.add({ file: shownOf(`${k.folder}/${name}`) }, missing);
      intact = false;
      continue;
    }
    const data = readInput(f.abs, shownOf(f.rel), INPUT_BYTES.evidence, "an evidence file");
    const sha256 = sha256Bytes(data);
    if (sha256 !== written.sha256 || data.length !== written.bytes) {
      const was = `${written.bytes} bytes, ${written.sha256.slice(0, 19)}…`;
      const now = `${data.length} bytes, ${sha256.slice(0, 19)}…`;
      const changed = `changed since it was captured: ${CAPTURE_RECORD_FILE} records ${was}, the file now has ${now}`;
      problems.add({ file: shownOf(f.rel) }, changed);
      intact = false;
      continue;
    }
    stored.set(name, { file: { path: f.rel, bytes: data.length, sha256 }, data });
  }
  let timestamp: { tsa: string; genTime: string } | undefined;
  let timestampFile: StoredFile | undefined;
  const tsr = byName.get(CAPTURE_TIMESTAMP_FILE);
  if (tsr) {
    // The RFC 3161 stamp taken at capture time must stamp this very capture.json (checked offline; trust is verify --ca's).
    const response = readInput(tsr.abs, shownOf(tsr.rel), INPUT_BYTES.record, "a timestamp token");
    try {
      const { checkToken, tokenFromResponse } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
      const token = tokenFromResponse(response);
      const check = await checkToken(token, recordBytes);
      if (!check.ok || !check.facts) throw new Error(check.problems.join("; "));
      timestamp = { tsa: check.facts.tsa, genTime: check.facts.genTime };
      timestampFile = { path: tsr.rel, bytes: response.length, sha256: sha256Bytes(response) };
    } catch (e) {
      problems.add({ file: shownOf(tsr.rel) }, `is not a valid timestamp of this capture.json: ${(e as Error).message}`);
      intact = false;
    }
  }
  for (const [name, f] of byName) {
    if (name === CAPTURE_TIMESTAMP_FILE) continue;
    if (!(name in record.files)) {
      const unlisted = `is inside a capture folder but not listed in its ${CAPTURE_RECORD_FILE}; move it out`;
      problems.add({ file: shownOf(f.rel) }, `${unlisted} (a capture holds only what was captured)`);
      intact = false;
    }
  }
  if (!intact) return undefined;

  const image = stored.get(record.exhibitImage);
  if (!image) {
    problems.add({ file: recordShown, field: "exhibitImage" }, `names ${record.exhibitImage}, which the record does not list`);
    return undefined;
  }
  const imageCandidate: Candidate = {
    rel: image.file.path,
    abs: byName.get(record.exhibitImage)!.abs,
    defendantId: k.record.defendantId,
    entryIndex: k.record.entryIndex ?? k.files.find((f) => f.entryIndex !== undefined)?.entryIndex,
    entryMeta: k.record.entryMeta ?? k.files.find((f) => f.entryMeta)?.entryMeta,
  };
  const facts = await readSidecarFacts(imageCandidate, shownOf(image.file.path), problems, markIds, known);
  if (!facts) return undefined;
  const { meta, sidecar } = facts;
  const imageShown = shownOf(image.file.path);
  if (sniffFormat(image.data)?.media !== "png") {
    problems.add({ file: imageShown }, "expected the PNG screenshot written by exhibits capture");
    return undefined;
  }
  const imageFacts = await problems.attempt(() => probeImageFile(image.data, "png", imageShown, probe));
  if (!imageFacts) return undefined;
  const reading = imageReading(imageFacts, loaded.config.timeZone);
  const unknownMark = record.marks.find((m) => !markIds.has(m));
  if (unknownMark !== undefined) {
    const knownIds = [...markIds].join(", ") || "none declared";
    problems.add({ file: recordShown, field: "marks" }, `unknown mark id '${unknownMark}'; known ids: ${knownIds}`);
    return undefined;
  }
  const related: StoredFile[] = [...stored.values()].map((s) => s.file).filter((f) => f.path !== image.file.path);
  related.push({ path: k.record.rel, bytes: recordBytes.length, sha256: sha256Bytes(recordBytes) });
  if (timestampFile) related.push(timestampFile);
  related.sort((a, b) => (a.path < b.path ? -1 : 1));

  const item: EvidenceItem = {
    id: image.file.path,
    kind: meta.kind ?? "listing",
    media: "png",
    source: image.file,
    sidecar,
    related,
    title: meta.title ?? captureTitle(record),
    description: meta.description ?? record.note,
    ...placement(imageCandidate, meta),
    marks: meta.marks ?? record.marks,
    url: record.finalUrl,
    capturedBy: record.operator,
    capturedAt: record.startedAt,
    capturedAtSource: "capture",
    capturedAtNote: `recorded by ${record.tool} while capturing (${formatUtc(record.startedAt)} to ${formatUtc(record.endedAt)})`,
    entryIndex: imageCandidate.entryIndex,
    payload: reading.payload,
    capture: { folder: k.folder, record, ...(timestamp ? { timestamp } : {}) },
  };
  if (meta.redact?.length) {
    const { width, height } = reading.payload;
    const i = meta.redact.findIndex((r) => r.x + r.width > width || r.y + r.height > height);
    if (i >= 0) {
      const r = meta.redact[i];
      const outside = `region ${r.x},${r.y} ${r.width}×${r.height} runs outside the ${width}×${height} px image`;
      problems.add({ file: imageShown + ".meta.yaml", field: `redact[${i}]` }, outside);
      return undefined;
    }
    item.redact = meta.redact;
  }
  return { item };
}

/** A neutral exhibit title from the page title: "Web capture: <title>" (cut to a court-friendly length). */
function captureTitle(record: CaptureRecord): string {
  const t = record.title.replace(/\s+/g, " ").trim() || new URL(record.finalUrl).host;
  const cut = t.length > 150 ? `${t.slice(0, 149)}…` : t;
  return `Web capture: ${cut}`;
}
