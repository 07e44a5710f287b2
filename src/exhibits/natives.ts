/**
 * What an exhibit PDF carries besides its pages: the original files it was made from (every source and
 * related file, as PDF attachments with their SHA-256 in the file specification), the provenance record in
 * its metadata (case, exhibit, Bates, tool, each source's hash and whether it is attached).
 * Where the court's CM/ECF takes no PDF with embedded files (court profile `ecfEmbeddedFiles: false`), the same
 * files are kept beside the exhibit instead (natives/<file label>/<attachment name>, listed in the manifest), and
 * the record says where each one is.
 * In the public twin, the natives of a redacted item are withheld: attaching them (or keeping them beside) would
 * undo the redaction; the sealed twin carries them. Sidecars (.meta.yaml) are listed with their hashes and never
 * attached to any twin, nor kept beside.
 */
import { readFile } from "../util/fs.js";
import { join } from "node:path";
import { CAPTURE_RECORD_FILE } from "../model/capture.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { NATIVES_DIR, type ExhibitProvenance } from "../model/manifest.js";
import type { PdfAttachment } from "../pdf/index.js";
import type { Twin } from "../model/twin.js";
import { PRODUCER } from "../util/version.js";
import { attachmentName } from "../util/attachment-name.js";
import { InvalidInputError } from "../util/errors.js";

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

/** A native kept beside the exhibit: where in the tree, the source it copies (as the tree names it), and its bytes. */
export interface NativeCopy {
  /** Tree-relative: natives/<file label>/<attachment name>. */
  path: string;
  /** The case path of the source, as the tree names it (identities masked in a public tree under identity sealing). */
  source: string;
  /** The case path the bytes are read from. */
  from: string;
  bytes: number;
  sha256: StoredFile["sha256"];
  data: () => Promise<Uint8Array>;
}

/** The folder of an exhibit's natives: its file label (the start of its file name, never a defendant's name). */
export function nativesFolder(fileLabel: string): string {
  return `${NATIVES_DIR}/${fileLabel}`;
}

export function exhibitNatives(
  loaded: LoadedCase,
  exhibit: PlannedExhibit,
  item: (id: string) => EvidenceItem,
  twin: Twin,
  withheld: (id: string) => boolean,
  /** How the tree may name a file (public tree, identity sealing: defendants' identities masked); the file itself is read as is. */
  shown: (path: string) => string = (p) => p,
  /** The folder to keep the natives in instead of attaching them (the court's CM/ECF takes no embedded files). */
  beside?: string,
): { attachments: ItemAttachment[]; natives: NativeCopy[]; provenance: ExhibitProvenance } {
  const attachments: ItemAttachment[] = [];
  const natives = new Map<string, NativeCopy>();
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
      const carry = !hold && f !== it.sidecar;
      const path = shown(f.path);
      const native = carry && beside !== undefined ? `${beside}/${attachmentName(path)}` : undefined;
      const attach = carry && native === undefined;
      sources.push({
        path,
        bytes: f.bytes,
        sha256: f.sha256,
        item: shown(it.source.path),
        attached: attach,
        ...(native ? { native } : {}),
      });
      if (native) {
        const same = natives.get(native);
        if (same && same.sha256 !== f.sha256)
          throw new InvalidInputError(
            { file: f.path },
            `its native would be kept as ${native}, the name ${same.from} also takes; rename one of the two files`,
          );
        natives.set(native, {
          path: native,
          source: path,
          from: f.path,
          bytes: f.bytes,
          sha256: f.sha256,
          data: () => readFile(join(loaded.dir, f.path)),
        });
      }
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
    natives: [...natives.values()],
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
