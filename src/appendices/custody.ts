/**
 * Chain-of-custody log, kept in the case folder as custody-log.jsonl and extended by each build: the
 * acquisition and ingestion of every evidence file (once, when first seen), redactions, and each build
 * with its inputs and outputs. Append-only: every line carries the SHA-256 of the line before it, so a
 * rewritten, removed or reordered past entry is detected (and refused) on the next run. Appending is
 * idempotent — an event identical to one already logged is not logged again — so rebuilding the same case
 * with the same SOURCE_DATE_EPOCH leaves the log, and the bundle, byte-identical.
 */
import { readFile, rename, writeFile } from "../util/fs.js";
import { join } from "node:path";
import { CUSTODY_EVENTS, type CustodyEntry } from "../model/custody.js";
import { InvalidInputError } from "../util/errors.js";
import { hexOf, sha256Bytes } from "../util/hash.js";
import { writeCsv } from "../util/csv.js";

export const CUSTODY_FILE = "custody-log.jsonl";

export type NewCustodyEntry = Omit<CustodyEntry, "seq" | "prev">;

/** Read and check the whole chain. Throws InvalidInputError naming the first broken line. */
export async function readCustodyLog(caseDir: string, shown: string): Promise<CustodyEntry[]> {
  const text = await readFile(join(caseDir, CUSTODY_FILE), "utf8").catch(() => undefined);
  if (text === undefined || text === "") return [];
  const file = `${shown}/${CUSTODY_FILE}`;
  if (!text.endsWith("\n")) throw new InvalidInputError({ file }, "the last line is incomplete (the log was cut or edited); restore it from a backup");
  const lines = text.slice(0, -1).split("\n");
  const entries: CustodyEntry[] = [];
  let prev = "";
  for (const [i, line] of lines.entries()) {
    let e: CustodyEntry;
    try {
      e = JSON.parse(line) as CustodyEntry;
    } catch {
      throw new InvalidInputError({ file, line: i + 1 }, "is not a JSON entry; the custody log must not be edited by hand");
    }
    if (e.seq !== i + 1) throw new InvalidInputError({ file, line: i + 1, field: "seq" }, `expected entry ${i + 1}, found ${String(e.seq)}: an entry was removed, added or reordered`);
    if (!CUSTODY_EVENTS.includes(e.event)) throw new InvalidInputError({ file, line: i + 1, field: "event" }, `unknown event '${String(e.event)}'`);
    if (e.prev !== prev) {
      throw new InvalidInputError(
        { file, line: i, field: "prev" },
        `entry ${i} was changed after it was written (entry ${i + 1} records a different hash for it); the chain of custody is broken from here`,
      );
    }
    entries.push(e);
    prev = hexOf(sha256Bytes(line));
  }
  return entries;
}

function key(e: NewCustodyEntry): string {
  return JSON.stringify([e.event, e.item_id, e.at_utc, e.actor, e.tool, e.inputs, e.outputs, e.details]);
}

/** Append the entries not already in the log (idempotent). Returns the whole log after appending. */
export async function appendCustody(caseDir: string, existing: CustodyEntry[], fresh: NewCustodyEntry[]): Promise<CustodyEntry[]> {
  const seen = new Set(existing.map((e) => key(e)));
  const toAdd = fresh.filter((e) => {
    const k = key(e);
    return !seen.has(k) && (seen.add(k), true);
  });
  if (toAdd.length === 0) return existing;
  const all = [...existing];
  let prevLine = existing.length ? JSON.stringify(existing[existing.length - 1]) : undefined;
  let text = "";
  for (const e of toAdd) {
    const entry: CustodyEntry = {
      seq: all.length + 1,
      event: e.event,
      item_id: e.item_id,
      at_utc: e.at_utc,
      actor: e.actor,
      tool: e.tool,
      host: e.host,
      inputs: e.inputs,
      outputs: e.outputs,
      details: e.details,
      prev: prevLine === undefined ? "" : hexOf(sha256Bytes(prevLine)),
    };
    const line = JSON.stringify(entry);
    text += line + "\n";
    all.push(entry);
    prevLine = line;
  }
  const path = join(caseDir, CUSTODY_FILE);
  const before = await readFile(path, "utf8").catch(() => "");
  const tmp = `${path}.writing`;
  await writeFile(tmp, before + text);
  await rename(tmp, path);
  return all;
}

export function custodyCsv(entries: readonly CustodyEntry[]): string {
  return writeCsv(
    ["seq", "event", "item_id", "at_utc", "actor", "tool", "host", "inputs", "outputs", "details", "prev"],
    entries.map((e) => [e.seq, e.event, e.item_id, e.at_utc, e.actor, e.tool, e.host, e.inputs.join(" "), e.outputs.join(" "), Object.entries(e.details).map(([k, v]) => `${k}=${v}`).join("; "), e.prev]),
  );
}
