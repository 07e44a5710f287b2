/**
 * verify's `provenance` check for one exhibit file of a bundle: what the PDF says of itself against its manifest entry.
 * The build writes the same facts three ways into every exhibit file — the provenance record (Info /ExhibitsProvenance:
 * case, exhibit, Bates range, part, slip sheet, twin), the Keywords (`case:… exhibit:… bates:first-last part:k/n
 * twin:… filed-under-seal`) and each page's label (its Bates number; a slip sheet's is its sealed exhibit's range) —
 * and each must give what the manifest gives for the file's place. A twin named in the Keywords other than the tree's
 * is the twin check's (an exhibit of the sealed twin in the public tree is a leak, however its record was edited).
 * Keywords and page labels are checked when present (exhibits made before they were written have neither).
 */
import type { ExhibitProvenance, Manifest, ManifestExhibit } from "../model/manifest.js";
import { labelAsWrittenBefore, type PdfExtras } from "../pdf/index.js";

export interface ProvenanceInput {
  path: string;
  /** Which file of the exhibit this is (0 for an exhibit in one file). */
  part: number;
  manifest: Manifest;
  exhibit: ManifestExhibit;
  prov: ExhibitProvenance;
  extras: Pick<PdfExtras, "keywords" | "pageLabels">;
}

/** The Bates number `n` as the tree writes it (prefix, zero-padded digits). */
export function formatBatesOf(manifest: Manifest, n: number): string {
  return `${manifest.bates.prefix}${String(n).padStart(manifest.bates.digits, "0")}`;
}

/** The number of Bates number `s`, when it is the tree's prefix and digits. */
export function parseBatesOf(manifest: Manifest, s: string): number | undefined {
  const { prefix, digits } = manifest.bates;
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  return rest.length === digits && /^\d+$/.test(rest) ? Number(rest) : undefined;
}

/** The labels the build gives a file's pages: each page's Bates number; a slip sheet's, the sealed exhibit's range. */
export function expectedLabels(manifest: Manifest, e: ManifestExhibit, part: number): string[] | undefined {
  if (e.filedUnderSeal) return [`${e.bates.first}–${e.bates.last}`];
  const range = e.volumes?.[part]?.bates ?? e.bates;
  const pages = e.volumes?.[part]?.pages ?? e.pages;
  const first = parseBatesOf(manifest, range.first);
  if (first === undefined) return undefined; // bates-gapless names the malformed range
  return Array.from({ length: pages }, (_, i) => formatBatesOf(manifest, first + i));
}

export function exhibitProvenanceProblems(input: ProvenanceInput): { provenance: string[]; twin: string[] } {
  const { path, part, manifest, exhibit: e, prov, extras } = input;
  const provenance: string[] = [];
  const twin: string[] = [];
  const says = (what: string, found: string, expected: string) =>
    provenance.push(`${path}: its ${what} says ${found}; the manifest says ${expected}`);
  const treeTwin = manifest.twin ?? "single";
  const parts = e.volumes?.length ?? 1;
  const range = e.volumes?.[part]?.bates ?? e.bates;

  // the provenance record
  if (prov.case !== manifest.case.id || prov.exhibit !== e.label)
    says("provenance record", `Exhibit ${prov.exhibit} of case ${prov.case}`, `Exhibit ${e.label} of ${manifest.case.id}`);
  if (prov.bates.first !== e.bates.first || prov.bates.last !== e.bates.last)
    says("provenance record", `Bates ${prov.bates.first}–${prov.bates.last}`, `${e.bates.first}–${e.bates.last} for Exhibit ${e.label}`);
  if (Boolean(prov.filedUnderSeal) !== Boolean(e.filedUnderSeal))
    says(
      "provenance record",
      prov.filedUnderSeal ? "it is a slip sheet for an exhibit filed under seal" : "it is the exhibit itself",
      e.filedUnderSeal ? "a slip sheet stands here for an exhibit filed under seal" : "the exhibit itself stands here",
    );
  const wantPart = parts > 1 ? `part ${part + 1} of ${parts}` : "the whole exhibit, in one file";
  const gotPart = prov.volume ? `part ${prov.volume.part} of ${prov.volume.of}` : "the whole exhibit, in one file";
  if (gotPart !== wantPart) says("provenance record", gotPart, wantPart);

  // the Keywords
  if (extras.keywords !== undefined) {
    const words = extras.keywords.split(/\s+/).filter(Boolean);
    const one = (key: string) => words.filter((w) => w.startsWith(`${key}:`)).map((w) => w.slice(key.length + 1));
    const expect = (key: string, want: string | undefined) => {
      const got = one(key);
      const shown = (v: readonly string[]) => (v.length ? v.map((x) => `${key}:${x}`).join(" ") : `no ${key}:`);
      if (got.length !== (want === undefined ? 0 : 1) || (want !== undefined && got[0] !== want))
        says("Keywords", shown(got), want === undefined ? `no ${key}:` : `${key}:${want}`);
    };
    expect("case", manifest.case.id);
    expect("exhibit", e.label);
    expect("bates", `${range.first}-${range.last}`);
    expect("part", parts > 1 ? `${part + 1}/${parts}` : undefined);
    const slip = words.includes("filed-under-seal");
    if (slip !== Boolean(e.filedUnderSeal))
      says("Keywords", slip ? "filed-under-seal" : "no filed-under-seal", e.filedUnderSeal ? "filed-under-seal" : "no filed-under-seal");
    const twins = one("twin");
    const gotTwin = twins.length === 1 ? twins[0] : twins.length === 0 ? "single" : twins.join(", ");
    if (gotTwin !== treeTwin)
      twin.push(
        `${path}: its Keywords name ${twins.length ? `the ${gotTwin} twin` : "no twin (a build without twins)"}, in the ${treeTwin} tree` +
          (gotTwin === "sealed" ? " (an exhibit of the sealed twin: unredacted)" : ""),
      );
  }

  // the page labels
  const want = expectedLabels(manifest, e, part);
  if (extras.pageLabels !== undefined && want !== undefined && extras.pageLabels.length === want.length) {
    const wrong = want
      .map((w, i) => [i, w, extras.pageLabels![i]!] as const)
      .filter(([, w, g]) => w !== g && labelAsWrittenBefore(w) !== g); // earlier releases lost the en dash
    if (wrong.length) {
      const [i, w, g] = wrong[0]!;
      provenance.push(
        `${path}: page ${i + 1} is labelled ${g}, its Bates number is ${w}` +
          (wrong.length > 1 ? ` (and ${wrong.length - 1} more of its ${want.length} pages labelled otherwise)` : ""),
      );
    }
  }
  return { provenance, twin };
}
