/**
 * verify's `bundle-pages` check: bundle.pdf (or its volumes, in order) holds exactly the exhibit files' pages, in
 * exhibit order. The build writes both from the very same parts, object for object, so each bundle page must have
 * the content digest (pdf/page-content-digest.ts: the page's content streams, resources, annotations and every
 * object they reach, streams as stored) of the exhibit page at its place, and the same label (its Bates number).
 * An exhibit PDF altered after the build (and the manifest resealed to match) no longer agrees with bundle.pdf, and
 * the disagreement names the exhibit, its page and the bundle page. Counts that differ are page-counts' to report.
 * (A file whose pages cannot be digested at all — its objects tangled past the walk's budget — is a problem here.)
 */
import { BUNDLE_FILE, type Manifest } from "../model/manifest.js";
import type { PageFacts } from "./verify-exhibit-files.js";

/** How many pages of one exhibit file a problem lists before it counts the rest. */
const LISTED = 5;

interface Place {
  /** The exhibit file and its page (1-based). */
  file: string;
  page: number;
  digest: string | undefined;
  labelled: string | undefined;
}

export interface BundlePagesFindings {
  problems: string[];
  detail: string;
}

export function checkBundlePages(
  manifest: Manifest,
  facts: ReadonlyMap<string, PageFacts>,
  present: ReadonlySet<string>,
): BundlePagesFindings {
  const problems: string[] = [];
  const exhibits = [...manifest.exhibits].sort((a, b) => a.number - b.number);
  const bundleFiles = manifest.bundle.volumes?.length ? manifest.bundle.volumes.map((v) => v.file.path) : [BUNDLE_FILE];

  // Every exhibit page in bundle order; and every bundle page. A file that cannot be read stops the comparison.
  const expected: Place[] = [];
  const unreadable: string[] = [];
  const pagesOf = (path: string): { digests: string[]; labels?: string[] } | undefined => {
    const f = facts.get(path);
    if (!f) {
      unreadable.push(`${path}: ${present.has(path) ? "not a readable PDF" : "missing"}`);
      return undefined;
    }
    if (!Array.isArray(f.digests)) {
      problems.push(`${path}: its pages cannot be compared: ${f.digests.error}`);
      return undefined;
    }
    return { digests: f.digests, ...(f.labels ? { labels: f.labels } : {}) };
  };
  for (const e of exhibits) {
    for (const file of (e.volumes?.map((v) => v.file) ?? [e.file]).map((f) => f.path)) {
      const p = pagesOf(file);
      if (!p) continue;
      for (const [i, digest] of p.digests.entries())
        expected.push({ file: `Exhibit ${e.label} (${file})`, page: i + 1, digest, labelled: p.labels?.[i] });
    }
  }
  const bundle: Place[] = [];
  for (const file of bundleFiles) {
    const p = pagesOf(file);
    if (!p) continue;
    for (const [i, digest] of p.digests.entries()) bundle.push({ file, page: i + 1, digest, labelled: p.labels?.[i] });
  }
  // A missing or unreadable file, and pages that do not add up, are files-present's and page-counts' to name: the
  // pages cannot be lined up then, and the detail says so.
  if (unreadable.length || problems.length)
    return { problems, detail: `not compared${unreadable.length ? `: ${unreadable.join("; ")}` : ""}` };
  if (expected.length !== bundle.length) {
    const where = bundleFiles.length > 1 ? `the bundle's ${bundleFiles.length} parts hold` : `${BUNDLE_FILE} holds`;
    return { problems, detail: `not compared: ${where} ${bundle.length} pages, the exhibit files ${expected.length}` };
  }

  // One problem per exhibit file whose pages the bundle does not hold at their place.
  const differing = new Map<string, { page: number; at: Place; why: string }[]>();
  for (const [i, want] of expected.entries()) {
    const got = bundle[i]!;
    const whys: string[] = [];
    if (want.digest !== got.digest)
      whys.push(`content differs: page digest ${want.digest!.slice(0, 12)}… in the exhibit, ${got.digest!.slice(0, 12)}… in ${got.file}`);
    if (want.labelled !== undefined && got.labelled !== undefined && want.labelled !== got.labelled)
      whys.push(`labelled ${want.labelled} in the exhibit, ${got.labelled} in ${got.file}`);
    if (!whys.length) continue;
    const list = differing.get(want.file) ?? [];
    list.push({ page: want.page, at: got, why: whys.join("; ") });
    differing.set(want.file, list);
  }
  for (const [file, pages] of differing) {
    const shown = pages
      .slice(0, LISTED)
      .map((p) => `page ${p.page} is not ${p.at.file} page ${p.at.page}${p.at.labelled ? ` (${p.at.labelled})` : ""} (${p.why})`);
    const more = pages.length > LISTED ? `; and ${pages.length - LISTED} more of its pages` : "";
    problems.push(`${file}: ${shown.join("; ")}${more}`);
  }
  const files = new Set(expected.map((p) => p.file)).size;
  return {
    problems,
    detail:
      `${bundle.length} page${bundle.length === 1 ? "" : "s"} of ` +
      `${bundleFiles.length > 1 ? `${bundleFiles.length} bundle parts` : BUNDLE_FILE} compared with the ${files} exhibit ` +
      `file${files === 1 ? "" : "s"}' pages`,
  };
}
