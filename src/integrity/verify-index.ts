/**
 * verify's `exhibit-index` check: the machine-readable indexes a tree carries say of each exhibit file what the file
 * itself is. appendices/exhibit-index.csv gives each exhibit's Bates range, pages, first page in the bundle, file(s)
 * and SHA-256(s); appendices/records-manifest.json (what the 902(11) notice offers for inspection) gives each exhibit's
 * Bates range and its files in this copy with their sizes and SHA-256, and this copy's certification. Each is held to
 * the files actually present (their digests as hashed by verify) and to the manifest's entry; every disagreement
 * names the file and line or entry, what disagrees, and both values. A tree built without an index is not failed.
 */
import { EXHIBIT_INDEX_CSV, RECORDS_MANIFEST_FILE, type Manifest, type ManifestExhibit } from "../model/manifest.js";
import type { StoredFile } from "../model/digest.js";
import { columnIndex, CsvError, parseCsv } from "../util/csv.js";
import { formulaSafe } from "../util/formula-safe.js";
import { readRegular } from "./bundle-files.js";

/** An index is a few megabytes for the largest case; a larger one is refused unread. */
const INDEX_LIMIT = 512 << 20;

export interface IndexInput {
  dir: string;
  manifest: Manifest;
  /** Files present in the tree. */
  present: ReadonlySet<string>;
  /** What each file listed in the manifest and present hashed to (its SHA-256 and size now). */
  actual: ReadonlyMap<string, StoredFile>;
}

export interface IndexFindings {
  problems: string[];
  detail: string;
}

const hex = (d: string) => d.replace(/^sha256:/, "");
const filesOf = (e: ManifestExhibit) => e.volumes?.map((v) => v.file.path) ?? [e.file.path];
const byNumber = (m: Manifest) => [...m.exhibits].sort((a, b) => a.number - b.number);

export async function checkIndexes(input: IndexInput): Promise<IndexFindings> {
  const problems: string[] = [];
  const said: string[] = [];
  const listed = new Set(input.manifest.outputs.map((f) => f.path));
  for (const [path, check] of [
    [EXHIBIT_INDEX_CSV, checkIndexCsv],
    [RECORDS_MANIFEST_FILE, checkRecordsManifest],
  ] as const) {
    if (!listed.has(path) || !input.present.has(path)) continue; // files-present names a listed file that is missing
    const text = await readRegular(input.dir, path, INDEX_LIMIT).then(
      (b) => b.toString("utf8"),
      (e: Error) => e,
    );
    if (text instanceof Error) {
      problems.push(text.message);
      continue;
    }
    const found = check(text, input);
    problems.push(...found.problems);
    said.push(found.detail);
  }
  return { problems, detail: said.length ? said.join("; ") : "this tree carries no exhibit index or records manifest" };
}

