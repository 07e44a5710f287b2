/**
 * "Never follow what you did not make": a symbolic link planted at a path the build writes (a written file, the
 * custody log's temporary, a cache entry, the bundle folder) is replaced or refused, and the file it pointed to,
 * outside the case, is byte for byte what it was. Reading the case's own files through a planted link is refused too.
 */
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BuildCache } from "../../src/cache/build-cache.js";
import { cacheKey } from "../../src/cache/recipes.js";
import { appendCustody, readCustodyLog } from "../../src/custody/log.js";
import { openSlot } from "../../src/output/index.js";
import { InvalidInputError } from "../../src/util/errors.js";
import { writeFile, writePieces } from "../../src/util/fs.js";
import { readInputFile } from "../../src/util/input-file.js";
import { tempDir } from "../helpers/cli.js";

const VICTIM = "a file outside the case that must not change\n";

/** A folder holding `case/` and, beside it, `outside/victim.txt`. */
function setting() {
  const root = tempDir("exhibits-excl-");
  const caseDir = join(root, "case");
  const outside = join(root, "outside");
  mkdirSync(caseDir);
  mkdirSync(outside);
  const victim = join(outside, "victim.txt");
  writeFileSync(victim, VICTIM);
  return { root, caseDir, outside, victim };
}

const entry = {
  event: "ingested" as const,
  item_id: "evidence/shop/a.png",
  at_utc: "2026-03-01T00:00:00Z",
  actor: "system",
  tool: "exhibits test",
  host: "test",
  inputs: [],
  outputs: [],
  details: {},
};

describe("writes never go through a planted link", () => {
  it("writeFile and writePieces replace a link at the path with a new file", async () => {
    const { caseDir, victim } = setting();
    for (const [name, write] of [
      ["a.txt", (p: string) => writeFile(p, "new")],
      ["b.txt", (p: string) => writePieces(p, [Buffer.from("new")])],
    ] as const) {
      const path = join(caseDir, name);
      symlinkSync(victim, path);
      await write(path);
      expect(lstatSync(path).isSymbolicLink()).toBe(false);
      expect(readFileSync(path, "utf8")).toBe("new");
    }
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
  });

  it("the custody log's temporary file planted as a link: the append replaces it, the target is untouched", async () => {
    const { caseDir, victim } = setting();
    symlinkSync(victim, join(caseDir, "custody-log.jsonl.writing"));
    const log = await readCustodyLog(caseDir, "case");
    await appendCustody(caseDir, log, [entry]);
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
    expect(readFileSync(join(caseDir, "custody-log.jsonl"), "utf8")).toContain('"seq":1');
    expect(lstatSync(join(caseDir, "custody-log.jsonl")).isSymbolicLink()).toBe(false);
  });

  it("the custody log itself as a link is refused, naming it", async () => {
    const { caseDir, victim } = setting();
    symlinkSync(victim, join(caseDir, "custody-log.jsonl"));
    await expect(readCustodyLog(caseDir, "case")).rejects.toThrow(/case\/custody-log\.jsonl: is a symbolic link/);
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
  });

  it("a cache entry planted as a link is a miss, and storing the entry replaces the link", async () => {
    const { root, victim } = setting();
    const cache = new BuildCache(join(root, "cache"));
    const key = cacheKey("pages", new Uint8Array([7]));
    const path = cache.path("pages", key);
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(victim, path);
    expect(await cache.read("pages", key)).toBeUndefined();
    await cache.write("pages", key, "entry");
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect((await cache.read("pages", key))?.toString()).toBe("entry");
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
  });

  it("a folder entry's temporary name is created exclusively; a link already at the entry's name is not written into", async () => {
    const { root, outside, victim } = setting();
    const cache = new BuildCache(join(root, "cache"));
    const key = cacheKey("parts", { parts: ["x"] } as never);
    const target = cache.path("parts", key);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(outside, target);
    const stored = await cache.writeFolder("parts", key, async (dir) => {
      writeFileSync(join(dir, "0001.pdf"), "part");
      return { parts: [] };
    });
    expect(stored.dir).not.toBe(outside);
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
    expect(() => lstatSync(join(outside, "0001.pdf"))).toThrow();
  });

  it("the bundle folder planted as a link to a folder outside: replaced by the build's own link, the outside untouched", async () => {
    const { root, outside, victim } = setting();
    const target = join(root, "out", "my-case");
    mkdirSync(dirname(target));
    symlinkSync(outside, target);
    const slot = await openSlot(join(root, "out"), "my-case");
    const version = await slot.begin();
    writeFileSync(join(version, "victim.txt"), "new bundle file");
    await slot.switchTo(version);
    expect(readlinkSync(target)).toBe(basename(version));
    expect(readFileSync(join(target, "victim.txt"), "utf8")).toBe("new bundle file");
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
  });

  it("an input read through readInputFile: a folder is named as one, a size over the bound is refused before reading", () => {
    const { caseDir } = setting();
    expect(() => readInputFile(caseDir, "case")).toThrow(/case: is a folder, not a regular file/);
    writeFileSync(join(caseDir, "big.yaml"), "x".repeat(2048));
    expect(() => readInputFile(join(caseDir, "big.yaml"), "big.yaml", { maxBytes: 1024, boundOf: "a sidecar" })).toThrow(InvalidInputError);
  });
});
