/**
 * What makes an exhibit PDF other than the one this tool wrote, checked alone (`verify exhibit.pdf`) and for every
 * exhibit of a bundle: one revision with every byte accounted for (no incremental update), nothing that runs
 * (JavaScript, actions), exactly the attachments its provenance record lists (no extra file, no second file under
 * a listed name, no file embedded outside the attachment list), the natives it says are kept beside it (where the
 * court takes no embedded files) being those the manifest lists for it, and the twin and case it says it belongs to.
 */
import type { ExhibitProvenance, ManifestNative } from "../model/manifest.js";
import type { PdfExtras } from "../pdf/read-attachments.js";
import { attachmentName } from "../util/attachment-name.js";

/** A sidecar (<file>.meta.yaml): listed in the provenance record with its hash, never attached nor kept beside. */
export const isSidecar = (path: string): boolean => path.endsWith(".meta.yaml");

/** One revision, the body as written, nothing that runs: each problem names the file. */
export function writtenAsMadeProblems(shown: string, extras: PdfExtras): { structure: string[]; body: string[]; active: string[] } {
  const d = extras.bodyDigest;
  return {
    structure: extras.structure.map((p) => `${shown}: ${p}`),
    body:
      d?.actual && d.actual !== d.recorded
        ? [
            `${shown}: its pages, attachments and bookmarks are not the bytes it was written with (SHA-256 ${d.actual.slice(7, 23)}…, ` +
              `its metadata records ${d.recorded.slice(7, 23)}…): a page was changed or painted over, or the file rewritten`,
          ]
        : [],
    active: extras.active.map((a) => `${shown}: ${a}; this tool writes no JavaScript or actions`),
  };
}

/** What the body digest check could say of a file (for the report's detail). */
export function bodyDigestDetail(extras: PdfExtras): string {
  if (!extras.bodyDigest) return "no digest of its body recorded (made before exhibits recorded one): not checked";
  return extras.bodyDigest.actual ? "the body's SHA-256 matches the one recorded in its metadata" : "its body could not be located";
}

/** Attachments beyond those the provenance record lists as carried in this file, and names attached twice. */
export function unlistedAttachments(shown: string, extras: PdfExtras, prov: ExhibitProvenance): string[] {
  const problems: string[] = [];
  const listed = new Set(prov.sources.filter((s) => s.attached).map((s) => attachmentName(s.path)));
  const seen = new Map<string, number>();
  for (const a of extras.attachments) seen.set(a.name, (seen.get(a.name) ?? 0) + 1);
  for (const [name, n] of seen) {
    if (!listed.has(name)) problems.push(`${shown}: carries the attachment ${name}, which its provenance record does not list`);
    if (n > 1) problems.push(`${shown}: carries ${n} attachments named ${name} (a shadow copy beside the listed one)`);
  }
  const outside = extras.embeddedFiles - extras.attachments.length;
  if (outside > 0)
    problems.push(
      `${shown}: ${outside} embedded file(s) outside its attachment list (in an annotation or elsewhere), which this tool never writes`,
    );
  return problems;
}

/** The twin a provenance record says, in the manifest's words ("single" when the build wrote one tree). */
export function twinOf(prov: ExhibitProvenance): "single" | "public" | "sealed" {
  return prov.twin ?? "single";
}

/**
 * The natives the provenance record says are kept beside the exhibit (`native`) against those the manifest lists for
 * it: the same paths, each with the same SHA-256 and size. (Whether each file still has them is the hash check's.)
 */
export function nativeRecordProblems(shown: string, prov: ExhibitProvenance, natives: readonly ManifestNative[] | undefined): string[] {
  const problems: string[] = [];
  const listed = new Map((natives ?? []).map((n) => [n.path, n]));
  const named = new Set<string>();
  for (const s of prov.sources) {
    if (!s.native) continue;
    named.add(s.native);
    const n = listed.get(s.native);
    if (!n) problems.push(`${shown}: keeps ${s.path} beside it as ${s.native}, which the manifest does not list for this exhibit`);
    else if (n.sha256 !== s.sha256 || n.bytes !== s.bytes)
      problems.push(
        `${s.native}: the manifest records ${n.bytes} bytes, ${n.sha256.slice(7)}; the exhibit's provenance record ` +
          `${s.bytes} bytes, ${s.sha256.slice(7)} (a native replaced and the manifest resealed?)`,
      );
  }
  for (const n of natives ?? [])
    if (!named.has(n.path))
      problems.push(`${n.path}: listed in the manifest as a native of this exhibit, but its provenance record does not name it`);
  return problems;
}
