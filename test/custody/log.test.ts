import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  appendCustody,
  custodyCsv,
  readCustodyLog,
  rememberCustody,
  CUSTODY_FILE,
  type CustodyCheckpoint,
  type CustodyCheckpoints,
  type NewCustodyEntry,
} from "../../src/custody/log.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";
import { tempDir } from "../helpers/cli.js";

const ev = (item: string, at = "2026-01-01T00:00:00Z"): NewCustodyEntry => ({
  event: "ingested",
  item_id: item,
  at_utc: at,
  actor: "system",
  tool: "exhibits test",
  host: "h",
  inputs: [`sha256:${"a".repeat(64)}`],
  outputs: [],
  details: { bytes: "1" },
});

async function logWith(n: number): Promise<string> {
  const dir = tempDir();
  await appendCustody(
    dir,
    await readCustodyLog(dir, "case"),
    Array.from({ length: n }, (_, i) => ev(`evidence/f${i}.png`)),
  );
  return dir;
}

const lines = (dir: string) => readFileSync(join(dir, CUSTODY_FILE), "utf8").slice(0, -1).split("\n");
const setLines = (dir: string, l: string[]) => writeFileSync(join(dir, CUSTODY_FILE), l.join("\n") + "\n");

describe("chain-of-custody log", () => {
  it("appends entries chained by the hash of the previous line", async () => {
    const dir = await logWith(3);
    const log = await readCustodyLog(dir, "case");
    expect(log.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(log.entries[0].prev).toBe("");
    expect(log.entries[1].prev).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is idempotent: the same events are not logged twice, new ones are appended", async () => {
    const dir = await logWith(2);
    const before = readFileSync(join(dir, CUSTODY_FILE), "utf8");
    const log = await readCustodyLog(dir, "case");
    await appendCustody(dir, log, [ev("evidence/f0.png"), ev("evidence/f1.png")]);
    expect(readFileSync(join(dir, CUSTODY_FILE), "utf8")).toBe(before);
    const after = await appendCustody(dir, log, [ev("evidence/f1.png"), ev("evidence/new.png")]);
    expect(after.entries.map((e) => e.item_id)).toEqual(["evidence/f0.png", "evidence/f1.png", "evidence/new.png"]);
    expect((await readCustodyLog(dir, "case")).count).toBe(3);
  });

  it("detects a rewritten past entry, naming its line", async () => {
    const dir = await logWith(4);
    const l = lines(dir);
    l[1] = l[1].replace("evidence/f1.png", "evidence/other.png");
    setLines(dir, l);
    await expect(readCustodyLog(dir, "case")).rejects.toThrow(/custody-log\.jsonl:2 .*entry 2 was changed after it was written/);
  });

  it("detects a removed or reordered entry", async () => {
    const dir = await logWith(4);
    const l = lines(dir);
    setLines(dir, [l[0], l[2], l[3]]);
    await expect(readCustodyLog(dir, "case")).rejects.toThrow(/:2 \(field seq\): expected entry 2, found 3/);
    setLines(dir, [l[0], l[2], l[1], l[3]]);
    await expect(readCustodyLog(dir, "case")).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("detects a truncated log and a hand-edited line that is not JSON", async () => {
    const dir = await logWith(2);
    writeFileSync(join(dir, CUSTODY_FILE), readFileSync(join(dir, CUSTODY_FILE), "utf8").slice(0, -10));
    await expect(readCustodyLog(dir, "case")).rejects.toThrow(/last line is incomplete/);
    const dir2 = await logWith(2);
    setLines(dir2, ["{not json", ...lines(dir2).slice(1)]);
    await expect(readCustodyLog(dir2, "case")).rejects.toThrow(/:1: is not a JSON entry/);
  });

  it("reads each line through the entry schema, naming line and field; the last line too (no later line chains it)", async () => {
    const dir = await logWith(2);
    const l = lines(dir);
    setLines(dir, [l[0], l[1].replace('"event":"ingested"', '"event":"deleted"')]);
    await expect(readCustodyLog(dir, "case")).rejects.toThrow(
      new InvalidInputError({ file: `case/${CUSTODY_FILE}`, line: 2, field: "event" }, "unknown event 'deleted'"),
    );
    setLines(dir, [l[0], l[1].replace('"details":{"bytes":"1"}', '"details":{"bytes":1}')]);
    await expect(readCustodyLog(dir, "case")).rejects.toThrow(/custody-log\.jsonl:2 \(field details\.bytes\): expected string, got 1$/);
    setLines(dir, [l[0], l[1].replace('"host":"h",', '"host":"h","note":"added by hand",')]);
    await expect(readCustodyLog(dir, "case")).rejects.toThrow(/custody-log\.jsonl:2: unknown field 'note'$/);
    setLines(dir, [l[0], l[1].replace('"actor":"system",', "").replace('"seq":2', '"seq":"2"')]);
    const e = await readCustodyLog(dir, "case").then(
      () => new Error("expected the log to be refused"),
      (err: Error) => err,
    );
    expect(e).toBeInstanceOf(InvalidInputErrors);
    expect(e.message.split("\n")).toEqual([
      `case/${CUSTODY_FILE}:2 (field seq): expected number, got "2"`,
      `case/${CUSTODY_FILE}:2 (field actor): missing; this field is required`,
    ]);
  });

  it("renders as CSV with one row per entry", async () => {
    const dir = await logWith(2);
    const csv = custodyCsv(await readCustodyLog(dir, "case"));
    expect(csv.split("\r\n")[0]).toBe("seq,event,item_id,at_utc,actor,tool,host,inputs,outputs,details,prev");
    expect(csv.trim().split("\r\n")).toHaveLength(3);
  });

  describe("checkpoints", () => {
    /** Checkpoints kept in memory, counting recalls. */
    const memory = () => {
      let kept: CustodyCheckpoint | undefined;
      return {
        recall: async () => kept && structuredClone(kept),
        remember: async (c: CustodyCheckpoint) => void (kept = structuredClone(c)),
      } satisfies CustodyCheckpoints;
    };

    it("reads only the lines after the checkpoint, and knows the same as a full read", async () => {
      const dir = await logWith(5);
      const cp = memory();
      await rememberCustody(await readCustodyLog(dir, "case", cp), cp);
      const appended = await appendCustody(dir, await readCustodyLog(dir, "case", cp), [ev("evidence/late.png"), ev("evidence/f2.png")]);
      expect(appended.count).toBe(6); // f2 was logged already
      await rememberCustody(appended, cp);
      await appendCustody(dir, await readCustodyLog(dir, "case", cp), [ev("evidence/later.png")]);
      const viaCheckpoint = await readCustodyLog(dir, "case", cp);
      expect(viaCheckpoint.entries.map((e) => e.item_id)).toEqual(["evidence/later.png"]); // only what came after
      const full = await readCustodyLog(dir, "case");
      expect(full.entries).toHaveLength(7);
      expect(viaCheckpoint.count).toBe(full.count);
      expect(viaCheckpoint.lastHash).toBe(full.lastHash);
      expect([...viaCheckpoint.identities].sort()).toEqual([...full.identities].sort());
      expect(custodyCsv(viaCheckpoint)).toBe(custodyCsv(full));
      // Idempotent through a checkpoint too: nothing already logged is logged again.
      const again = await appendCustody(dir, viaCheckpoint, [ev("evidence/f0.png"), ev("evidence/late.png")]);
      expect(again.count).toBe(7);
    });

    it("does not vouch for a log edited before its end: the whole chain is read, and the edit found", async () => {
      const dir = await logWith(4);
      const cp = memory();
      await rememberCustody(await readCustodyLog(dir, "case", cp), cp);
      const l = lines(dir);
      l[1] = l[1].replace("evidence/f1.png", "evidence/other.png");
      setLines(dir, l);
      await expect(readCustodyLog(dir, "case", cp)).rejects.toThrow(/custody-log\.jsonl:2 .*entry 2 was changed after it was written/);
    });

    it("names the line of a broken entry appended after the checkpoint", async () => {
      const dir = await logWith(3);
      const cp = memory();
      await rememberCustody(await readCustodyLog(dir, "case", cp), cp);
      setLines(dir, [...lines(dir), "{not json"]);
      await expect(readCustodyLog(dir, "case", cp)).rejects.toThrow(/custody-log\.jsonl:4: is not a JSON entry/);
    });
  });
});
