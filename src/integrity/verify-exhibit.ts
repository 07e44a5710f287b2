/**
 * `verify <exhibit.pdf>`: one exhibit copied out of a bundle, checked alone. Its attachments are extracted
 * and re-hashed against the SHA-256 in their file specifications, against the provenance record in the
 * PDF's metadata, and against the source hashes printed on its cover sheet (read with pdftotext, when
 * poppler-utils is installed); given the bundle's manifest.json too, the PDF's own hash and its sources
 * are checked against the manifest's entry for the exhibit. It must also still be the PDF this tool wrote: one
 * revision, nothing that runs, exactly the attachments its record lists; and the report says what anchors it.
 * Where the court takes no embedded files the natives are kept beside the exhibit in its bundle, and checked from the
 * manifest (verify-exhibit-natives.ts), which must then be given or be found beside the exhibit (../manifest.json).
 */
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { promisify } from "node:util";
import { BODY_DIGEST_KEY, type ExhibitProvenance, type Manifest, type ManifestExhibit } from "../model/manifest.js";
import { readPdfExtras } from "../pdf/index.js";
import { attachmentName } from "../util/attachment-name.js";
import { hexOf, sha256Bytes } from "../util/hash.js";
import { exhibitAnchor } from "./anchors.js";
import { bodyDigestDetail, isSidecar, unlistedAttachments, writtenAsMadeProblems } from "./exhibit-pdf-checks.js";
import type { CheckResult, VerifyReport } from "./verify.js";
import { MAX_PDF_BYTES } from "./verify-exhibit-files.js";
import { checkExhibitNatives, NATIVES_CHECK } from "./verify-exhibit-natives.js";

const run = promisify(execFile);

const CHECKS = {
  "pdf-readable": "the exhibit is a readable PDF with its provenance record",
  "one-revision": "the PDF is the one revision this tool wrote, every byte accounted for (no incremental update, nothing inserted)",
  "body-as-written": "the pages, attachments and bookmarks are the bytes written (their SHA-256 matches the one in the PDF's metadata)",
  "no-active-content": "the PDF holds no JavaScript or actions (/OpenAction, /AA, /JS, /Launch, forms that submit)",
  "attachments-intact": "each attached file has the SHA-256 written in its file specification",
  "attachments-complete":
    "exactly the attachments the provenance record lists: each with that hash (or said to be withheld), no other, none twice",
  natives: NATIVES_CHECK,
  "cover-sheet": "the cover sheet shows the SHA-256 of each source",
  manifest: "the exhibit and its sources match the bundle's manifest.json (when given, or found beside the exhibit)",
  anchor: "what anchors this PDF beyond its own contents (the manifest given, its RFC 3161 token)",
} as const;
type CheckName = keyof typeof CHECKS;

export interface ExhibitSourceReport {
  path: string;
  sha256: string;
  bytes: number;
  attached: boolean;
  /** The other part of a split exhibit that carries it. */
  attachedIn?: string;
  /** Where its bundle keeps it beside the exhibit (the court takes no embedded files). */
  native?: string;
}

export interface VerifyExhibitOptions {
  /**
   * The bundle's manifest.json (its text, and the name to show) to check the exhibit against; `found` when it was not
   * given but found beside the exhibit.
   */
  manifest?: { text: string; shown: string; path?: string; found?: boolean };
  /**
   * The manifest of the bundle the PDF sits in (exhibits/../manifest.json), used when none is given and the exhibit's
   * natives are kept beside it (they cannot be checked without it).
   */
  besideManifest?: { text: string; shown: string; path: string; found: true };
  /** Fail the `anchor` check when nothing outside the PDF anchors it. */
  requireAnchor?: boolean;
  /** Page 1's text; by default pdftotext's (a missing pdftotext is reported as "not checked"). */
  coverText?: (file: string) => Promise<string>;
}

async function pdftotextPage1(file: string): Promise<string> {
  const { stdout } = await run("pdftotext", ["-f", "1", "-l", "1", "-enc", "UTF-8", file, "-"], { maxBuffer: 16 << 20 });
  return stdout;
}

