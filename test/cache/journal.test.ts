/**
 * The build cache's journal: the small entries a build used, kept in one file for the next build of the
 * case. Entries come back from it as they were written; an entry's file is marked as in use (for prune) at
 * most once a day, and the journal remembers that it was; a damaged journal is no journal.
 */
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BuildCache } from "../../src/cache/index.js";
import { tempDir } from "../helpers/cli.js";

const CASE = "/cases/one";
const LONG_AGO = 1_600_000_000; // 2020: older than a day

describe("build cache journal", () => {
  it("gives back what the last build used, from one file, even when an entry's own file is gone", async () => {
    const dir = tempDir();
    const first = new BuildCache(dir);
    await first.openJournal(CASE);
    await first.writeJson("pages", "a".repeat(64), { value: 3 });
    await first.saveJournal();
    rmSync(first.path("pages", "a".repeat(64)));
    const next = new BuildCache(dir);
    await next.openJournal(CASE);
    expect(await next.readJson("pages", "a".repeat(64))).toEqual({ value: 3 });
    expect(next.summary()).toBe("pages 1/1");
    // Another case's journal is another file: nothing of this one is in it.
    const other = new BuildCache(dir);
    await other.openJournal("/cases/two");
    expect(await other.readJson("pages", "a".repeat(64))).toBeUndefined();
  });

  it("marks an entry in use at most once a day, and remembers having done so", async () => {
    const dir = tempDir();
    const key = "b".repeat(64);
    const first = new BuildCache(dir);
    await first.openJournal(CASE);
    await first.writeJson("exhibit", key, { path: "/x" });
    await first.saveJournal();
    // A journal written long ago: its entry's file was last marked then.
    const journalKey = BuildCache.key("journal", CASE);
    const stored = JSON.parse(readFileSync(first.path("journal", journalKey)).subarray(32).toString("utf8")) as [string, string, number][];
    await first.write("journal", journalKey, JSON.stringify(stored.map(([id, text]) => [id, text, LONG_AGO * 1000])));
    const file = first.path("exhibit", key);
    utimesSync(file, LONG_AGO, LONG_AGO);

    const second = new BuildCache(dir);
    await second.openJournal(CASE);
    await second.readJson("exhibit", key);
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 60_000); // marked in use
    await second.saveJournal();

    utimesSync(file, LONG_AGO, LONG_AGO);
    const third = new BuildCache(dir);
    await third.openJournal(CASE);
    await third.readJson("exhibit", key);
    expect(statSync(file).mtimeMs).toBe(LONG_AGO * 1000); // not again: the journal knows it was marked today
  });

  it("ignores a damaged journal", async () => {
    const dir = tempDir();
    const first = new BuildCache(dir);
    await first.openJournal(CASE);
    await first.writeJson("pages", "c".repeat(64), { value: 1 });
    await first.saveJournal();
    const path = first.path("journal", BuildCache.key("journal", CASE));
    const bytes = readFileSync(path);
    bytes[bytes.length - 2] ^= 0xff;
    writeFileSync(path, bytes);
    rmSync(first.path("pages", "c".repeat(64)));
    const next = new BuildCache(dir);
    await next.openJournal(CASE);
    expect(await next.readJson("pages", "c".repeat(64))).toBeUndefined();
  });
});
