/**
 * What an exhibit PDF carries besides its pages: the original files it was made from (every source and
 * related file, as PDF attachments with their SHA-256 in the file specification), the provenance record in
 * its metadata (case, exhibit, Bates, tool, each source's hash and whether it is attached).
 * In the public twin, the natives of a redacted item are withheld: attaching them would undo the redaction;
 * the sealed twin carries them. Sidecars (.meta.yaml) are listed with their hashes and never attached to any twin.
 */
import { readFile } from "../util/fs.js";
import { join } from "node:path";
import { CAPTURE_RECORD_FILE } from "../model/capture.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { ExhibitProvenance } from "../model/manifest.js";
import type { PdfAttachment } from "../pdf/index.js";
import type { Twin } from "../model/twin.js";
import { PRODUCER } from "../util/version.js";
import { attachmentName } from "../util/attachment-name.js";

const MIME: [RegExp, string][] = [
  [/\.png$/i, "image/png"],
  [/\.jpe?g$/i, "image/jpeg"],
  [/\.webp$/i, "image/webp"],
  [/\.pdf$/i, "application/pdf"],
  [/\.mhtml?$/i, "multipart/related"],
  [/\.json$/i, "application/json"],
  [/\.csv$/i, "text/csv"],
  [/\.eml$/i, "message/rfc822"],
  [/\.txt$/i, "text/plain"],
  [/\.html?$/i, "text/html"],
  [/\.ya?ml$/i, "application/yaml"],
  [/\.mp4$/i, "video/mp4"],
];

const mimeOf = (path: string) => MIME.find(([re]) => re.test(path))?.[1] ?? "application/octet-stream";

export type ItemAttachment = PdfAttachment & { itemId: string };

export function exhibitNatives(
  loaded: LoadedCase,
  exhibit: PlannedExhibit,
  item: (id: string) => EvidenceItem,
  twin: Twin,
  withheld: (id: string) => boolean,
  /** How the tree may name a file (public tree, identity sealing: defendants' identities masked); the file itself is read as is. */
  shown: (path: string) => string = (p) => p,
): { attachments: ItemAttachment[]; provenance: ExhibitProvenance } {
  const attachments: ItemAttachment[] = [];
  const sources: ExhibitProvenance["sources"] = [];
  for (const id of exhibit.itemIds) {
    const it = item(id);
    const hold = withheld(id);
    const files: [StoredFile, PdfAttachment["relationship"], string][] = [
      [it.source, "Source", "original evidence file"],
      ...(it.related ?? []).map((f): [StoredFile, PdfAttachment["relationship"], string] => [
        f,
        f.path.endsWith(CAPTURE_RECORD_FILE) ? "Supplement" : "Source",
        "file of the same evidence item",
      ]),
      ...(it.sidecar ? [[it.sidecar, "Supplement", "metadata sidecar"] as [StoredFile, PdfAttachment["relationship"], string]] : []),
    ];
    for (const [f, relationship, role] of files) {
      // A sidecar is the case team's own note about the evidence, not evidence: hashed and listed, never attached.
      const attach = !hold && f !== it.sidecar;
      const path = shown(f.path);
      sources.push({ path, bytes: f.bytes, sha256: f.sha256, item: shown(it.source.path), attached: attach });
      if (!attach) continue;
      attachments.push({
        itemId: id,
        name: attachmentName(path),
        description: `${role}: ${path} (${f.bytes} bytes)`,
        mime: mimeOf(f.path),
        relationship,
        sha256: f.sha256,
        bytes: f.bytes,
        ...(it.capturedAt ? { modifiedAt: it.capturedAt } : {}),
        data: () => readFile(join(loaded.dir, f.path)),
      });
    }
  }
  return {
    attachments,
    provenance: {
      format: "exhibits-provenance/1",
      case: loaded.config.id,
      exhibit: exhibit.label,
      bates: { first: exhibit.bates.first, last: exhibit.bates.last },
      ...(twin === "single" ? {} : { twin: twin }),
      ...(exhibit.filedUnderSeal ? { filedUnderSeal: true as const } : {}),
      tool: PRODUCER,
      sources,
    },
  };
}
