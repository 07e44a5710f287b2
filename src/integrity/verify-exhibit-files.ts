/**
 * The checks of verify that open each exhibit PDF of a bundle (and bundle.pdf): still the one revision this tool
 * wrote, running nothing, carrying exactly the attachments its provenance record lists (and naming as kept beside it
 * exactly the natives the manifest lists for it); of this tree's twin — a sealed exhibit (unredacted, natives attached)
 * swapped into the public tree, with the manifest resealed to match, is found here; and saying of itself (provenance
 * record, Keywords, page labels) the case, exhibit, Bates range, part and slip-sheet status of its manifest entry
 * (exhibit-provenance.ts). Each file is read once; its page count, page labels and per-page content digests are kept
 * for the page-counts and bundle-pages checks.
 */
import { BODY_DIGEST_KEY, type Manifest } from "../model/manifest.js";
import { readPdfExtras } from "../pdf/index.js";
import { readRegular } from "./bundle-files.js";
import { nativeRecordProblems, twinOf, unlistedAttachments, writtenAsMadeProblems } from "./exhibit-pdf-checks.js";
import { exhibitProvenanceProblems } from "./exhibit-provenance.js";

export interface ExhibitFileFindings {
  /** Problems per check: "exhibit-pdfs" (revision, actions, attachments, natives), "twin" and "provenance". */
  pdfs: string[];
  twin: string[];
  provenance: string[];
  /** Page count of each PDF read (undefined: not a readable PDF). */
  pages: Map<string, number | undefined>;
  /** Each readable PDF's pages: their labels (when it has them) and content digests (or why they could not be had). */
  pageFacts: Map<string, PageFacts>;
  detail: string;
  twinDetail: string;
  provenanceDetail: string;
}

export interface PageFacts {
  labels?: string[];
  digests: string[] | { error: string };
}

/** What a PDF of the bundle carries; undefined when it cannot be read (page-counts names it). */
async function extrasOf(dir: string, path: string) {
  try {
    return await readPdfExtras(await readRegular(dir, path, MAX_PDF_BYTES), "ExhibitsProvenance", BODY_DIGEST_KEY, { pageDigests: true });
  } catch {
    return undefined;
  }
}

/** Over this, a file cannot be read into memory whole, and is no exhibit this tool wrote (volumes are far smaller). */
export const MAX_PDF_BYTES = 2 ** 31 - 1;

/**
 * @param expectTwin the twin the tree's folder says it is (public/ or sealed/), when it says one.
 */
export async function checkExhibitFiles(
  dir: string,
  manifest: Manifest,
  files: ReadonlySet<string>,
  expectTwin?: "public" | "sealed",
): Promise<ExhibitFileFindings> {
  const out: ExhibitFileFindings = {
    pdfs: [],
    twin: [],
    provenance: [],
    pages: new Map(),
    pageFacts: new Map(),
    detail: "",
    twinDetail: "",
    provenanceDetail: "",
  };
  const keep = (path: string, extras: Awaited<ReturnType<typeof extrasOf>>) => {
    out.pages.set(path, extras?.pages);
    if (extras?.pageDigests)
      out.pageFacts.set(path, { digests: extras.pageDigests, ...(extras.pageLabels ? { labels: extras.pageLabels } : {}) });
  };
  let recorded = 0;
  const { describeProblem, exhibitProvenanceSchema, parseJson } = await import("../schema/records.js");
  const treeTwin = manifest.twin ?? "single";
  if (expectTwin && treeTwin !== expectTwin)
    out.twin.push(`manifest.json: says this is the ${treeTwin} tree, but it is the ${expectTwin}/ folder`);
  let read = 0;
  const bundleFiles = manifest.bundle.volumes?.map((v) => v.file.path) ?? [manifest.bundle.file.path];
  for (const path of bundleFiles) {
    if (!files.has(path)) continue;
    const extras = await extrasOf(dir, path);
    keep(path, extras);
    if (!extras) continue;
    read++;
    const made = writtenAsMadeProblems(path, extras);
    out.pdfs.push(...made.structure, ...made.active);
  }
  for (const e of manifest.exhibits) {
    for (const [k, f] of (e.volumes?.map((v) => v.file) ?? [e.file]).entries()) {
      if (!files.has(f.path)) continue;
      const extras = await extrasOf(dir, f.path);
      keep(f.path, extras);
      if (!extras) continue; // page-counts says it is not a readable PDF
      read++;
      const made = writtenAsMadeProblems(f.path, extras);
      out.pdfs.push(...made.structure, ...made.body, ...made.active);
      const parsed = extras.info === undefined ? undefined : parseJson(extras.info, exhibitProvenanceSchema);
      if (!parsed || !parsed.ok) {
        const why = parsed && !parsed.ok ? parsed.problems.map(describeProblem).join("; ") : "none in its metadata";
        out.pdfs.push(`${f.path}: no readable provenance record (${why})`);
        continue;
      }
      const prov = parsed.value;
      out.pdfs.push(...unlistedAttachments(f.path, extras, prov));
      // Each part of a split exhibit names the same natives.
      out.pdfs.push(...nativeRecordProblems(f.path, prov, e.natives));
      recorded++;
      const own = exhibitProvenanceProblems({ path: f.path, part: k, manifest, exhibit: e, prov, extras });
      out.provenance.push(...own.provenance);
      out.twin.push(...own.twin);
      if (twinOf(prov) !== treeTwin)
        out.twin.push(
          `${f.path}: an exhibit of the ${twinOf(prov)} twin in the ${treeTwin} tree` +
            (twinOf(prov) === "sealed" ? " (unredacted, with the natives the public twin withholds)" : ""),
        );
    }
  }
  out.detail = `${read} PDF${read === 1 ? "" : "s"} opened`;
  out.twinDetail = `${treeTwin === "single" ? "one tree (nothing redacted)" : `the ${treeTwin} tree`}; every exhibit's record checked`;
  out.provenanceDetail = `${recorded} exhibit file${recorded === 1 ? "'s" : "s'"} provenance record, Keywords and page labels read`;
  return out;
}
