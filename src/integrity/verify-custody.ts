/**
 * verify's `custody-log` check: the copy of the chain-of-custody log in the tree (appendices/custody-log.csv) records
 * each exhibit file of the tree as the build that made the tree rendered it, and that build's bundle. The log is the
 * case's whole history (each build appends its events, an event already logged is not logged again), so the rows held
 * to the files are those of this build: its `rendered` rows (one per exhibit and tree, at the manifest's builtAt, naming
 * the file as `<twin>/exhibits/…` when the build wrote twins) must list the SHA-256 of every file of the exhibit, its
 * Bates range and its pages; its `built` row the SHA-256 of bundle.pdf (of each part). Every disagreement names the
 * line, what it says and what the file is. A tree without the log (identity sealing keeps it in the sealed tree only)
 * is not failed.
 */
import { BUNDLE_FILE, CUSTODY_CSV_FILE, type Manifest } from "../model/manifest.js";
import type { StoredFile } from "../model/digest.js";
import { columnIndex, CsvError, parseCsv } from "../util/csv.js";
import { readRegular } from "./bundle-files.js";

/** The log of a long-running Schedule A case is tens of megabytes; a much larger one is refused unread. */
const LOG_LIMIT = 1 << 30;

export interface CustodyInput {
  dir: string;
  manifest: Manifest;
  present: ReadonlySet<string>;
  actual: ReadonlyMap<string, StoredFile>;
}

interface Row {
  line: number;
  seq: string;
  event: string;
  item: string;
  at: string;
  outputs: string[];
  details: Map<string, string>;
}

/** The details column: `key=value; key=value` (a value may itself hold "=" but the build never writes "; " in one). */
function details(cell: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of cell.split("; ")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

/** Digests as the other checks print them: the hex alone, space-separated. */
const hexes = (digests: readonly string[]) => digests.map((d) => d.replace(/^sha256:/, "")).join(" ");

export async function checkCustody(input: CustodyInput): Promise<{ problems: string[]; detail: string }> {
  const { dir, manifest, present, actual } = input;
  const file = CUSTODY_CSV_FILE;
  if (!manifest.outputs.some((f) => f.path === file) || !present.has(file))
    return { problems: [], detail: "this tree carries no copy of the custody log" };
  const text = await readRegular(dir, file, LOG_LIMIT).then(
    (b) => b.toString("utf8"),
    (e: Error) => e,
  );
  if (text instanceof Error) return { problems: [text.message], detail: "not read" };
  let table: ReturnType<typeof parseCsv>;
  try {
    // Only this build's rows are kept: the log of a long case holds every earlier build's.
    let atColumn: number | undefined;
    table = parseCsv(text, ",", {
      keep: (cells, header) => cells[(atColumn ??= columnIndex(header, "at_utc"))] === manifest.builtAt,
    });
  } catch (e) {
    if (e instanceof CsvError) return { problems: [`${file} line ${e.line}: ${e.message}`], detail: "not read" };
    throw e;
  }
  const col = (name: string) => columnIndex(table.header, name);
  const cols = {
    seq: col("seq"),
    event: col("event"),
    item: col("item_id"),
    at: col("at_utc"),
    outputs: col("outputs"),
    details: col("details"),
  };
  const missing = Object.entries(cols).filter(([, i]) => i < 0);
  if (missing.length)
    return {
      problems: [`${file}: has no column ${missing.map(([k]) => k).join(", ")} (its header: ${table.header.join(", ")})`],
      detail: "not read",
    };
  const rows: Row[] = table.rows.map((r) => ({
    line: r.line,
    seq: r.cells[cols.seq] ?? "",
    event: r.cells[cols.event] ?? "",
    item: r.cells[cols.item] ?? "",
    at: r.cells[cols.at] ?? "",
    outputs: (r.cells[cols.outputs] ?? "").split(" ").filter(Boolean),
    details: details(r.cells[cols.details] ?? ""),
  }));
  const problems: string[] = [];
  const prefix = manifest.twin ? `${manifest.twin}/` : "";
  const rendered = new Map<string, Row[]>();
  for (const r of rows.filter((r) => r.event === "rendered")) rendered.set(r.item, [...(rendered.get(r.item) ?? []), r]);
  const where = (r: Row) => `${file} line ${r.line} (seq ${r.seq})`;
  let checked = 0;

  for (const e of [...manifest.exhibits].sort((a, b) => a.number - b.number)) {
    const paths = e.volumes?.map((v) => v.file.path) ?? [e.file.path];
    const now = paths.map((p) => actual.get(p)?.sha256);
    if (!now.every(Boolean)) continue; // a missing or unreadable file is files-present's or hashes-match's to name
    const item = prefix + paths[0]!;
    const candidates = rendered.get(item) ?? [];
    if (!candidates.length) {
      problems.push(
        `${file}: has no 'rendered' entry of this build (at ${manifest.builtAt}) for ${item}, Exhibit ${e.label}; the file is in the tree`,
      );
      continue;
    }
    checked++;
    const want = {
      outputs: now.join(" "),
      bates: `${e.bates.first}-${e.bates.last}`,
      pages: String(e.pages),
      exhibit: e.label,
    };
    const differences = (r: Row) => {
      const d: string[] = [];
      if (r.outputs.join(" ") !== want.outputs)
        d.push(
          `records its PDF${paths.length > 1 ? "s" : ""} as ${hexes(r.outputs) || "(none)"}; ` +
            `the file${paths.length > 1 ? "s have" : " has"} ${hexes(now as string[])}`,
        );
      for (const key of ["exhibit", "bates", "pages"] as const)
        if (r.details.get(key) !== want[key]) d.push(`records ${key} ${r.details.get(key) ?? "(none)"}; the manifest says ${want[key]}`);
      return d;
    };
    // An exhibit rebuilt to a state already logged at this time is not logged again: any of this build's rows may be its.
    if (candidates.some((r) => differences(r).length === 0)) continue;
    const last = candidates[candidates.length - 1]!;
    problems.push(`${where(last)}: rendering ${item} (Exhibit ${e.label}): ${differences(last).join("; ")}`);
  }

  // This build's own entry lists the bundle it wrote.
  const bundles = manifest.bundle.volumes?.length ? manifest.bundle.volumes.map((v) => v.file.path) : [BUNDLE_FILE];
  const built = rows.filter((r) => r.event === "built" && r.item === manifest.case.id);
  if (!built.length) problems.push(`${file}: has no 'built' entry of this build (case ${manifest.case.id}, at ${manifest.builtAt})`);
  else
    for (const path of bundles) {
      const digest = actual.get(path)?.sha256;
      if (!digest) continue;
      if (!built.some((r) => r.outputs.includes(digest)))
        problems.push(
          `${where(built[built.length - 1]!)}: this build's entry does not list ${prefix}${path} as it is (SHA-256 ${digest.slice(7)}); ` +
            `it lists ${built[built.length - 1]!.outputs.length} other file digest(s)`,
        );
    }
  return { problems, detail: `${checked} exhibit file(s) and the bundle held to this build's entries (at ${manifest.builtAt})` };
}
