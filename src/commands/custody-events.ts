/**
 * The custody events of one build: each evidence file's acquisition (when its capture time is known) and
 * ingestion, redactions per item, each exhibit PDF with the sources it was made from, and the build itself
 * with its inputs, the bundle and appendix files it wrote and a digest over its exhibit PDFs. Times come
 * from the evidence and the build time (SOURCE_DATE_EPOCH), never the wall clock, so rebuilding adds nothing.
 */
import { hostname } from "node:os";
import type { NewCustodyEntry } from "../appendices/index.js";
import type { CaseConfig } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { RedactionLogEntry } from "../model/redaction.js";
import { caseDigest } from "../integrity/index.js";
import { PRODUCER } from "../util/version.js";
import { sha256Bytes } from "../util/hash.js";
import type { TwinBody } from "./build-twin.js";

export function custodyEvents(
  config: CaseConfig,
  items: readonly EvidenceItem[],
  inputs: readonly StoredFile[],
  bodies: readonly TwinBody[],
  redactions: readonly RedactionLogEntry[],
  builtAt: string,
): NewCustodyEntry[] {
  const host = hostname();
  const base = { tool: PRODUCER, host };
  const out: NewCustodyEntry[] = [];
  for (const it of items) {
    const files = [it.source, ...(it.related ?? [])];
    if (it.capturedAt) {
      out.push({
        ...base,
        event: "acquired",
        item_id: it.source.path,
        at_utc: it.capturedAt,
        actor: it.capturedBy ?? "unknown",
        inputs: [],
        outputs: files.map((f) => f.sha256),
        details: { ...(it.url ? { url: it.url } : {}), time_source: it.capturedAtSource, ...(it.capturedAtNote ? { note: it.capturedAtNote } : {}) },
      });
    }
    out.push({
      ...base,
      event: "ingested",
      item_id: it.source.path,
      at_utc: builtAt,
      actor: "system",
      inputs: files.map((f) => f.sha256),
      outputs: [],
      details: { kind: it.kind, format: it.media, bytes: String(it.source.bytes), files: String(files.length) },
    });
  }
  const byItem = new Map<string, number>();
  for (const r of redactions) byItem.set(r.item, (byItem.get(r.item) ?? 0) + 1);
  for (const [item, n] of [...byItem].sort()) {
    out.push({ ...base, event: "redacted", item_id: item, at_utc: builtAt, actor: "system", inputs: [], outputs: [], details: { redactions: String(n), rules: "FRCP 5.2 (see redaction-log.csv)" } });
  }
  // Each exhibit PDF is a transformation of its sources: one event per exhibit and tree.
  const byPath = new Map(items.map((it) => [it.id, it]));
  const outputs: string[] = [];
  const exhibitPdfs: string[] = [];
  for (const body of bodies) {
    for (const w of body.written) {
      const pdfs = w.volumes.map((v) => v.file.sha256);
      exhibitPdfs.push(...pdfs);
      out.push({
        ...base,
        event: "rendered",
        item_id: body.twin === "single" ? w.path : `${body.twin}/${w.path}`,
        at_utc: builtAt,
        actor: "system",
        inputs: w.exhibit.itemIds.map((id) => byPath.get(id)!.source.sha256),
        outputs: pdfs,
        details: { exhibit: w.exhibit.label, bates: `${w.exhibit.bates.first}-${w.exhibit.bates.last}`, pages: String(w.exhibit.pages.length), copy: body.twin, ...(w.volumes.length > 1 ? { parts: String(w.volumes.length) } : {}) },
      });
    }
    for (const v of body.bundleVolumes) outputs.push(v.file.sha256);
    for (const f of body.hashed) outputs.push(f.sha256);
  }
  // The build's own entry lists the bundle and appendix files it wrote; the exhibit PDFs, each in its own
  // "rendered" entry, are committed to by one digest over their sorted digests (listing them all again made
  // every build add a line of thousands of hashes, and the log of a long Schedule A case tens of megabytes).
  const exhibitsDigest = sha256Bytes(Buffer.from([...exhibitPdfs].sort().join("\n")));
  out.push({
    ...base,
    event: "built",
    item_id: config.id,
    at_utc: builtAt,
    actor: "system",
    inputs: [caseDigest(inputs)],
    outputs,
    details: {
      trees: bodies.map((b) => b.twin).join(", "),
      exhibits: String(bodies[0]?.written.length ?? 0),
      pages: String(bodies[0]?.bundlePages ?? 0),
      redactions: String(redactions.length),
      exhibit_files: String(exhibitPdfs.length),
      exhibit_files_sha256: exhibitsDigest,
    },
  });
  return out;
}
