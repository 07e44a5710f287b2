/**
 * verify's `bates-gapless` and `page-counts` checks. Every Bates number of the case is accounted for once, in order:
 *  - a single or public tree is gapless: each exhibit starts where the one before ended; in the public tree an exhibit
 *    filed under seal is a one-page slip sheet whose range spans the pages the sealed tree holds (`filedUnderSeal`);
 *  - the sealed tree holds only what is filed under seal, so it may skip the numbers of the exhibits it does not hold
 *    (a gap is accepted there, never an overlap or a step back), and never holds a slip sheet.
 * Each exhibit PDF (and each part of a split one) has the pages its range claims; the bundle has every page of the tree.
 */
import { BUNDLE_FILE, type Manifest, type ManifestVolume } from "../model/manifest.js";

export type BatesCheck = "bates-gapless" | "page-counts";

export interface BatesCheckInput {
  manifest: Manifest;
  actualFiles: ReadonlySet<string>;
  pageCount(path: string): Promise<number | undefined>;
  fail(check: BatesCheck, problem: string): void;
}

/** Runs both checks; returns the page-counts detail. */
export async function checkBatesAndPages({ manifest, actualFiles, pageCount, fail }: BatesCheckInput): Promise<string> {
  const exhibits = [...manifest.exhibits].sort((a, b) => a.number - b.number);
  const prefix = manifest.bates.prefix;
  const sealedTree = manifest.twin === "sealed";
  const fmt = (n: number) => `${prefix}${String(n).padStart(manifest.bates.digits, "0")}`;
  const parse = (s: string): number | undefined => {
    if (!s.startsWith(prefix)) return undefined;
    const digits = s.slice(prefix.length);
    return /^\d+$/.test(digits) && digits.length === manifest.bates.digits ? Number(digits) : undefined;
  };

  // bates-gapless
  let expectedNext = parse(manifest.bates.first);
  if (expectedNext === undefined)
    fail("bates-gapless", `manifest bates.first '${manifest.bates.first}' is not ${prefix} + ${manifest.bates.digits} digits`);
  /** The Bates numbers each page of the tree carries, in bundle order (a slip sheet: its whole range). */
  const pageNumbers: { from: number; to: number }[] = [];
  let spans = 0;
  for (const e of exhibits) {
    const first = parse(e.bates.first);
    const last = parse(e.bates.last);
    const name = `Exhibit ${e.label} (${e.file.path})`;
    if (first === undefined || last === undefined) {
      fail("bates-gapless", `${name}: Bates range ${e.bates.first}–${e.bates.last} is malformed`);
      continue;
    }
    const sealedPages = e.filedUnderSeal?.pages;
    if (sealedPages !== undefined && manifest.twin !== "public")
      fail("bates-gapless", `${name}: a slip sheet for an exhibit filed under seal, in the ${manifest.twin ?? "single"} tree`);
    if (sealedPages !== undefined && e.pages !== 1) fail("page-counts", `${name}: a slip sheet has one page, the manifest says ${e.pages}`);
    if (expectedNext !== undefined && (sealedTree ? first < expectedNext : first !== expectedNext)) {
      fail(
        "bates-gapless",
        `${name}: starts at ${e.bates.first}, expected ${sealedTree ? "no earlier than " : ""}${fmt(expectedNext)} ` +
          `(${first > expectedNext ? "gap" : "overlap"})`,
      );
    }
    const span = sealedPages ?? e.pages;
    if (last - first + 1 !== span)
      fail("bates-gapless", `${name}: range ${e.bates.first}–${e.bates.last} spans ${last - first + 1} pages, manifest says ${span}`);
    expectedNext = last + 1;
    spans += span;
    if (sealedPages !== undefined) pageNumbers.push({ from: first, to: last });
    else for (let i = 0; i < e.pages; i++) pageNumbers.push({ from: first + i, to: first + i });
  }
  if (exhibits.length && exhibits[exhibits.length - 1].bates.last !== manifest.bates.last) {
    fail(
      "bates-gapless",
      `last exhibit ends at ${exhibits[exhibits.length - 1].bates.last}, manifest bates.last says ${manifest.bates.last}`,
    );
  }

  // page-counts (every part of a split exhibit or bundle, with its Bates numbers running on)
  const checkFile = async (path: string, pages: number, range: string) => {
    if (!actualFiles.has(path)) return;
    const got = await pageCount(path);
    if (got === undefined) fail("page-counts", `${path}: not a readable PDF`);
    else if (got !== pages) fail("page-counts", `${path}: has ${got} pages, ${range} needs ${pages}`);
  };
  const checkVolumes = async (name: string, volumes: ManifestVolume[], pagesWanted: number, numbers: { from: number; to: number }[]) => {
    let at = 0;
    for (const v of volumes) {
      const from = parse(v.bates.first);
      const to = parse(v.bates.last);
      const want = { from: numbers[at]?.from, to: numbers[at + v.pages - 1]?.to };
      if (from === undefined || to === undefined || from !== want.from || to !== want.to)
        fail("bates-gapless", `${v.file.path}: Bates ${v.bates.first}–${v.bates.last} does not continue ${name}'s run of ${v.pages} pages`);
      at += v.pages;
      await checkFile(v.file.path, v.pages, `its Bates range ${v.bates.first}–${v.bates.last}`);
    }
    if (at !== pagesWanted) fail("page-counts", `${name}: its parts hold ${at} pages, not ${pagesWanted}`);
  };
  let total = 0;
  for (const e of exhibits) {
    const first = parse(e.bates.first) ?? 0;
    total += e.pages;
    if (e.volumes?.length) {
      const own = Array.from({ length: e.pages }, (_, i) => ({ from: first + i, to: first + i }));
      await checkVolumes(`Exhibit ${e.label}`, e.volumes, e.pages, own);
      continue;
    }
    await checkFile(e.file.path, e.pages, e.filedUnderSeal ? "a slip sheet" : `Bates range ${e.bates.first}–${e.bates.last}`);
  }
  const bundleFiles = manifest.bundle.volumes?.length ? manifest.bundle.volumes.map((v) => v.file.path) : [BUNDLE_FILE];
  if (manifest.bundle.volumes?.length) await checkVolumes("bundle", manifest.bundle.volumes, total, pageNumbers);
  else if (actualFiles.has(BUNDLE_FILE)) {
    const pages = await pageCount(BUNDLE_FILE);
    if (pages === undefined) fail("page-counts", `${BUNDLE_FILE}: not a readable PDF`);
    else if (pages !== total) fail("page-counts", `${BUNDLE_FILE}: has ${pages} pages, the exhibits have ${total}`);
  }
  if (spans !== manifest.bates.pages)
    fail("page-counts", `exhibits add up to ${spans} pages, manifest bates.pages says ${manifest.bates.pages}`);
  const split = exhibits.filter((e) => e.volumes?.length).length;
  const slips = exhibits.filter((e) => e.filedUnderSeal).length;
  return (
    `${exhibits.length} exhibits, ${total} pages` +
    `${slips ? `; ${slips} filed under seal (slip sheets)` : ""}` +
    `${sealedTree ? "; the sealed tree holds the exhibits filed under seal" : ""}` +
    `${split ? `; ${split} exhibit(s) in parts` : ""}${bundleFiles.length > 1 ? `; bundle in ${bundleFiles.length} parts` : ""}`
  );
}
