/**
 * The custody events of one build: each evidence file's acquisition (when its capture time is known) and
 * ingestion, redactions per item, each exhibit PDF with the sources it was made from, and the build itself
 * with its inputs, the bundle and appendix files it wrote and a digest over its exhibit PDFs. Times come
 * from the evidence and the build time (SOURCE_DATE_EPOCH), never the wall clock, so rebuilding adds nothing.
 * Actors are people: an acquisition names who acquired the item (its capturedBy), the build's own entries the operator
 * who ran it (--operator, EXHIBITS_OPERATOR, case.yaml `operator`); the tool is the `tool` column, never an actor, and
 * the OS account's name is no fact about a person, so an actor not stated is recorded as not recorded.
 */
import { hostname } from "node:os";
import type { NewCustodyEntry } from "./log.js";
import type { BuildContext } from "../model/build-context.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { caseDigest } from "../util/stored-files.js";
import { PRODUCER } from "../util/version.js";
import { sha256Bytes } from "../util/hash.js";

export const OPERATOR_NOT_RECORDED = "operator not recorded";
export const ACQUIRER_NOT_RECORDED = "acquirer not recorded";
const NOT_RECORDED = "not recorded";

export function custodyEvents(ctx: BuildContext, twins: readonly TwinOutputs[]): NewCustodyEntry[] {
  const { config } = ctx.loaded;
  const items = [...ctx.items.values()];
  const { inputs, redactions } = ctx;
  const builtAt = ctx.builtAt.at;
  const host = hostname();
  const base = { tool: PRODUCER, host };
  const operator = ctx.operator ?? OPERATOR_NOT_RECORDED;
  const out: NewCustodyEntry[] = [];
  for (const it of items) {
    const files = [it.source, ...(it.related ?? [])];
    if (it.capturedAt) {
      // Only a capture record says which tool on which computer made the files and hashed them as it wrote them; of
      // any other item the acquisition's tool, computer and digests are not recorded (its first digest is the intake's).
      const record = it.capture?.record;
      out.push({
        ...base,
        tool: record ? record.tool : NOT_RECORDED,
        host: record ? record.host.name : NOT_RECORDED,
        event: "acquired",
        item_id: it.source.path,
        at_utc: it.capturedAt,
        actor: it.capturedBy ?? ACQUIRER_NOT_RECORDED,
        inputs: [],
        outputs: record ? files.map((f) => f.sha256) : [],
        details: {
          ...(it.url ? { url: it.url } : {}),
          time_source: it.capturedAtSource,
          ...(it.capturedAtNote ? { note: it.capturedAtNote } : {}),
          digests: record ? "recorded in capture.json as the files were written" : "none taken at acquisition; see the 'ingested' entry",
        },
      });
    }
    out.push({
      ...base,
      event: "ingested",
      item_id: it.source.path,
      at_utc: builtAt,
      actor: operator,
      inputs: files.map((f) => f.sha256),
      outputs: [],
      details: { kind: it.kind, format: it.media, bytes: String(it.source.bytes), files: String(files.length) },
    });
  }
  const byItem = new Map<string, number>();
  for (const r of redactions) byItem.set(r.item, (byItem.get(r.item) ?? 0) + 1);
  for (const [item, n] of [...byItem].sort()) {
    out.push({
      ...base,
      event: "redacted",
      item_id: item,
      at_utc: builtAt,
      actor: operator,
      inputs: [],
      outputs: [],
      details: { redactions: String(n), rules: "listed with the rule and basis of each in redaction-log.csv" },
    });
  }
  // Each exhibit PDF is a transformation of its sources: one event per exhibit and tree.
  const byPath = new Map(items.map((it) => [it.id, it]));
  const outputs: string[] = [];
  const exhibitPdfs: string[] = [];
  for (const t of twins) {
    for (const w of t.exhibits) {
      const pdfs = w.volumes.map((v) => v.file.sha256);
      exhibitPdfs.push(...pdfs);
      out.push({
        ...base,
        event: "rendered",
        item_id: t.tree.twin === "single" ? w.path : `${t.tree.twin}/${w.path}`,
        at_utc: builtAt,
        actor: operator,
        inputs: w.exhibit.itemIds.map((id) => byPath.get(id)!.source.sha256),
        outputs: pdfs,
        details: {
          exhibit: w.exhibit.label,
          bates: `${w.exhibit.bates.first}-${w.exhibit.bates.last}`,
          pages: String(w.exhibit.pages.length),
          copy: t.tree.twin,
          ...(w.volumes.length > 1 ? { parts: String(w.volumes.length) } : {}),
        },
      });
    }
    for (const v of t.bundle) outputs.push(v.file.sha256);
    for (const f of t.hashed) outputs.push(f.sha256);
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
    actor: operator,
    inputs: [caseDigest(inputs)],
    outputs,
    details: {
      trees: twins.map((t) => t.tree.twin).join(", "),
      exhibits: String(twins[0]?.exhibits.length ?? 0),
      pages: String(twins[0]?.bundle.reduce((n, v) => n + v.pages, 0) ?? 0),
      redactions: String(redactions.length),
      exhibit_files: String(exhibitPdfs.length),
      exhibit_files_sha256: exhibitsDigest,
    },
  });
  return out;
}
