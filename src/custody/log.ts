/**
 * Chain-of-custody log, kept in the case folder as custody-log.jsonl and extended by each build: the
 * acquisition and ingestion of every evidence file (once, when first seen), redactions, and each build
 * with its inputs and outputs. Append-only: every line carries the SHA-256 of the line before it, so a
 * rewritten, removed or reordered past entry is detected (and refused) on the next run. Appending is
 * idempotent — an event identical to one already logged is not logged again — so rebuilding the same case
 * with the same SOURCE_DATE_EPOCH leaves the log, and the bundle, byte-identical.
 */
import { rename, writePieces } from "../util/fs.js";
import { readInputFile } from "../util/input-file.js";
import { join } from "node:path";
import { createHash, type Hash } from "node:crypto";
import type { CustodyEntry } from "../model/custody.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import { csvLine } from "../util/csv.js";

export const CUSTODY_FILE = "custody-log.jsonl";

export type NewCustodyEntry = Omit<CustodyEntry, "seq" | "prev">;

const CSV_HEADER = ["seq", "event", "item_id", "at_utc", "actor", "tool", "host", "inputs", "outputs", "details", "prev"];

/** The log as read (and as extended by appendCustody): what the next append and the CSV copy need. */
export interface CustodyLog {
  /** The file's bytes, in pieces (as read, then each append's lines): an append writes them followed by its own. */
  bytes: readonly Buffer[];
  count: number;
  /** Hex SHA-256 of the last line: the next entry's `prev` ("" for an empty log). */
  lastHash: string;
  /** Each entry's identity (everything but seq, host and prev), as a digest: an event logged once is not logged again. */
  identities: ReadonlySet<string>;
  /** Every entry's CSV row, in order. */
  csvRows: string;
  /** The entries parsed in this run: all of them, unless a checkpoint vouched for those before. */
  entries: CustodyEntry[];
  /** False when the log is exactly the recalled checkpoint's (nothing to remember again). */
  changed: boolean;
  /** SHA-256 over `bytes` so far (copied before use): the checkpoint's digest without hashing the file again. */
  hash: Hash;
}

/**
 * What a build keeps of the log it left: the digest of its bytes and what was learnt from them. The next
 * build checks that the file still starts with exactly those bytes (one SHA-256 over the file instead of
 * parsing and hashing every line: a long-running Schedule A case's log grows by every build) and reads only
 * the lines after them. Any other change to the file, anywhere, fails the check: the whole chain is then
 * read and verified as if there were no checkpoint.
 */
export interface CustodyCheckpoint {
  bytes: number;
  sha256: string;
  count: number;
  lastHash: string;
  identities: string[];
  csvRows: string;
}

export interface CustodyCheckpoints {
  recall(): Promise<CustodyCheckpoint | undefined>;
  remember(checkpoint: CustodyCheckpoint): Promise<void>;
}

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/**
 * Read and check the chain: the whole of it, or what follows a checkpoint that vouches for the rest.
 * Throws InvalidInputError naming the first broken line.
 */
export async function readCustodyLog(caseDir: string, shown: string, checkpoints?: CustodyCheckpoints): Promise<CustodyLog> {
  const data = readLogFile(caseDir, shown);
  const empty: CustodyLog = {
    bytes: [],
    count: 0,
    lastHash: "",
    identities: new Set(),
    csvRows: "",
    entries: [],
    changed: false,
    hash: createHash("sha256"),
  };
  if (data === undefined || data.length === 0) return empty;
  const file = `${shown}/${CUSTODY_FILE}`;
  if (data[data.length - 1] !== 0x0a)
    throw new InvalidInputError({ file }, "the last line is incomplete (the log was cut or edited); restore it from a backup");
  const cp = await checkpoints?.recall();
  const hash = createHash("sha256"); // over the whole file, in one pass: the next checkpoint's digest
  let trusted = false;
  if (cp && cp.bytes > 0 && cp.bytes <= data.length && data[cp.bytes - 1] === 0x0a) {
    hash.update(data.subarray(0, cp.bytes));
    trusted = hash.copy().digest("hex") === cp.sha256;
    hash.update(data.subarray(cp.bytes));
  } else hash.update(data);
  const from = trusted ? cp : undefined; // what the checkpoint vouches for
  const start = from?.bytes ?? 0;
  const identities = new Set(from?.identities ?? []);
  const entries: CustodyEntry[] = [];
  let count = from?.count ?? 0;
  let prev = from?.lastHash ?? "";
  let csvRows = from?.csvRows ?? "";
  const lines =
    start === data.length
      ? []
      : data
          .subarray(start, data.length - 1)
          .toString("utf8")
          .split("\n");
  const records = lines.length ? await import("../schema/records.js") : undefined; // zod: loaded only when there are lines to read
  for (const line of lines) {
    const n = count + 1; // this line's number in the file
    const e = readEntry(records!, line, file, n);
    if (e.seq !== n)
      throw new InvalidInputError(
        { file, line: n, field: "seq" },
        `expected entry ${n}, found ${String(e.seq)}: an entry was removed, added or reordered`,
      );
    if (e.prev !== prev) {
      throw new InvalidInputError(
        { file, line: n - 1, field: "prev" },
        `entry ${n - 1} was changed after it was written (entry ${n} records a different hash for it); the chain of custody is broken ` +
          `from here`,
      );
    }
    entries.push(e);
    identities.add(identity(e));
    csvRows += csvRow(e);
    prev = sha256Hex(line);
    count = n;
  }
  return { bytes: [data], count, lastHash: prev, identities, csvRows, entries, changed: !trusted || entries.length > 0, hash };
}

