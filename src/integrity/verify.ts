/**
 * `verify`: named checks that all run and all report (none stops at the first failure), each naming the
 * files it found wrong. Offline: needs nothing but the bundle folder. Every file is opened through
 * bundle-files.ts: only regular files inside the folder, never a link, FIFO or device.
 */
import type { StoredFile } from "../model/digest.js";
import { countPages } from "../pdf/index.js";
import { BUNDLE_FILE, MANIFEST_DIGEST_FILE, MANIFEST_FILE, type Manifest, type ManifestVolume } from "../model/manifest.js";
import { hexOf, sha256Bytes } from "../util/hash.js";
import { bundleAnchor } from "./anchors.js";
import { hashRegular, listEntries, readRegular } from "./bundle-files.js";
import { manifestCrossProblems } from "./manifest-cross.js";
import { checkExhibitFiles, MAX_PDF_BYTES } from "./verify-exhibit-files.js";
import { checkTimestamps } from "./verify-timestamps.js";
import { checkBundleSignature } from "./verify-signature.js";

export interface CheckResult {
  name: string;
  description: string;
  ok: boolean;
  problems: string[];
  detail?: string;
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
  "bates-gapless": "Bates ranges are consecutive, with no gap or overlap, across all exhibits",
  "page-counts": "each exhibit PDF has the pages its Bates range claims; the bundle has them all",
  "exhibit-pdfs":
    "each exhibit PDF (and bundle.pdf) is the one revision this tool wrote, runs nothing, and carries exactly the attachments its " +
    "provenance record lists",
  twin: "every exhibit belongs to this tree's twin (no sealed exhibit in the public tree)",
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
  results.get("exhibit-pdfs")!.detail = pdfs.detail;
  results.get("twin")!.detail = pdfs.twinDetail;
  const pageCount = async (path: string) => (pdfs.pages.has(path) ? pdfs.pages.get(path) : countPagesOf(dir, path));

  // bates-gapless
  const exhibits = [...manifest.exhibits].sort((a, b) => a.number - b.number);
  const prefix = manifest.bates.prefix;
  const parse = (s: string): number | undefined => {
    if (!s.startsWith(prefix)) return undefined;
    const digits = s.slice(prefix.length);
    return /^\d+$/.test(digits) && digits.length === manifest!.bates.digits ? Number(digits) : undefined;
  };
  let expectedNext = parse(manifest.bates.first);
  if (expectedNext === undefined)
    fail("bates-gapless", `manifest bates.first '${manifest.bates.first}' is not ${prefix} + ${manifest.bates.digits} digits`);
  for (const e of exhibits) {
    const first = parse(e.bates.first);
    const last = parse(e.bates.last);
    const name = `Exhibit ${e.label} (${e.file.path})`;
    if (first === undefined || last === undefined) {
      fail("bates-gapless", `${name}: Bates range ${e.bates.first}–${e.bates.last} is malformed`);
      continue;
    }
    if (expectedNext !== undefined && first !== expectedNext) {
      fail(
        "bates-gapless",
        `${name}: starts at ${e.bates.first}, expected ${prefix}${String(expectedNext).padStart(manifest.bates.digits, "0")} ` +
          `(${first > expectedNext ? "gap" : "overlap"})`,
      );
    }
    if (last - first + 1 !== e.pages)
      fail("bates-gapless", `${name}: range ${e.bates.first}–${e.bates.last} spans ${last - first + 1} pages, manifest says ${e.pages}`);
    expectedNext = last + 1;
  }
  if (exhibits.length && exhibits[exhibits.length - 1].bates.last !== manifest.bates.last) {
    fail(
      "bates-gapless",
      `last exhibit ends at ${exhibits[exhibits.length - 1].bates.last}, manifest bates.last says ${manifest.bates.last}`,
    );
  }

  // page-counts (every part of a split exhibit or bundle, with its Bates range running on)
  let total = 0;
  const checkVolumes = async (name: string, volumes: ManifestVolume[], pagesWanted: number, firstBates: string) => {
    let sum = 0;
    let next = parse(firstBates);
    for (const v of volumes) {
      sum += v.pages;
      const from = parse(v.bates.first);
      const to = parse(v.bates.last);
      if (from === undefined || to === undefined || from !== next || to - from + 1 !== v.pages)
        fail("bates-gapless", `${v.file.path}: Bates ${v.bates.first}–${v.bates.last} does not continue ${name}'s run of ${v.pages} pages`);
      if (to !== undefined) next = to + 1;
      if (!actualFiles.has(v.file.path)) continue;
      const pages = await pageCount(v.file.path);
      if (pages === undefined) fail("page-counts", `${v.file.path}: not a readable PDF`);
      else if (pages !== v.pages)
        fail("page-counts", `${v.file.path}: has ${pages} pages, its Bates range ${v.bates.first}–${v.bates.last} needs ${v.pages}`);
    }
    if (sum !== pagesWanted) fail("page-counts", `${name}: its parts hold ${sum} pages, not ${pagesWanted}`);
  };
  for (const e of exhibits) {
    total += e.pages;
    if (e.volumes?.length) {
      await checkVolumes(`Exhibit ${e.label}`, e.volumes, e.pages, e.bates.first);
      continue;
    }
    if (!actualFiles.has(e.file.path)) continue;
    const pages = await pageCount(e.file.path);
    if (pages === undefined) fail("page-counts", `${e.file.path}: not a readable PDF`);
    else if (pages !== e.pages)
      fail("page-counts", `${e.file.path}: has ${pages} pages, Bates range ${e.bates.first}–${e.bates.last} needs ${e.pages}`);
  }
  const bundleFiles = manifest.bundle.volumes?.length ? manifest.bundle.volumes.map((v) => v.file.path) : [BUNDLE_FILE];
  if (manifest.bundle.volumes?.length) await checkVolumes("bundle", manifest.bundle.volumes, total, manifest.bates.first);
  else if (actualFiles.has(BUNDLE_FILE)) {
    const pages = await pageCount(BUNDLE_FILE);
    if (pages === undefined) fail("page-counts", `${BUNDLE_FILE}: not a readable PDF`);
    else if (pages !== total) fail("page-counts", `${BUNDLE_FILE}: has ${pages} pages, the exhibits have ${total}`);
  }
  if (total !== manifest.bates.pages)
    fail("page-counts", `exhibits add up to ${total} pages, manifest bates.pages says ${manifest.bates.pages}`);
  const split = exhibits.filter((e) => e.volumes?.length).length;
  results.get("page-counts")!.detail =
    `${exhibits.length} exhibits, ${total} ` +
    `pages${split ? `; ${split} exhibit(s) in parts` : ""}${bundleFiles.length > 1 ? `; bundle in ${bundleFiles.length} parts` : ""}`;

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
  return finish(shown, results);
}

function finish(bundle: string, results: Map<CheckName, CheckResult>): VerifyReport {
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