export async function verifyExhibit(
  file: string,
  shown: string,
  opts: VerifyExhibitOptions = {},
): Promise<VerifyReport & { sources: ExhibitSourceReport[] }> {
  const results = new Map<CheckName, CheckResult>();
  for (const [name, description] of Object.entries(CHECKS) as [CheckName, string][])
    results.set(name, { name, description, ok: true, problems: [] });
  const fail = (name: CheckName, problem: string) => {
    const r = results.get(name)!;
    r.ok = false;
    r.problems.push(problem);
  };
  const finish = (sources: ExhibitSourceReport[]) => {
    const checks = [...results.values()];
    return { bundle: shown, ok: checks.every((c) => c.ok), checks, sources };
  };
  const notChecked = (except: CheckName[]) => {
    for (const n of Object.keys(CHECKS) as CheckName[]) if (!except.includes(n)) fail(n, "not checked: the PDF could not be read");
  };

  const size = (await stat(file)).size;
  if (size > MAX_PDF_BYTES) {
    fail("pdf-readable", `${shown}: ${size} bytes, larger than any exhibit this tool writes; not read`);
    notChecked(["pdf-readable"]);
    return finish([]);
  }
  const bytes = await readFile(file);
  let extras: Awaited<ReturnType<typeof readPdfExtras>>;
  try {
    extras = await readPdfExtras(bytes, "ExhibitsProvenance", BODY_DIGEST_KEY);
  } catch (e) {
    fail("pdf-readable", `${shown}: not a readable PDF (${(e as Error).message.split("\n")[0]})`);
    notChecked(["pdf-readable"]);
    return finish([]);
  }
  // zod: loaded when a record is read
  const records = await import("../schema/records.js");
  const { describeProblem, exhibitProvenanceSchema, parseJson } = records;
  let prov: ExhibitProvenance | undefined;
  if (extras.info === undefined) {
    fail("pdf-readable", `${shown}: no provenance record in its metadata; was it made by exhibits 0.1 or later?`);
  } else {
    const parsed = parseJson(extras.info, exhibitProvenanceSchema);
    const malformed = `${shown}: its provenance record (/ExhibitsProvenance) is malformed`;
    if (parsed.ok) prov = parsed.value;
    else for (const p of parsed.problems) fail("pdf-readable", `${malformed}: ${describeProblem(p)}`);
  }
  const made = writtenAsMadeProblems(shown, extras);
  for (const p of made.structure) fail("one-revision", p);
  for (const p of made.active) fail("no-active-content", p);
  for (const p of made.body) fail("body-as-written", p);
  if (!made.body.length) results.get("body-as-written")!.detail = bodyDigestDetail(extras);
  if (!prov) notChecked(["pdf-readable", "attachments-intact", "one-revision", "no-active-content", "body-as-written"]);
  results.get("pdf-readable")!.detail = prov
    ? `Exhibit ${prov.exhibit} of case ${prov.case}, Bates ` +
      `${prov.bates.first}–${prov.bates.last}${prov.twin ? `, ${prov.twin} twin` : ""}, ${extras.pages} pages, made by ${prov.tool}`
    : undefined;

  // attachments-intact
  const byName = new Map<string, { sha256: string; bytes: number }>();
  for (const a of extras.attachments) {
    if (a.problem || !a.data) {
      fail("attachments-intact", `${a.name}: ${a.problem ?? "no data"}`);
      continue;
    }
    const actual = hexOf(sha256Bytes(a.data));
    if (!a.recordedSha256) fail("attachments-intact", `${a.name}: no SHA-256 in its file specification`);
    else if (a.recordedSha256 !== actual)
      fail("attachments-intact", `${a.name}: altered (sha256 ${actual}, its file specification records ${a.recordedSha256})`);
    byName.set(a.name, { sha256: actual, bytes: a.data.length });
  }
  results.get("attachments-intact")!.detail = `${extras.attachments.length} attached files re-hashed`;
  if (!prov) return finish([]);

  // attachments-complete (Part 2 and later of a split exhibit point to Part 1, which carries the originals)
  const laterPart = prov.volume && prov.volume.part > 1;
  const sources: ExhibitSourceReport[] = prov.sources.map((s) => ({
    path: s.path,
    sha256: hexOf(s.sha256),
    bytes: s.bytes,
    attached: s.attached,
    ...(s.attachedIn ? { attachedIn: s.attachedIn } : {}),
    ...(s.native ? { native: s.native } : {}),
  }));
  for (const s of prov.sources) {
    if (!s.attached) continue;
    const got = byName.get(attachmentName(s.path));
    if (!got) fail("attachments-complete", `${s.path}: listed as attached, but the PDF has no attachment ${attachmentName(s.path)}`);
    else if (got.sha256 !== hexOf(s.sha256))
      fail(
        "attachments-complete",
        `${s.path}: the attachment's SHA-256 ${got.sha256} differs from the provenance record's ${hexOf(s.sha256)}`,
      );
  }
  for (const p of unlistedAttachments(shown, extras, prov)) fail("attachments-complete", p);
  const elsewhere = prov.sources.filter((s) => !s.attached && s.attachedIn).length;
  const beside = prov.sources.filter((s) => !s.attached && s.native).length;
  // A sidecar (.meta.yaml) is the case team's note, listed with its hash and never attached to any twin.
  const sidecars = prov.sources.filter((s) => !s.attached && !s.attachedIn && !s.native && isSidecar(s.path)).length;
  const withheld = prov.sources.filter((s) => !s.attached && !s.attachedIn && !s.native && !isSidecar(s.path)).length;
  results.get("attachments-complete")!.detail =
    `${prov.sources.length - withheld - elsewhere - beside - sidecars} ` +
    `attached${elsewhere ? `, ${elsewhere} attached to the exhibit's other part(s)` : ""}` +
    `${beside ? `, ${beside} kept beside it in its bundle (the court takes no embedded files; see natives)` : ""}` +
    `${withheld ? `, ${withheld} withheld from this public copy (redacted; the sealed copy carries them)` : ""}` +
    `${sidecars ? `, ${sidecars} sidecar${sidecars === 1 ? "" : "s"} (.meta.yaml) listed, never attached` : ""}` +
    (prov.volume ? ` (Part ${prov.volume.part} of ${prov.volume.of})` : "");

  // cover-sheet
  const items = [...new Set(prov.sources.map((s) => s.item))];
  const itemHash = (item: string) => prov!.sources.find((s) => s.path === item)?.sha256;
  if (laterPart) results.get("cover-sheet")!.detail = "not applicable: the cover sheet opens Part 1";
  else
    try {
      const cover = (await (opts.coverText ?? pdftotextPage1)(file)).replace(/\s+/g, "");
      for (const item of items) {
        const h = itemHash(item);
        if (h && !cover.includes(hexOf(h))) fail("cover-sheet", `${item}: its SHA-256 ${hexOf(h)} is not on the cover sheet`);
      }
      results.get("cover-sheet")!.detail = `${items.length} source hash${items.length === 1 ? "" : "es"} found on page 1`;
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
      if (missing) results.get("cover-sheet")!.detail = "not checked: pdftotext (poppler-utils) is not installed";
      else fail("cover-sheet", `page 1 could not be read (${(e as Error).message.split("\n")[0]})`);
    }

  const given = opts.manifest ?? (prov.sources.some((s) => s.native) ? opts.besideManifest : undefined);
  const m = given ? parseManifest(given, records, (p) => fail("manifest", p)) : undefined;
  const entry = m?.exhibits.find((e) => e.label === prov!.exhibit);
  const matched = checkManifest({ ...opts, manifest: given }, m, entry, prov, bytes, file, shown, fail, results);
  const natives = await checkExhibitNatives(shown, prov, given ? { ...given, ...(entry ? { entry } : {}) } : undefined);
  for (const p of natives.problems) fail("natives", p);
  results.get("natives")!.detail = natives.detail || undefined;
  const anchor = await exhibitAnchor({
    ...(given?.path ? { manifest: { path: given.path, text: given.text } } : {}),
    ...(matched ? { matchedPath: matched } : {}),
    bytes,
  });
  for (const p of anchor.problems) fail("anchor", p);
  if (opts.requireAnchor && !anchor.anchored) fail("anchor", `${shown}: --require-anchor: ${anchor.detail}`);
  results.get("anchor")!.detail = anchor.detail;
  return finish(sources);
}

