/**
 * A cache entry is sealed to its name: its header is the SHA-256 of its kind, its key and its content's digest. An
 * intact entry put under another entry's name (moved, swapped, copied, planted) reads as a miss and is removed, as
 * a damaged one does; a folder entry's index names the entry it was made for.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BuildCache, cacheKey } from "../../src/cache/index.js";
import { tempDir } from "../helpers/cli.js";

const A = cacheKey("pages", new Uint8Array([1]));
const B = cacheKey("pages", new Uint8Array([2]));

describe("cache entries sealed to their names", () => {
  it("reads back what was written, and nothing under another name", async () => {
    const cache = new BuildCache(tempDir());
    await cache.write("pages", A, "for A");
    expect((await cache.read("pages", A))?.toString()).toBe("for A");
    mkdirSync(dirname(cache.path("pages", B)), { recursive: true });
    copyFileSync(cache.path("pages", A), cache.path("pages", B));
    expect(await cache.read("pages", B)).toBeUndefined();
    expect(existsSync(cache.path("pages", B))).toBe(false); // removed
    expect((await cache.read("pages", A))?.toString()).toBe("for A");
  });

  it("an entry of one kind copied under the same key of another kind is a miss", async () => {
    const cache = new BuildCache(tempDir());
    const key = cacheKey("exhibit", { parts: ["x"], info: {} });
    await cache.writeJson("exhibit", key, { path: "/x" });
    const asBundle = cache.path("bundle", key as never);
    mkdirSync(dirname(asBundle), { recursive: true });
    copyFileSync(cache.path("exhibit", key), asBundle);
    expect(await cache.readJson("bundle", key as never)).toBeUndefined();
  });

  it("a damaged entry is a miss (one byte of its content, or of its seal)", async () => {
    const cache = new BuildCache(tempDir());
    await cache.write("pages", A, "content of A");
    for (const at of [3, 70]) {
      const bytes = readFileSync(cache.path("pages", A));
      bytes[at]! ^= 1;
      writeFileSync(cache.path("pages", A), bytes);
      expect(await cache.read("pages", A)).toBeUndefined();
      await cache.write("pages", A, "content of A");
    }
  });

  it("a folder entry moved to another entry's name is a miss; under its own, a hit", async () => {
    const dir = tempDir();
    const cache = new BuildCache(dir);
    const k1 = cacheKey("parts", {
      twin: "public",
      legend: null,
      footers: [],
      exhibit: 1,
      items: [],
      cover: "",
      bates: 1,
      partPages: 1,
      partBytes: 1,
    });
    const k2 = cacheKey("parts", {
      twin: "public",
      legend: null,
      footers: [],
      exhibit: 2,
      items: [],
      cover: "",
      bates: 1,
      partPages: 1,
      partBytes: 1,
    });
    await cache.writeFolder("parts", k1, async (folder) => {
      writeFileSync(join(folder, "0001.pdf"), "one");
      return { parts: ["0001.pdf"] };
    });
    const fresh = () => new BuildCache(dir);
    expect((await fresh().readFolder("parts", k1))?.index).toEqual({ parts: ["0001.pdf"] });
    mkdirSync(dirname(cache.path("parts", k2)), { recursive: true });
    cpSync(cache.path("parts", k1), cache.path("parts", k2), { recursive: true });
    renameSync(cache.path("parts", k1), `${cache.path("parts", k1)}.away`);
    expect(await fresh().readFolder("parts", k2)).toBeUndefined();
    expect(existsSync(cache.path("parts", k2))).toBe(false);
  });

  it("a cache folder that cannot be written: writes are dropped with one warning, folder entries spill to the build's own", async () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "");
    const cache = new BuildCache(file, join(tempDir(), "spill"));
    await cache.write("pages", A, "x");
    await cache.write("pages", B, "y");
    const k = cacheKey("parts", {
      twin: "public",
      legend: null,
      footers: [],
      exhibit: 3,
      items: [],
      cover: "",
      bates: 1,
      partPages: 1,
      partBytes: 1,
    });
    const stored = await cache.writeFolder("parts", k, async (folder) => {
      writeFileSync(join(folder, "0001.pdf"), "three");
      return { parts: 1 };
    });
    expect(readFileSync(join(stored.dir, "0001.pdf"), "utf8")).toBe("three");
    expect(cache.warning()).toMatch(
      /^warning \(cache\): the cache folder .*a-file could not be written \(ENOTDIR\); .*give another --cache$/,
    );
  });
});