/** appendices/exhibit-index.csv: one row per source (a slip sheet's: one), each repeating its exhibit's facts. */
function checkIndexCsv(text: string, { manifest, actual }: IndexInput): IndexFindings {
  const file = EXHIBIT_INDEX_CSV;
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text, ",");
  } catch (e) {
    if (e instanceof CsvError) return { problems: [`${file} line ${e.line}: ${e.message}`], detail: `${file} not read` };
    throw e;
  }
  const columns = {
    label: "Exhibit",
    first: "First Bates",
    last: "Last Bates",
    pages: "Pages",
    bundlePage: "Bundle page",
    pdf: "Exhibit PDF",
    sha256: "Exhibit PDF SHA-256",
  } as const;
  const at = Object.fromEntries(Object.entries(columns).map(([k, name]) => [k, columnIndex(table.header, name)])) as Record<
    keyof typeof columns,
    number
  >;
  const missing = Object.entries(columns).filter(([k]) => at[k as keyof typeof columns] < 0);
  if (missing.length)
    return {
      problems: [`${file}: has no column ${missing.map(([, n]) => `'${n}'`).join(", ")} (its header: ${table.header.join(", ")})`],
      detail: `${file} not read`,
    };

  // What each exhibit's rows must say, from the manifest and the files present.
  const expected = new Map<string, { e: ManifestExhibit; cells: Record<Exclude<keyof typeof columns, "label">, string> }>();
  let page = 1;
  for (const e of byNumber(manifest)) {
    const paths = filesOf(e);
    const digests = paths.map((p) => actual.get(p)?.sha256);
    expected.set(e.label, {
      e,
      cells: {
        first: e.bates.first,
        last: e.bates.last,
        pages: String(e.filedUnderSeal?.pages ?? e.pages),
        bundlePage: String(page),
        pdf: paths.join(" + "),
        // A file that is missing or unreadable is files-present's or hashes-match's to name.
        sha256: digests.every(Boolean) ? digests.map((d) => hex(d!)).join(" + ") : "",
      },
    });
    page += e.pages;
  }
  const names: Record<Exclude<keyof typeof columns, "label">, string> = {
    first: "first Bates number",
    last: "last Bates number",
    pages: "page count",
    bundlePage: "first page in the bundle",
    pdf: "exhibit file",
    sha256: "exhibit PDF SHA-256",
  };
  /** Disagreements, each with the lines that say it: label → what → found → lines. */
  const wrong = new Map<string, Map<string, Map<string, number[]>>>();
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const row of table.rows) {
    const label = row.cells[at.label] ?? "";
    const want = expected.get(label);
    if (!want) {
      problems.push(`${file} line ${row.line}: lists Exhibit ${label}, which is not an exhibit of this tree's manifest`);
      continue;
    }
    seen.add(label);
    for (const key of Object.keys(names) as (keyof typeof names)[]) {
      const wanted = want.cells[key];
      if (key === "sha256" && wanted === "") continue;
      const got = row.cells[at[key]] ?? "";
      // The index writes its text cells formula-safe (a cell starting with = + - @ gets an apostrophe).
      if (got === wanted || got === formulaSafe(wanted)) continue;
      const byWhat = wrong.get(label) ?? new Map<string, Map<string, number[]>>();
      const byFound = byWhat.get(key) ?? new Map<string, number[]>();
      byFound.set(got, [...(byFound.get(got) ?? []), row.line]);
      byWhat.set(key, byFound);
      wrong.set(label, byWhat);
    }
  }
  for (const [label, byWhat] of wrong) {
    const { e, cells } = expected.get(label)!;
    for (const [key, byFound] of byWhat) {
      const what = names[key as keyof typeof names];
      const against =
        key === "sha256"
          ? `the file${filesOf(e).length > 1 ? "s" : ""} ${filesOf(e).join(" + ")} ` +
            `${filesOf(e).length > 1 ? "have" : "has"} ${cells.sha256}`
          : key === "bundlePage"
            ? `its pages start on page ${cells.bundlePage} of the bundle`
            : `the manifest says ${cells[key as keyof typeof cells] || "(none)"}`;
      for (const [found, lines] of byFound)
        problems.push(`${file} ${lineList(lines)} (Exhibit ${label}): gives its ${what} as ${found || "(empty)"}; ${against}`);
    }
  }
  for (const e of byNumber(manifest)) if (!seen.has(e.label)) problems.push(`${file}: has no row for Exhibit ${e.label} (${e.file.path})`);
  return { problems, detail: `${file}: ${table.rows.length} rows checked against ${expected.size} exhibits` };
}

function lineList(lines: number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const contiguous = lines.every((l, i) => i === 0 || l === lines[i - 1]! + 1);
  return contiguous ? `lines ${lines[0]}–${lines[lines.length - 1]}` : `lines ${lines.join(", ")}`;
}

interface RecordsFile {
  path: string;
  bytes: number;
  sha256: string;
}

const isFile = (v: unknown): v is RecordsFile =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as RecordsFile).path === "string" &&
  typeof (v as RecordsFile).bytes === "number" &&
  typeof (v as RecordsFile).sha256 === "string";

/**
 * appendices/records-manifest.json: each exhibit's Bates range and this copy's files (paths under public/ or sealed/
 * when the build wrote twins), and this copy's certification, each with size and SHA-256.
 */
