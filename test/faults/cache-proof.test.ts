/**
 * The cache and the previous bundle never change what a bundle says. From the fault case (both twins), each
 * rebuild below must write exactly what a build without any cache writes, and verify:
 * - an exhibit damaged in place (one byte, same size and inode, its mtime put back: bit rot, `cp -p` over it);
 * - two output folders built from one cache: they share no file (no inode), so editing one never changes the other;
 * - cache entries of every kind swapped, copied over one another or truncated (the journal removed): each is a miss;
 * - a read-only cache (a tmpfs remounted read-only, where the test can mount one), a cache naming a file, a deleted
 *   cache: the build goes on, with one warning when it could not store.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashTree, tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";
import { reused } from "../helpers/cache-line.js";
import { CASE_ID, writeFaultCase } from "./fault-case.js";

let caseDir = "";
let root = "";
/** The bundle of a build with no cache at all: what every build here must equal. */
let clean: Record<string, string> = {};

async function build(out: string, cache?: string | false): Promise<string> {
  const r = await runBuild({ caseDir, out, ...(cache !== undefined ? { cache } : {}) });
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.code, r.stderr).toBe(0);
  return r.stderr;
}

const bundle = (out: string) => join(out, CASE_ID);

async function expectClean(out: string): Promise<void> {
  expect(hashTree(bundle(out))).toEqual(clean);
  const v = await runVerify(bundle(out));
  expect(v.code, v.stdout).toBe(0);
}

/** Every file of a bundle (through its link) as device:inode → path. */
function inodes(out: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else found.set(`${s.dev}:${s.ino}`, p);
    }
  };
  walk(realpathSync(bundle(out)));
  return found;
}

/** The cache's entries by kind: each a file, or a folder (a folder entry). */
function entries(cache: string): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  for (const kind of readdirSync(cache)) {
    const dir = join(cache, kind);
    if (!statSync(dir).isDirectory()) continue;
    const list = readdirSync(dir)
      .flatMap((shard) => readdirSync(join(dir, shard)).map((n) => join(dir, shard, n)))
      .filter((p) => !p.endsWith(".tmp"))
      .sort();
    if (list.length) kinds.set(kind, list);
  }
  return kinds;
}

beforeAll(async () => {
  ({ caseDir } = await writeFaultCase());
  root = tempDir("exhibits-cache-proof-");
  await build(join(root, "clean"), false);
  clean = hashTree(bundle(join(root, "clean")));
}, 300_000);