/** The log's bytes, or undefined when there is none yet: only a regular file (never a link) at its place is read. */
function readLogFile(caseDir: string, shown: string): Buffer | undefined {
  try {
    return readInputFile(join(caseDir, CUSTODY_FILE), `${shown}/${CUSTODY_FILE}`, { noFollow: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** One line of the log, through its schema: a line that is not an entry as the build writes it is refused, naming the field. */
function readEntry(records: typeof import("../schema/records.js"), line: string, file: string, n: number): CustodyEntry {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    throw new InvalidInputError({ file, line: n }, "is not a JSON entry; the custody log must not be edited by hand");
  }
  const parsed = records.checkJson(data, records.custodyEntrySchema);
  if (parsed.ok) return parsed.value;
  const errors = parsed.problems.map((p) => new InvalidInputError({ file, line: n, ...(p.field ? { field: p.field } : {}) }, p.message));
  throw errors.length === 1 ? errors[0]! : new InvalidInputErrors(errors);
}

/** What makes two events the same event (seq, host and prev aside). */
function identity(e: NewCustodyEntry): string {
  return sha256Hex(JSON.stringify([e.event, e.item_id, e.at_utc, e.actor, e.tool, e.inputs, e.outputs, e.details]));
}

function csvRow(e: CustodyEntry): string {
  return csvLine([
    e.seq,
    e.event,
    e.item_id,
    e.at_utc,
    e.actor,
    e.tool,
    e.host,
    e.inputs.join(" "),
    e.outputs.join(" "),
    Object.entries(e.details)
      .map(([k, v]) => `${k}=${v}`)
      .join("; "),
    e.prev,
  ]);
}

/** Append the entries not already in the log (idempotent), atomically. Returns the log after appending. */
export async function appendCustody(caseDir: string, log: CustodyLog, fresh: NewCustodyEntry[]): Promise<CustodyLog> {
  const after = extendCustody(log, fresh);
  if (after !== log) await writeCustody(caseDir, after);
  return after;
}

/** The log as it would be with the entries not already in it (idempotent), in memory: nothing is written. */
export function extendCustody(log: CustodyLog, fresh: NewCustodyEntry[]): CustodyLog {
  const identities = new Set(log.identities);
  const toAdd = fresh.filter((e) => {
    const id = identity(e);
    return !identities.has(id) && (identities.add(id), true);
  });
  if (toAdd.length === 0) return log;
  const entries = [...log.entries];
  let { count, lastHash, csvRows } = log;
  let text = "";
  for (const e of toAdd) {
    const entry: CustodyEntry = {
      seq: count + 1,
      event: e.event,
      item_id: e.item_id,
      at_utc: e.at_utc,
      actor: e.actor,
      tool: e.tool,
      host: e.host,
      inputs: e.inputs,
      outputs: e.outputs,
      details: e.details,
      prev: lastHash,
    };
    const line = JSON.stringify(entry);
    text += line + "\n";
    entries.push(entry);
    csvRows += csvRow(entry);
    lastHash = sha256Hex(line);
    count++;
  }
  const added = Buffer.from(text, "utf8");
  const bytes = [...log.bytes, added];
  return { bytes, count, lastHash, identities, csvRows, entries, changed: true, hash: log.hash.copy().update(added) };
}

/** Write the whole log in place of the file, atomically (a new file renamed over the old one). */
async function writeCustody(caseDir: string, log: CustodyLog): Promise<void> {
  const path = join(caseDir, CUSTODY_FILE);
  const tmp = `${path}.writing`;
  await writePieces(tmp, log.bytes);
  await rename(tmp, path);
}

/** Keep the log's checkpoint for the next build (when it changed since the one recalled). */
export async function rememberCustody(log: CustodyLog, checkpoints: CustodyCheckpoints): Promise<void> {
  if (!log.changed || log.count === 0) return;
  await checkpoints.remember({
    bytes: log.bytes.reduce((n, b) => n + b.length, 0),
    sha256: log.hash.copy().digest("hex"),
    count: log.count,
    lastHash: log.lastHash,
    identities: [...log.identities],
    csvRows: log.csvRows,
  });
}

export function custodyCsv(log: CustodyLog): string {
  return csvLine(CSV_HEADER) + log.csvRows;
}
