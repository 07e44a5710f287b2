/** Stage 2 (intake): facts every evidence item needs, whatever its format: sidecar metadata, capture time, title. */
import { posix } from "node:path";
import { stat } from "../util/fs.js";
import { notRegularMessage, readInputFile } from "../util/input-file.js";
import { YAML_BOUNDS } from "../schema/yaml-text.js";
import type { EvidenceMeta } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { CaptureTimeSource, EvidenceItem, RenderedPayload } from "../model/evidence.js";
import type { FormatReading } from "./formats/format.js";
import { chatWordsOf, type RegisteredFormat } from "./formats/index.js";
import { sha256Bytes } from "../util/hash.js";
import { toUtcIso } from "../util/time.js";
import { SIDECAR_SUFFIX, type FoundFile } from "./discover.js";
import { parseSidecar } from "./sidecar.js";
import type { KnownFiles } from "./known-files.js";
import type { Problems } from "./problems.js";
import { titleFromFileName } from "./title.js";

export interface Candidate extends FoundFile {
  /** The item's id when it is not the file's path: one of several selections from one export. */
  id?: string;
  defendantId?: string;
  entryIndex?: number;
  entryMeta?: EvidenceMeta;
}

const SIDECAR_BOUND = { maxBytes: YAML_BOUNDS.sidecar, boundOf: "a sidecar" };

export interface SidecarFacts {
  meta: EvidenceMeta;
  sidecar?: StoredFile;
  sidecarMeta?: EvidenceMeta;
}

/** The item's metadata: its sidecar (read, or recalled unchanged) and its case.yaml entry, merged; undefined on a problem. */
export async function readSidecarFacts(
  c: Candidate,
  shown: string,
  problems: Problems,
  markIds: Set<string>,
  known?: KnownFiles,
): Promise<SidecarFacts | undefined> {
  const sidecarAbs = c.abs + SIDECAR_SUFFIX;
  const sidecarShown = shown + SIDECAR_SUFFIX;
  const path = c.rel + SIDECAR_SUFFIX;
  let sidecar: StoredFile | undefined;
  let sidecarMeta: EvidenceMeta | undefined;
  const recalled = await known?.lookupSidecar(sidecarAbs);
  if (recalled) {
    sidecar = { path, bytes: recalled.bytes, sha256: recalled.sha256 };
    sidecarMeta = recalled.meta;
  } else {
    const before = await stat(sidecarAbs).catch(() => undefined);
    if (before && !before.isFile()) {
      problems.add({ file: sidecarShown }, notRegularMessage(before));
      return undefined;
    }
    if (before) {
      const bytes = await problems.attempt(() => readInputFile(sidecarAbs, sidecarShown, SIDECAR_BOUND));
      if (bytes === undefined) return undefined;
      const parsed = await parseSidecar(bytes, sidecarShown);
      if (parsed.errors.length > 0) {
        problems.addAll(parsed.errors);
        return undefined;
      }
      sidecar = { path, bytes: bytes.length, sha256: sha256Bytes(bytes) };
      sidecarMeta = parsed.meta;
      known?.rememberSidecar(sidecarAbs, before, {
        bytes: sidecar.bytes,
        sha256: sidecar.sha256,
        ...(sidecarMeta ? { meta: sidecarMeta } : {}),
      });
    }
  }
  // Entry fields override the sidecar's, field by field.
  // An entry's `kind` describes a one-file exhibit; in a grouped exhibit each file keeps its own kind.
  const entry = { ...(c.entryMeta ?? {}) } as EvidenceMeta & { files?: string[] };
  if ((entry.files?.length ?? 0) > 1) delete entry.kind;
  const meta: EvidenceMeta = { ...sidecarMeta, ...definedOnly(entry) };
  const unknown = (sidecarMeta?.marks ?? []).find((m) => !markIds.has(m));
  if (unknown !== undefined) {
    const knownIds = [...markIds].join(", ") || "none declared";
    problems.add({ file: sidecarShown, field: "marks" }, `unknown mark id '${unknown}'; known ids: ${knownIds}`);
    return undefined;
  }
  if (meta.defendants && c.defendantId && !meta.defendants.includes(c.defendantId)) {
    const where = c.entryMeta?.defendants
      ? { file: "case.yaml", field: `evidence[${c.entryIndex}].defendants` }
      : { file: sidecarShown, field: "defendants" };
    const lists = `lists ${meta.defendants.join(", ")}`;
    problems.add(
      where,
      `${shown} is filed under defendant '${c.defendantId}' but ${lists}; add '${c.defendantId}' (its exhibit is listed under it)`,
    );
    return undefined;
  }
  return { meta, sidecar, sidecarMeta };
}

