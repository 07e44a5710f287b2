/**
 * `verify`: named checks that all run and all report (none stops at the first failure), each naming the
 * files it found wrong. Offline: needs nothing but the bundle folder. Every file is opened through
 * bundle-files.ts: only regular files inside the folder, never a link, FIFO or device.
 *
 * Two kinds of check. The hash checks hold the files to manifest.json; the cross-checks (provenance, exhibit-index,
 * custody-log, bundle-pages) hold what the bundle says of itself in several places to one another, so that an exhibit
 * altered and the manifest rewritten to match still fails. Both only prove that the files agree with one another,
 * unless something outside the bundle anchors them: a verified RFC 3161 token over manifest.json anchors the checks
 * against the manifest, a verified signature on bundle.pdf anchors bundle.pdf (and so the exhibit pages found equal
 * to its pages). Each check's report says which it is (`basis`).
 */
import type { StoredFile } from "../model/digest.js";
import { countPages } from "../pdf/index.js";
import { BUNDLE_FILE, MANIFEST_DIGEST_FILE, MANIFEST_FILE, type Manifest } from "../model/manifest.js";
import { hexOf, sha256Bytes } from "../util/hash.js";
import { bundleAnchor } from "./anchors.js";
import { hashRegular, listEntries, readRegular } from "./bundle-files.js";
import { manifestCrossProblems } from "./manifest-cross.js";
import { checkExhibitFiles, MAX_PDF_BYTES } from "./verify-exhibit-files.js";
import { checkTimestamps } from "./verify-timestamps.js";
import { checkBundleSignature } from "./verify-signature.js";
import { checkBatesAndPages } from "./verify-bates.js";
import { checkBundlePages } from "./verify-bundle-pages.js";
import { checkIndexes } from "./verify-index.js";
import { checkCustody } from "./verify-custody.js";

export interface CheckResult {
  name: string;
  description: string;
  ok: boolean;
  problems: string[];
  detail?: string;
  /**
   * What a pass proves: `anchored` when it is proven against something outside the bundle (`anchoredBy` says what: a
   * verified RFC 3161 token, a verified signature), `internal` when it only proves that the bundle's files agree with
   * one another (whoever rewrites them all consistently passes it). Set on a bundle's checks.
   */
  basis?: "anchored" | "internal";
  anchoredBy?: string;
}

export interface VerifyReport {
  bundle: string;
  ok: boolean;
  checks: CheckResult[];
}

/** manifest.json, its .sha256 and timestamps.json are never near this size; a larger one is refused unread. */
const RECORD_LIMIT = 256 << 20;

const CHECKS = {
  "regular-files":
    "every entry of the bundle is a regular file or a folder: no symbolic link, FIFO, device or socket (none is followed or opened)",
  "manifest-readable": "manifest.json exists and is a version 1 manifest, each field as the build writes it",
  "manifest-digest": "manifest.json matches manifest.json.sha256",
  "files-present": "every file the manifest lists exists",
  "sizes-match": "every listed file has its recorded size",
  "hashes-match": "every listed file has its recorded SHA-256",
  "no-unlisted-files": "the bundle holds no file the manifest does not list",
  "bates-gapless":
    "Bates ranges are consecutive, with no gap or overlap, across all exhibits (a sealed tree holds only the exhibits filed under seal)",
  "page-counts": "each exhibit PDF has the pages its Bates range claims (a slip sheet, one); the bundle has them all",
  "exhibit-pdfs":
    "each exhibit PDF (and bundle.pdf) is the one revision this tool wrote, runs nothing, and carries exactly the attachments its " +
    "provenance record lists; the natives it says are kept beside it (natives/) are those the manifest lists for it",
  twin: "every exhibit belongs to this tree's twin (no sealed exhibit in the public tree)",
  provenance:
    "each exhibit PDF's own record of itself (provenance record, Keywords, page labels) gives the case, exhibit, Bates range, part " +
    "and slip-sheet status of its manifest entry",
  "exhibit-index":
    "the exhibit index (appendices/exhibit-index.csv) and the records manifest (appendices/records-manifest.json) give each " +
    "exhibit file the SHA-256, size, Bates range, pages and bundle page it has in this tree",
  "custody-log":
    "the custody log's copy (appendices/custody-log.csv) records each exhibit file of this tree, and bundle.pdf, with the SHA-256, " +
    "Bates range and pages they have, in this build's entries",
  "bundle-pages":
    "every page of bundle.pdf (each part, when split) is the exhibit page at its place: the same content streams, resources " +
    "and annotations (compared by per-page digest) and the same Bates label",
  "bundle-signature": "when bundle.pdf is signed, the signature covers the whole file and verifies (with --ca, chains to the CA)",
  timestamps:
    "each RFC 3161 token stamps the file it names, its signature verifies, its signer may stamp time, and (with --ca) it chains to the CA",
  anchor: "what anchors manifest.json beyond the bundle's own files (an RFC 3161 token, the bundle signature)",
} as const;
type CheckName = keyof typeof CHECKS;

