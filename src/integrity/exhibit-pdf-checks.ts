/**
 * What makes an exhibit PDF other than the one this tool wrote, checked alone (`verify exhibit.pdf`) and for every
 * exhibit of a bundle: one revision with every byte accounted for (no incremental update), nothing that runs
 * (JavaScript, actions), exactly the attachments its provenance record lists (no extra file, no second file under
 * a listed name, no file embedded outside the attachment list), and the twin and case it says it belongs to.
 */
import type { ExhibitProvenance } from "../model/manifest.js";
import type { PdfExtras } from "../pdf/read-attachments.js";
import { attachmentName } from "../util/attachment-name.js";

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