function checkRecordsManifest(text: string, { manifest, actual }: IndexInput): IndexFindings {
  const file = RECORDS_MANIFEST_FILE;
  const problems: string[] = [];
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (e) {
    return { problems: [`${file}: not valid JSON (${(e as Error).message})`], detail: `${file} not read` };
  }
  const r = records as { format?: unknown; case?: { id?: unknown }; exhibits?: unknown; certification?: unknown };
  if (typeof records !== "object" || records === null || r.format !== "exhibits-records/1" || !Array.isArray(r.exhibits))
    return { problems: [`${file}: not a records manifest as this tool writes it (format exhibits-records/1, with exhibits)`], detail: "" };
  if (r.case?.id !== manifest.case.id) problems.push(`${file}: is of case ${String(r.case?.id)}; the manifest says ${manifest.case.id}`);
  const copy = manifest.twin === "sealed" ? "sealed" : "public";
  const prefix = manifest.twin ? `${manifest.twin}/` : "";
  const here = new Map(manifest.exhibits.map((e) => [e.label, e]));
  const entries = r.exhibits as { label?: unknown; bates?: { first?: unknown; last?: unknown }; public?: unknown; sealed?: unknown }[];
  const byLabel = new Map<string, (typeof entries)[number]>();
  const copyName = manifest.twin ? `${copy} copy` : "copy";

  const filesAgree = (where: string, listedFiles: unknown, e: ManifestExhibit) => {
    const paths = filesOf(e);
    if (!Array.isArray(listedFiles) || !listedFiles.every(isFile)) {
      problems.push(`${where}: its files are not listed as path, bytes and sha256`);
      return;
    }
    if (listedFiles.length !== paths.length)
      problems.push(`${where}: lists ${listedFiles.length} file(s); the manifest gives Exhibit ${e.label} ${paths.length}`);
    for (const [k, f] of listedFiles.entries()) {
      const path = paths[k];
      if (path === undefined) continue;
      if (f.path !== prefix + path) problems.push(`${where}: names the file ${f.path}; the manifest's is ${prefix}${path}`);
      const now = actual.get(path);
      if (!now) continue; // files-present or hashes-match names it
      if (hex(f.sha256) !== hex(now.sha256))
        problems.push(`${where}: gives ${prefix}${path} the SHA-256 ${hex(f.sha256)}; the file has ${hex(now.sha256)}`);
      if (f.bytes !== now.bytes) problems.push(`${where}: gives ${prefix}${path} ${f.bytes} bytes; the file has ${now.bytes}`);
    }
  };

  for (const [i, entry] of entries.entries()) {
    const label = typeof entry?.label === "string" ? entry.label : undefined;
    const where = `${file} exhibits[${i}]${label ? ` (Exhibit ${label})` : ""}`;
    if (!label) {
      problems.push(`${where}: has no label`);
      continue;
    }
    byLabel.set(label, entry);
    const e = here.get(label);
    const mine = entry[copy] as { files?: unknown; slipSheet?: unknown } | undefined;
    if (!e) {
      if (mine !== undefined) problems.push(`${where}: lists a ${copyName} of Exhibit ${label}, which this tree's manifest does not hold`);
      continue;
    }
    if (entry.bates?.first !== e.bates.first || entry.bates?.last !== e.bates.last)
      problems.push(
        `${where}: gives Bates ${String(entry.bates?.first)}–${String(entry.bates?.last)}; ` +
          `the manifest says ${e.bates.first}–${e.bates.last}`,
      );
    if (mine === undefined || typeof mine !== "object") {
      problems.push(`${where}: lists no ${copyName} of the exhibit; this tree holds ${filesOf(e).join(" + ")}`);
      continue;
    }
    if (copy === "public" && Boolean(mine.slipSheet) !== Boolean(e.filedUnderSeal))
      problems.push(
        `${where}: says the ${copyName} is ${mine.slipSheet ? "a slip sheet" : "the exhibit itself"}; the manifest says ` +
          `${e.filedUnderSeal ? "a slip sheet (filed under seal)" : "the exhibit itself"}`,
      );
    filesAgree(where, mine.files, e);
  }
  for (const e of byNumber(manifest))
    if (!byLabel.has(e.label)) problems.push(`${file}: has no entry for Exhibit ${e.label} (${e.file.path})`);

  // This copy's certification.
  const certs = Array.isArray(r.certification) ? r.certification : [];
  for (const [i, c] of certs.entries()) {
    const mineCopy = manifest.twin ?? "single";
    if (!isFile(c) || (c as { copy?: unknown }).copy !== mineCopy) continue;
    const path = c.path.startsWith(prefix) ? c.path.slice(prefix.length) : c.path;
    const now = actual.get(path);
    const where = `${file} certification[${i}]`;
    if (!now) problems.push(`${where}: names ${c.path}, which is not a file of this tree the manifest lists`);
    else if (hex(c.sha256) !== hex(now.sha256) || c.bytes !== now.bytes)
      problems.push(
        `${where}: gives ${c.path} ${c.bytes} bytes, SHA-256 ${hex(c.sha256)}; the file has ${now.bytes} bytes, ${hex(now.sha256)}`,
      );
  }
  return { problems, detail: `${file}: ${entries.length} exhibit entries checked` };
}