export interface VerifyOptions {
  /** Trusted root certificates (PEM) for the TSAs' tokens; without them trust is not checked, and the report says so. */
  caPem?: string;
  /** The anchor check fails when nothing anchors the manifest. */
  requireAnchor?: boolean;
  /** The twin the folder is (public/ or sealed/ of a redacted build), when known. */
  expectTwin?: "public" | "sealed";
}

export async function verifyBundle(dir: string, shown = dir, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const results = new Map<CheckName, CheckResult>();
  for (const [name, description] of Object.entries(CHECKS) as [CheckName, string][])
    results.set(name, { name, description, ok: true, problems: [] });
  const fail = (name: CheckName, problem: string) => {
    const r = results.get(name) as CheckResult;
    r.ok = false;
    r.problems.push(problem);
  };

  // regular-files: what is not a regular file is named, and never opened by any later check
  const entries = await listEntries(dir);
  for (const [path, what] of entries.odd) fail("regular-files", `${path}: ${what}; not followed or opened`);
  results.get("regular-files")!.detail = `${entries.files.length} regular files`;
  const record = async (path: string, check: CheckName) =>
    readRegular(dir, path, RECORD_LIMIT).then(
      (b) => b.toString("utf8"),
      (e: Error) => void fail(check, e.message),
    );

  // manifest-readable: read through its schema, so every later check meets the fields it expects
  const manifestText = await record(MANIFEST_FILE, "manifest-readable");
  let manifest: Manifest | undefined;
  if (manifestText !== undefined) {
    const { describeProblem, manifestSchema, parseJson } = await import("../schema/records.js"); // zod: loaded when a manifest is read
    const parsed = parseJson(manifestText, manifestSchema);
    if (parsed.ok) manifest = parsed.value;
    else for (const p of parsed.problems) fail("manifest-readable", `${MANIFEST_FILE}: ${describeProblem(p)}`);
    for (const p of manifest ? manifestCrossProblems(manifest) : []) fail("manifest-readable", `${MANIFEST_FILE}: ${p}`);
  }

  // manifest-digest: every line of manifest.json.sha256 (the manifest, and with timestamps their files too)
  const digestText = await record(MANIFEST_DIGEST_FILE, "manifest-digest");
  const digestListed = new Set<string>();
  if (digestText !== undefined) {
    for (const line of digestText.split("\n").filter((l) => l.trim())) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
      if (!m || m[2]!.startsWith("/") || m[2]!.split("/").includes("..")) {
        fail("manifest-digest", `${MANIFEST_DIGEST_FILE}: malformed line '${line.slice(0, 80)}'`);
        continue;
      }
      const [, expected, path] = m as unknown as [string, string, string];
      digestListed.add(path);
      if (path === MANIFEST_FILE) {
        if (manifestText !== undefined && hexOf(sha256Bytes(manifestText)) !== expected)
          fail(
            "manifest-digest",
            `${MANIFEST_FILE}: edited after the build (sha256 ${hexOf(sha256Bytes(manifestText))}, recorded ${expected})`,
          );
        continue;
      }
      const actual = await hashRegular(dir, path).catch((e: Error) => e);
      if (actual instanceof Error) fail("manifest-digest", `${actual.message} (listed in ${MANIFEST_DIGEST_FILE})`);
      else if (hexOf(actual.sha256) !== expected)
        fail("manifest-digest", `${path}: changed (sha256 ${hexOf(actual.sha256)}, ${MANIFEST_DIGEST_FILE} records ${expected})`);
    }
    if (!digestListed.has(MANIFEST_FILE)) fail("manifest-digest", `${MANIFEST_DIGEST_FILE}: has no line for ${MANIFEST_FILE}`);
  }

  if (!manifest) {
    for (const name of Object.keys(CHECKS) as CheckName[]) {
      if (!["manifest-readable", "manifest-digest", "regular-files"].includes(name))
        fail(name, "not checked: manifest.json could not be read");
    }
    return finish(shown, results);
  }

  // files-present, sizes-match, hashes-match
  const actualFiles = new Set(entries.files);
  const present: StoredFile[] = [];
  /** What each listed file present hashed to: the cross-checks hold the indexes and the log to these. */
  const actualHashes = new Map<string, StoredFile>();
  for (const f of manifest.outputs) {
    const odd = entries.odd.get(f.path);
    if (!actualFiles.has(f.path)) fail("files-present", `${f.path}: listed in the manifest but ${odd ? `${odd}, not a file` : "missing"}`);
    else present.push(f);
  }
  for (const f of present) {
    const actual = await hashRegular(dir, f.path).catch((e: Error) => e);
    if (actual instanceof Error) {
      fail("hashes-match", actual.message);
      continue;
    }
    actualHashes.set(f.path, { path: f.path, ...actual });
    if (actual.bytes !== f.bytes) fail("sizes-match", `${f.path}: ${actual.bytes} bytes, manifest says ${f.bytes}`);
    if (actual.sha256 !== f.sha256)
      fail("hashes-match", `${f.path}: content changed (sha256 ${hexOf(actual.sha256)}, manifest ${hexOf(f.sha256)})`);
  }
  results.get("files-present")!.detail = `${present.length} of ${manifest.outputs.length} files`;
  results.get("hashes-match")!.detail = `${present.length} files hashed`;

  // no-unlisted-files
  const listed = new Set([...manifest.outputs.map((f) => f.path), MANIFEST_FILE, MANIFEST_DIGEST_FILE, ...digestListed]);
  for (const path of [...actualFiles, ...entries.odd.keys()])
    if (!listed.has(path)) fail("no-unlisted-files", `${path}: not listed in the manifest`);

  // exhibit-pdfs, twin: every exhibit PDF opened once (its page count kept for page-counts)
  const pdfs = await checkExhibitFiles(dir, manifest, actualFiles, opts.expectTwin);
  for (const p of pdfs.pdfs) fail("exhibit-pdfs", p);
  for (const p of pdfs.twin) fail("twin", p);
  for (const p of pdfs.provenance) fail("provenance", p);
  results.get("exhibit-pdfs")!.detail = pdfs.detail;
  results.get("twin")!.detail = pdfs.twinDetail;
  results.get("provenance")!.detail = pdfs.provenanceDetail;
  const pageCount = async (path: string) => (pdfs.pages.has(path) ? pdfs.pages.get(path) : countPagesOf(dir, path));

  // bates-gapless, page-counts (a sealed tree may skip the numbers of exhibits it does not hold)
  results.get("page-counts")!.detail = await checkBatesAndPages({ manifest, actualFiles, pageCount, fail });
  const bundleFiles = manifest.bundle.volumes?.length ? manifest.bundle.volumes.map((v) => v.file.path) : [BUNDLE_FILE];

  // exhibit-index, custody-log: the indexes and the log held to the files as they are
  const cross = { dir, manifest, present: actualFiles, actual: actualHashes };
  const index = await checkIndexes(cross);
  for (const p of index.problems) fail("exhibit-index", p);
  results.get("exhibit-index")!.detail = index.detail;
  const custody = await checkCustody(cross);
  for (const p of custody.problems) fail("custody-log", p);
  results.get("custody-log")!.detail = custody.detail;

  // bundle-pages
  const pages = checkBundlePages(manifest, pdfs.pageFacts, actualFiles);
  for (const p of pages.problems) fail("bundle-pages", p);
  results.get("bundle-pages")!.detail = pages.detail;

  // bundle-signature
  const sigDetails: string[] = [];
  const signers: string[] = [];
  for (const f of bundleFiles) {
    if (!actualFiles.has(f)) continue;
    const bytes = await readRegular(dir, f, MAX_PDF_BYTES).catch((e: Error) => e);
    if (bytes instanceof Error) {
      fail("bundle-signature", bytes.message);
      continue;
    }
    const sig = await checkBundleSignature(bytes, opts.caPem, f);
    signers.push(...sig.signers);
    for (const p of sig.problems) fail("bundle-signature", p);
    sigDetails.push(bundleFiles.length > 1 ? `${f}: ${sig.detail}` : sig.detail);
  }
  if (sigDetails.length) results.get("bundle-signature")!.detail = sigDetails.join("; ");

  // timestamps
  const ts = await checkTimestamps(dir, manifest, manifestText!, actualFiles, opts.caPem);
  for (const p of ts.problems) fail("timestamps", p);
  results.get("timestamps")!.detail = ts.detail;

  // anchor: said plainly, and a failure only when asked for
  const anchor = bundleAnchor(ts.manifestTokens, signers);
  results.get("anchor")!.detail = anchor.detail;
  if (opts.requireAnchor && !anchor.anchored) fail("anchor", `--require-anchor: ${anchor.detail}`);
  return finish(shown, results, anchoredChecks(ts.manifestTokens, signers));
}

