import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendCustody, custodyCsv, readCustodyLog, CUSTODY_FILE, type NewCustodyEntry } from "../../src/appendices/index.js";
import { InvalidInputError } from "../../src/util/errors.js";
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
  await appendCustody(dir, [], Array.from({ length: n }, (_, i) => ev(`evidence/f${i}.png`)));
  return dir;
}

const lines = (dir: string) => readFileSync(join(dir, CUSTODY_FILE), "utf8").slice(0, -1).split("\n");
const setLines = (dir: string, l: string[]) => writeFileSync(join(dir, CUSTODY_FILE), l.join("\n") + "\n");

describe("chain-of-custody log", () => {
  it("appends entries chained by the hash of the previous line", async () => {
    const dir = await logWith(3);
    const log = await readCustodyLog(dir, "case");
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(log[0].prev).toBe("");
    expect(log[1].prev).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is idempotent: the same events are not logged twice, new ones are appended", async () => {
    const dir = await logWith(2);
    const before = readFileSync(join(dir, CUSTODY_FILE), "utf8");
    const log = await readCustodyLog(dir, "case");
    await appendCustody(dir, log, [ev("evidence/f0.png"), ev("evidence/f1.png")]);
    expect(readFileSync(join(dir, CUSTODY_FILE), "utf8")).toBe(before);
    const after = await appendCustody(dir, log, [ev("evidence/f1.png"), ev("evidence/new.png")]);
    expect(after.map((e) => e.item_id)).toEqual(["evidence/f0.png", "evidence/f1.png", "evidence/new.png"]);
    expect((await readCustodyLog(dir, "case")).length).toBe(3);
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

  it("renders as CSV with one row per entry", async () => {
    const dir = await logWith(2);
    const csv = custodyCsv(await readCustodyLog(dir, "case"));
    expect(csv.split("\r\n")[0]).toBe("seq,event,item_id,at_utc,actor,tool,host,inputs,outputs,details,prev");
    expect(csv.trim().split("\r\n")).toHaveLength(3);
  });
});