describe("reuse only what is proven", () => {
  it("rebuilds an exhibit damaged in place (same size, inode and mtime): the bundle verifies and equals a clean build", async () => {
    const out = join(root, "rot");
    await build(out);
    const dir = join(bundle(out), "public", "exhibits");
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".pdf"))!);
    const before = statSync(file, { bigint: true });
    const fd = openSync(file, "r+");
    const at = Number(before.size / 2n);
    const byte = Buffer.alloc(1);
    const read = readFileSync(file);
    byte[0] = read[at]! ^ 0x20;
    writeSync(fd, byte, 0, 1, at);
    closeSync(fd);
    // The modification time put back to the nanosecond (as `cp -p` or a backup restore does).
    const ns = statSync(file, { bigint: true }).mtimeNs === before.mtimeNs ? undefined : before.mtimeNs;
    if (ns !== undefined) {
      const at = `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, "0")}`;
      expect(spawnSync("touch", ["-m", "-d", at, file]).status).toBe(0);
    }
    const after = statSync(file, { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    const log = await build(out);
    expect(reused(log, "exhibit").hits).toBeGreaterThan(0); // the others were reused
    await expectClean(out);
  }, 300_000);

  it("two output folders built from one cache share no file, and each equals a clean build", async () => {
    const cache = join(root, "shared-cache");
    const [one, two] = [join(root, "one"), join(root, "two")];
    await build(one, cache);
    const log = await build(two, cache);
    expect(reused(log, "exhibit").hits).toBeGreaterThan(0); // reused from the first folder, as copies
    const a = inodes(one);
    const shared = [...inodes(two)].filter(([ino]) => a.has(ino)).map(([, p]) => p);
    expect(shared).toEqual([]);
    await expectClean(one);
    await expectClean(two);
    // Annotating a file of one folder leaves the other's alone.
    const exhibits = join(bundle(one), "public", "exhibits");
    const name = readdirSync(exhibits).find((f) => f.endsWith(".pdf"))!;
    writeFileSync(join(exhibits, name), Buffer.concat([readFileSync(join(exhibits, name)), Buffer.from("%% note\n")]));
    expect(hashTree(bundle(two))).toEqual(clean);
  }, 300_000);

  const damages = {
    swapped: (list: string[]) => {
      // Each pair of entries of a kind trade names (files or whole folder entries).
      for (let i = 0; i + 1 < list.length; i += 2) {
        const [a, b] = [list[i]!, list[i + 1]!];
        renameSync(a, `${a}.swap`);
        renameSync(b, a);
        renameSync(`${a}.swap`, b);
      }
      return list.length >= 2;
    },
    copied: (list: string[]) => {
      // The first entry of a kind copied over every other (a synced or planted entry under another's name).
      for (const other of list.slice(1)) {
        rmSync(other, { recursive: true, force: true });
        cpSync(list[0]!, other, { recursive: true });
      }
      return list.length >= 2;
    },
    truncated: (list: string[]) => {
      const cut = (p: string) => {
        if (statSync(p).isDirectory()) for (const n of readdirSync(p)) cut(join(p, n));
        else truncateSync(p, Math.floor(statSync(p).size / 2));
      };
      for (const p of list) cut(p);
      return true;
    },
  };

  for (const [how, damage] of Object.entries(damages)) {
    it(`serves no cache entry ${how} (every kind, the journal removed): the rebuild equals a clean build`, async () => {
      const out = join(root, `damaged-${how}`);
      const cache = join(root, `cache-${how}`);
      await build(out, cache);
      const kinds = entries(cache);
      if (how !== "truncated") rmSync(join(cache, "journal"), { recursive: true, force: true });
      const damaged = [...kinds].filter(([kind, list]) => (how === "truncated" || kind !== "journal") && damage(list)).map(([k]) => k);
      // The kinds a bundle of both twins is made from, each damaged (a kind with a single entry cannot be swapped).
      for (const kind of ["render", "parts", "exhibit", "appendix", "pages"]) expect(damaged).toContain(kind);
      await build(out, cache);
      await expectClean(out);
    }, 300_000);
  }
});

describe("a cache that cannot be written costs speed, never the build", () => {
  it("a cache named by a file: the build goes on with one warning and equals a clean build", async () => {
    const file = join(root, "not-a-folder");
    writeFileSync(file, "");
    const log = await build(join(root, "file-cache"), file);
    expect(log.split("\n").filter((l) => l.startsWith("warning (cache):"))).toHaveLength(1);
    expect(log).toMatch(/warning \(cache\): the cache folder .*not-a-folder could not be written \(ENOTDIR\)/);
    await expectClean(join(root, "file-cache"));
  }, 300_000);

  it("a deleted cache is a clean build", async () => {
    const out = join(root, "deleted");
    await build(out);
    rmSync(join(out, ".cache"), { recursive: true, force: true });
    const log = await build(out);
    expect(log).not.toContain("warning (cache)");
    await expectClean(out);
  }, 300_000);

  const mnt = join(tempDir("exhibits-ro-cache-"), "mnt");
  mkdirSync(mnt);
  const mount = () => spawnSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt], { encoding: "utf8" });
  const probe = mount(); // mounted only while its test runs: unmounted at once here
  const canMount = probe.status === 0;
  if (canMount) spawnSync("umount", [mnt]);
  else console.warn(`read-only cache: not run here: cannot mount a tmpfs (${(probe.stderr || "").trim()})`);

  it.runIf(canMount)(
    "a read-only cache (EROFS): the build goes on with one warning and equals a clean build",
    async () => {
      expect(mount().status).toBe(0);
      const cache = join(mnt, "cache");
      try {
        await build(join(root, "ro-first"), cache);
        expect(existsSync(join(cache, "render"))).toBe(true);
        expect(spawnSync("mount", ["-o", "remount,ro", mnt]).status).toBe(0);
        try {
          const log = await build(join(root, "ro-second"), cache);
          expect(log.split("\n").filter((l) => l.startsWith("warning (cache):"))).toEqual([
            expect.stringMatching(/^warning \(cache\): the cache folder .* could not be written \(EROFS\)/),
          ]);
          await expectClean(join(root, "ro-second"));
        } finally {
          spawnSync("mount", ["-o", "remount,rw", mnt]);
        }
      } finally {
        spawnSync("umount", ["-l", mnt]);
      }
    },
    300_000,
  );
});