/** The checks held to manifest.json: anchored when a verified RFC 3161 token stamps it. */
const AGAINST_MANIFEST: readonly CheckName[] = [
  "manifest-readable",
  "manifest-digest",
  "files-present",
  "sizes-match",
  "hashes-match",
  "no-unlisted-files",
];

/** Which checks are anchored outside the bundle, and by what (the others prove internal consistency only). */
function anchoredChecks(manifestTokens: readonly string[], signers: readonly string[]): Map<CheckName, string> {
  const by = new Map<CheckName, string>();
  if (manifestTokens.length) {
    const token = `manifest.json's RFC 3161 token${manifestTokens.length > 1 ? "s" : ""} (${manifestTokens.join("; ")})`;
    for (const name of [...AGAINST_MANIFEST, "timestamps", "anchor"] as const) by.set(name, token);
  }
  if (signers.length) {
    const signature = `the signature on bundle.pdf (${signers.join(", ")})`;
    for (const name of ["bundle-signature", "bundle-pages", "anchor"] as const)
      by.set(name, by.has(name) ? `${by.get(name)}; ${signature}` : signature);
  }
  return by;
}

function finish(bundle: string, results: Map<CheckName, CheckResult>, anchoredBy = new Map<CheckName, string>()): VerifyReport {
  for (const [name, r] of results) {
    const by = anchoredBy.get(name);
    r.basis = by && r.ok ? "anchored" : "internal";
    if (by && r.ok) r.anchoredBy = by;
  }
  const checks = [...results.values()];
  return { bundle, ok: checks.every((c) => c.ok), checks };
}

async function countPagesOf(dir: string, path: string): Promise<number | undefined> {
  try {
    return await countPages(await readRegular(dir, path, MAX_PDF_BYTES));
  } catch {
    return undefined;
  }
}
