/**
 * Known sources: a rebuild does not read an evidence image again when its stat (size, inode, modification and
 * change times) is as recorded, and gets the same items as reading it; a file rewritten in place is read again
 * even when its size and modification time are put back; a file changed moments ago is not recorded at all.
 */
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BuildCache, KnownSources } from "../../src/cache/index.js";
import { loadCase } from "../../src/case/index.js";
import { intakeEvidence } from "../../src/intake/index.js";
import type { KnownImage, KnownFiles } from "../../src/intake/sources/image.js";
import { copyFixture, tempDir } from "../helpers/cli.js";

const SHOT = "evidence/kpg/01-amazon-listing.png";
let caseDir: string;
let cacheDir: string;
const WHOLE_SECOND = 1_767_225_600;

/** A KnownSources that counts what it recalled. */
async function counting(): Promise<{ known: KnownFiles; recalled: Set<string>; sources: KnownSources }> {
  const sources = await KnownSources.open(new BuildCache(cacheDir), caseDir);
  const recalled = new Set<string>();
  const known: KnownFiles = {
    lookup: async (abs) => {
      const r = await sources.lookup(abs);
      if (r) recalled.add(abs.slice(caseDir.length + 1));
      return r;
    },
    remember: (abs, before, image: KnownImage) => sources.remember(abs, before, image),
    lookupSidecar: async (abs) => {
      const r = await sources.lookupSidecar(abs);
      if (r) recalled.add(abs.slice(caseDir.length + 1));
      return r;
    },
    rememberSidecar: (abs, before, sidecar) => sources.rememberSidecar(abs, before, sidecar),
  };
  return { known, recalled, sources };
}

async function intake() {
  const c = await counting();
  const result = await intakeEvidence(await loadCase(caseDir), { known: c.known });
  await c.sources.save();
  return { ...result, recalled: c.recalled };
}

beforeAll(async () => {
  caseDir = copyFixture();
  cacheDir = tempDir();
  utimesSync(join(caseDir, SHOT), WHOLE_SECOND, WHOLE_SECOND); // a time utimes can put back exactly
  await new Promise((r) => setTimeout(r, 2100)); // older than the racy window, so the first intake records them
});

describe("known sources", () => {
  it("recalls every unchanged image instead of reading it, with the same items as reading", async () => {
    const first = await intake();
    expect(first.recalled.size).toBe(0);
    const second = await intake();
    const images = first.items.filter((i) => i.payload.type === "image" && !i.id.includes("capture")).map((i) => i.source.path);
    expect(images.length).toBeGreaterThan(2);
    for (const p of images) expect(second.recalled.has(p), p).toBe(true);
    const sidecars = first.inputs.map((f) => f.path).filter((p) => p.endsWith(".meta.yaml"));
    expect(sidecars.length).toBeGreaterThan(2);
    for (const p of sidecars) expect(second.recalled.has(p), p).toBe(true);
    expect(second.items).toEqual(first.items);
    expect(second.inputs).toEqual(first.inputs);
  }, 60_000);

  it("reads again a file rewritten in place, even with its size and modification time put back", async () => {
    const abs = join(caseDir, SHOT);
    const before = statSync(abs);
    const bytes = readFileSync(abs);
    const recorded = await intake();
    expect(recorded.recalled.has(SHOT)).toBe(true);
    // Same length, one byte different (in the IEND chunk's CRC), the old modification time put back.
    const changed = Buffer.from(bytes);
    changed[changed.indexOf("IEND") + 4] ^= 0x01;
    try {
      writeFileSync(abs, changed);
      utimesSync(abs, WHOLE_SECOND, WHOLE_SECOND);
      expect([statSync(abs).size, statSync(abs).mtimeMs]).toEqual([before.size, before.mtimeMs]);
      // Read again, so the damage is found (naming the file); the old record would have hidden it.
      await expect(intake()).rejects.toThrow(/01-amazon-listing\.png: damaged PNG image/);
    } finally {
      writeFileSync(abs, bytes);
    }
  }, 60_000);

  it("reads again an edited sidecar: its new metadata is used, and a mistake in it is reported by line", async () => {
    const sidecar = join(caseDir, `${SHOT}.meta.yaml`);
    const original = readFileSync(sidecar, "utf8");
    expect((await intake()).recalled.has(`${SHOT}.meta.yaml`)).toBe(true);
    try {
      writeFileSync(sidecar, original.replace(/^title: .*$/m, "title: Retitled listing"));
      const edited = await intake();
      expect(edited.recalled.has(`${SHOT}.meta.yaml`)).toBe(false);
      expect(edited.items.find((i) => i.id === SHOT)!.title).toBe("Retitled listing");
      writeFileSync(sidecar, original.replace(/^capturedAt: .*$/m, "capturedAt: yesterday"));
      await expect(intake()).rejects.toThrow(/01-amazon-listing\.png\.meta\.yaml:5\b.*capturedAt/s);
    } finally {
      writeFileSync(sidecar, original);
    }
  }, 60_000);

  it("does not record a file changed within the last two seconds", async () => {
    await intake(); // record the restored file's new stat? It changed just now: not recorded
    const again = await intake();
    expect(again.recalled.has(SHOT)).toBe(false);
    await new Promise((r) => setTimeout(r, 2100));
    await intake(); // now old enough: recorded
    expect((await intake()).recalled.has(SHOT)).toBe(true);
  }, 60_000);
});