/**
 * Where an item is listed: under its folder's (or entry's) defendant, else the first it names; the others it names
 * are cross-referenced. `reachedVia`, `sealed` and `publicRecord` ride along.
 */
export function placement(
  c: Candidate,
  meta: EvidenceMeta,
): Pick<EvidenceItem, "defendantId" | "alsoDefendants" | "reachedVia" | "sealed" | "publicRecord"> {
  const named = meta.defendants ?? [];
  const primary = c.defendantId ?? named[0];
  const also = named.filter((d) => d !== primary);
  return {
    defendantId: primary,
    ...(also.length ? { alsoDefendants: also } : {}),
    ...(meta.reachedVia ? { reachedVia: meta.reachedVia } : {}),
    ...(meta.sealed ? { sealed: true } : {}),
    ...(meta.publicRecord ? { publicRecord: true } : {}),
  };
}

export function captureTime(c: Candidate, meta: EvidenceMeta, sidecarMeta: EvidenceMeta | undefined) {
  if (!meta.capturedAt) return undefined;
  const source: CaptureTimeSource = sidecarMeta?.capturedAt && !c.entryMeta?.capturedAt ? "sidecar" : "case";
  return {
    capturedAt: toUtcIso(meta.capturedAt),
    capturedAtSource: source,
    capturedAtNote: source === "sidecar" ? `stated in ${c.rel.split("/").pop()}${SIDECAR_SUFFIX}` : "stated in case.yaml",
    ...offsetOf(meta.capturedAt),
  };
}

/**
 * The offset a typed time was written with ("2026-03-16T11:12:40-07:00" → "-07:00"). "Z" and "+00:00" say nothing of
 * a device: they are how UTC is written (tools write one or the other).
 */
function offsetOf(time: string): { capturedAtOffset?: string } {
  const m = /([+-]\d{2}:?\d{2})$/.exec(time.trim());
  if (!m || /^[+-]00:?00$/.test(m[1]!)) return {};
  return { capturedAtOffset: m[1]!.includes(":") ? m[1]! : `${m[1]!.slice(0, 3)}:${m[1]!.slice(3)}` };
}

/** A chat sidecar's photo boxes by case-relative path (its keys are relative to the export file's folder). */
function casePaths(
  rel: string,
  byPhoto: Record<string, EvidenceMeta["redact"] & object>,
): Record<string, NonNullable<EvidenceMeta["redact"]>> {
  const dir = posix.dirname(rel);
  return Object.fromEntries(Object.entries(byPhoto).map(([k, v]) => [posix.normalize(posix.join(dir, k.replaceAll("\\", "/"))), v]));
}

export function textItem(
  c: Candidate,
  media: EvidenceItem["media"],
  source: StoredFile,
  sidecar: StoredFile | undefined,
  meta: EvidenceMeta,
  sidecarMeta: EvidenceMeta | undefined,
  kind: EvidenceItem["kind"],
  payload: RenderedPayload,
  related?: StoredFile[],
): EvidenceItem {
  const time = captureTime(c, meta, sidecarMeta);
  return {
    id: c.id ?? c.rel,
    kind: meta.kind ?? kind,
    media,
    source,
    sidecar,
    related,
    title: meta.title ?? defaultTitle(payload, c.rel),
    description: meta.description,
    ...placement(c, meta),
    marks: meta.marks ?? [],
    url: meta.url,
    capturedBy: meta.capturedBy,
    ...(meta.received ? { received: meta.received } : {}),
    ...(meta.redactPhotos ? { redactPhotos: casePaths(c.rel, meta.redactPhotos) } : {}),
    capturedAt: time?.capturedAt,
    capturedAtSource: time?.capturedAtSource ?? "unknown",
    capturedAtNote: time?.capturedAtNote ?? "no export time recorded (give capturedAt in a sidecar: when the export was downloaded)",
    ...(time?.capturedAtOffset ? { capturedAtOffset: time.capturedAtOffset } : {}),
    entryIndex: c.entryIndex,
    payload,
  };
}