type Records = typeof import("../schema/records.js");

function parseManifest(given: { text: string; shown: string }, records: Records, fail: (p: string) => void): Manifest | undefined {
  const parsed = records.parseJson(given.text, records.manifestSchema);
  if (parsed.ok) return parsed.value;
  for (const p of parsed.problems) fail(`${given.shown}: ${records.describeProblem(p)}`);
  return undefined;
}

/** The `manifest` check; returns the manifest's path for the file when its SHA-256 matched. */
function checkManifest(
  opts: VerifyExhibitOptions,
  m: Manifest | undefined,
  entry: ManifestExhibit | undefined,
  prov: ExhibitProvenance,
  bytes: Uint8Array,
  file: string,
  shown: string,
  fail: (name: CheckName, problem: string) => void,
  results: Map<CheckName, CheckResult>,
): string | undefined {
  if (!opts.manifest) {
    results.get("manifest")!.detail = "not checked: no manifest given (--manifest <bundle>/manifest.json)";
    return undefined;
  }
  const itemHash = (item: string) => prov.sources.find((s) => s.path === item)?.sha256;
  if (m && !entry) fail("manifest", `${opts.manifest.shown} has no Exhibit ${prov.exhibit}`);
  if (m && m.case.id !== prov.case) fail("manifest", `${opts.manifest.shown} is for case ${m.case.id}, the exhibit for ${prov.case}`);
  if (!entry) return undefined;
  const actual = sha256Bytes(bytes);
  const files = entry.volumes?.map((v) => v.file) ?? [entry.file];
  const same = files.find((f) => basename(f.path) === basename(file)) ?? files.find((f) => f.sha256 === actual) ?? files[0]!;
  if (same.sha256 !== actual)
    fail("manifest", `${shown}: sha256 ${hexOf(actual)}, the manifest records ${hexOf(same.sha256)} for ${same.path}`);
  for (const s of entry.sources) {
    if (itemHash(s.path) !== s.sha256)
      fail(
        "manifest",
        `${s.path}: the manifest records ${hexOf(s.sha256)}, ` +
          `the exhibit ${itemHash(s.path) ? hexOf(itemHash(s.path)!) : "does not list it"}`,
      );
  }
  results.get("manifest")!.detail =
    `matches ${same.path} in ${opts.manifest.shown}${opts.manifest.found ? " (found beside the exhibit; --manifest gives another)" : ""}`;
  return same.sha256 === actual ? same.path : undefined;
}
