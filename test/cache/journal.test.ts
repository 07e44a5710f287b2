/**
 * The build cache's journal: the small entries a build used, kept in one file for the next build of the
 * case. Entries come back from it as they were written; an entry's file is marked as in use (for prune) at
 * most once a day, and the journal remembers that it was; a damaged journal is no journal.
 */
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BuildCache, cacheKey, type CacheKey } from "../../src/cache/index.js";
import { tempDir } from "../helpers/cli.js";

const CASE = "/cases/one";
const LONG_AGO = 1_600_000_000; // 2020: older than a day
const A = cacheKey("pages", new Uint8Array([1]));
const C = cacheKey("pages", new Uint8Array([3]));

/** A build of CASE that wrote one small entry and saved its journal; and a cache opened on the same folder after it. */
async function builtWith(kind: "pages" | "exhibit", key: CacheKey<"pages" | "exhibit">, value: unknown) {
  const dir = tempDir();
  const first = new BuildCache(dir);
  await first.openJournal(CASE);
  await first.writeJson(kind, key, value);
  await first.saveJournal();
  const reopen = async (name = CASE) => {
    const next = new BuildCache(dir);
    await next.openJournal(name);
    return next;
  };
  return { first, reopen };
}

describe("build cache journal", () => {
  it("gives back what the last build used, from one file, even when an entry's own file is gone", async () => {
    const { first, reopen } = await builtWith("pages", A, { value: 3 });
    rmSync(first.path("pages", A));
    const next = await reopen();
    expect(await next.readJson("pages", A)).toEqual({ value: 3 });
    expect(next.summary()).toBe("pages 1/1");
    // Another case's journal is another file: nothing of this one is in it.
    const other = await reopen("/cases/two");
    expect(await other.readJson("pages", A)).toBeUndefined();
  });

  it("marks an entry in use at most once a day, and remembers having done so", async () => {
    const key = cacheKey("exhibit", { parts: ["b"], info: {} });
    const { first, reopen } = await builtWith("exhibit", key, { path: "/x" });
    // A journal written long ago: its entry's file was last marked then.
    const journalKey = cacheKey("journal", { case: CASE });
    const stored = JSON.parse(readFileSync(first.path("journal", journalKey)).subarray(64).toString("utf8")) as [string, string, number][];
    await first.write("journal", journalKey, JSON.stringify(stored.map(([id, text]) => [id, text, LONG_AGO * 1000])));
    const file = first.path("exhibit", key);
    utimesSync(file, LONG_AGO, LONG_AGO);

    const second = await reopen();
    await second.readJson("exhibit", key);
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 60_000); // marked in use
    await second.saveJournal();

    utimesSync(file, LONG_AGO, LONG_AGO);
    const third = await reopen();
    await third.readJson("exhibit", key);
    expect(statSync(file).mtimeMs).toBe(LONG_AGO * 1000); // not again: the journal knows it was marked today
  });

  it("ignores a damaged journal", async () => {
    const { first, reopen } = await builtWith("pages", C, { value: 1 });
    const path = first.path("journal", cacheKey("journal", { case: CASE }));
    const bytes = readFileSync(path);
    bytes[bytes.length - 2] ^= 0xff;
    writeFileSync(path, bytes);
    rmSync(first.path("pages", C));
    const next = await reopen();
    expect(await next.readJson("pages", C)).toBeUndefined();
  });
});