/**
 * The item of an evidence file carried into its exhibit (an image, a PDF). Its capture time is the metadata's, else
 * what the file records (EXIF); pixel redactions must lie inside the image, and apply to images only.
 */
export function fileItem(
  c: Candidate,
  format: RegisteredFormat,
  reading: FormatReading,
  source: StoredFile,
  facts: SidecarFacts,
  shown: string,
  problems: Problems,
): { item: EvidenceItem } | undefined {
  const { meta, sidecar, sidecarMeta } = facts;
  const time = captureTime(c, meta, sidecarMeta);
  let capturedAt = time?.capturedAt;
  let capturedAtSource: CaptureTimeSource = time?.capturedAtSource ?? "unknown";
  let capturedAtNote = time?.capturedAtNote;
  let capturedAtOffset = time?.capturedAtOffset;
  if (!time && reading.captured) {
    capturedAt = reading.captured.at;
    capturedAtSource = reading.captured.source;
    capturedAtNote = reading.captured.note;
    capturedAtOffset = reading.captured.offset;
  }
  const item: EvidenceItem = {
    id: c.id ?? c.rel,
    kind: meta.kind ?? reading.kind ?? format.kind,
    media: format.media,
    source,
    sidecar,
    title: meta.title ?? titleFromFileName(c.rel.split("/").pop() as string),
    description: meta.description,
    ...placement(c, meta),
    marks: meta.marks ?? [],
    url: meta.url,
    capturedBy: meta.capturedBy,
    ...(meta.received ? { received: meta.received } : {}),
    capturedAt,
    capturedAtSource,
    capturedAtNote,
    ...(capturedAtOffset ? { capturedAtOffset } : {}),
    entryIndex: c.entryIndex,
    payload: reading.payload,
  };
  if (meta.redactPhotos && Object.keys(meta.redactPhotos).length > 0)
    problems.add(
      { file: shown + SIDECAR_SUFFIX, field: "redactPhotos" },
      "boxes for photos sent in a chat belong in the chat export's sidecar; for this file's own pixels use `redact`",
    );
  if (meta.redact?.length) {
    const where = (field: string) => ({ file: shown + SIDECAR_SUFFIX, field });
    if (reading.payload.type !== "image") {
      problems.add(where("redact"), "pixel regions apply to images only; for a PDF, supply a redacted copy");
      return undefined;
    }
    const { width, height, orientation } = reading.payload;
    const [w, h] = orientation >= 5 ? [height, width] : [width, height];
    const i = meta.redact.findIndex((r) => r.x + r.width > w || r.y + r.height > h);
    if (i >= 0) {
      const r = meta.redact[i];
      problems.add(where(`redact[${i}]`), `region ${r.x},${r.y} ${r.width}×${r.height} runs outside the ${w}×${h} px image`);
      return undefined;
    }
    item.redact = meta.redact;
  }
  return { item };
}

function defaultTitle(p: RenderedPayload, rel: string): string {
  if (p.type === "conversation") {
    const words = chatWordsOf(p.conversation.platform).title;
    return p.conversation.title ? `${words}: ${p.conversation.title}` : `${words} (${titleFromFileName(rel.split("/").pop() as string)})`;
  }
  if (p.type === "purchases")
    return p.orders.length <= 2
      ? `Purchase record, order ${p.orders.map((o) => o.orderId).join(" and ")}`
      : `Purchase records (${p.orders.length} orders)`;
  return p.email.subject ? `Email: ${p.email.subject}` : titleFromFileName(rel.split("/").pop() as string);
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== undefined && k !== "files" && k !== "defendant" && k !== "line"),
  ) as Partial<T>;
}
