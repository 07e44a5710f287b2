/**
 * Known sources: a rebuild does not read an evidence image again when its stat (size, inode, modification and
 * change times) is as recorded, and gets the same items as reading it; a file rewritten in place is read again
 * even when its size and modification time are put back; a file changed moments ago is not recorded at all.
 * Above images and sidecars, whole readings: every candidate unchanged is recalled with the item reading
 * gives; a sidecar that appears, another case.yaml, or a touched file makes it read again.
 * It runs in the e2e tier: intake checks the fixture's PDFs with qpdf, a child process.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BuildCache, KnownSources } from "../../../src/cache/index.js";
import { loadCase } from "../../../src/case/index.js";
import { intakeEvidence } from "../../../src/intake/index.js";
import type { KnownImage, KnownFiles } from "../../../src/intake/known-files.js";
import { copyFixture, tempDir } from "../../helpers/cli.js";

const SHOT = "evidence/kpg/01-amazon-listing.png";
let caseDir: string;
let cacheDir: string;
const WHOLE_SECOND = 1_767_225_600;
/** KnownSources's racy window: a file changed less than this long before `Date.now()` is not trusted. */
const RACY_MS = 2000;

/**
 * Waiting out the racy window, without the wait: the clock KnownSources reads (Date, whole milliseconds) is set so
 * that every file changed before this call is older than the window, and every file changed after it younger. The
 * file system stamps changes with a clock of its own: a probe file is written until its change time passes a whole
 * millisecond, and the cut is put there.
 */
function letFilesAge(): void {
  const probe = join(tempDir(), "tick");
  writeFileSync(probe, "");
  const cut = Math.ceil(statSync(probe).ctimeMs); // every earlier change is stamped at or before it
  for (let n = 0; statSync(probe).ctimeMs <= cut; n++) writeFileSync(probe, String(n)); // every later one after it
  vi.setSystemTime(cut + RACY_MS);
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterAll(() => {
  vi.useRealTimers();
});

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
  letFilesAge(); // older than the racy window, so the first intake records them
});

describe("known sources", () => {
  it("recalls every unchanged image instead of reading it, with the same items as reading", async () => {
    const first = await intake();
    // Nothing is recalled but, at most, the one sidecar read twice in this very intake (two test buys are picked from
    // one export): whether its second reading finds the first one's record depends on the order the reads finish.
    const sharedSidecar = "evidence/kpg/03-test-buy/Retail.OrderHistory.1.csv.meta.yaml";
    expect([...first.recalled].filter((p) => p !== sharedSidecar)).toEqual([]);
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
    letFilesAge();
    await intake(); // now old enough: recorded
    expect((await intake()).recalled.has(SHOT)).toBe(true);
  }, 60_000);
});

describe("whole readings", () => {
  let dir: string;
  let cache: string;
  const CHAT = "evidence/kpg/06-instagram-dm/kpgboutique_17841400000000001/message_1.json";
  const PDF = "evidence/kpg/03-test-buy/03-order-receipt.pdf";
  const STOREFRONT = "evidence/kpg/02-amazon-storefront.png";

  /** One intake with the build's KnownSources under `context`; how many candidates it recalled whole, of how many. */
  async function intakeWith(context = "case-1") {
    const buildCache = new BuildCache(cache);
    const sources = await KnownSources.open(buildCache, dir, context);
    let changed = 0;
    const result = await intakeEvidence(await loadCase(dir), { known: sources, changed: () => changed++ });
    await sources.save();
    const m = /readings (\d+)\/(\d+)/.exec(buildCache.summary());
    return { ...result, recalled: Number(m?.[1] ?? 0), candidates: Number(m?.[2] ?? 0), changed };
  }

  beforeAll(async () => {
    dir = copyFixture();
    cache = tempDir();
    letFilesAge(); // older than the racy window
  });

  it("recalls every unchanged candidate whole (text, PDF, thread, image), with the items reading gives", async () => {
    const first = await intakeWith();
    expect(first.recalled).toBe(0);
    expect(first.changed).toBe(1); // the first candidate found new says so, once
    const second = await intakeWith();
    expect(second.candidates).toBeGreaterThan(8);
    expect(second.recalled).toBe(second.candidates);
    expect(second.changed).toBe(0);
    const plain = await intakeEvidence(await loadCase(dir)); // no cache at all
    expect(second.items).toEqual(plain.items);
    expect(second.inputs).toEqual(plain.inputs);
    for (const id of [CHAT, PDF, STOREFRONT])
      expect(
        second.items.some((i) => i.id === id),
        id,
      ).toBe(true);
  }, 60_000);

  it("reads again a candidate whose sidecar appeared, and uses it", async () => {
    const sidecar = join(dir, `${STOREFRONT}.meta.yaml`);
    const original = readFileSync(sidecar, "utf8");
    rmSync(sidecar);
    try {
      letFilesAge();
      const without = await intakeWith();
      expect(without.recalled).toBe(without.candidates - 1); // the storefront's files changed (its sidecar is gone)
      expect(without.items.find((i) => i.id === STOREFRONT)!.sidecar).toBeUndefined();
      writeFileSync(sidecar, original.replace(/^title: .*$/m, "title: Storefront, as added"));
      const withIt = await intakeWith();
      expect(withIt.recalled).toBe(withIt.candidates - 1);
      expect(withIt.changed).toBe(1);
      expect(withIt.items.find((i) => i.id === STOREFRONT)!.title).toBe("Storefront, as added");
    } finally {
      writeFileSync(sidecar, original);
    }
  }, 60_000);

  it("takes a chat's attachment for no change: it is never read as itself, so it has no reading to compare", async () => {
    const folder = join(dir, "evidence/kpg/07-whatsapp");
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(dir, STOREFRONT), join(folder, "00000042-PHOTO-2026-03-10-09-16-40.png"));
    writeFileSync(
      join(folder, "chat.txt"),
      "[10/03/26, 09:16:05] Store KPG: New stock today\n[10/03/26, 09:16:40] Store KPG: <attached: " +
        "00000042-PHOTO-2026-03-10-09-16-40.png>\n[10/03/26, 09:17:02] Buyer: how much for 10?\n",
    );
    try {
      letFilesAge();
      const first = await intakeWith();
      const chat = first.items.find((i) => i.id === "evidence/kpg/07-whatsapp/chat.txt")!;
      expect(chat.related?.map((f) => f.path)).toEqual(["evidence/kpg/07-whatsapp/00000042-PHOTO-2026-03-10-09-16-40.png"]);
      expect(first.items.some((i) => i.id.endsWith(".png") && i.id.includes("07-whatsapp"))).toBe(false); // consumed, not an item
      const again = await intakeWith();
      expect(again.recalled).toBe(again.candidates);
      expect(again.changed).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it("recalls nothing under another case.yaml; a file only touched is read again, and is no change", async () => {
    letFilesAge(); // the sidecar restored above is old enough to be recorded
    await intakeWith();
    const other = await intakeWith("case-2");
    expect(other.recalled).toBe(0);
    expect(other.changed).toBe(1); // nothing to compare with under another case.yaml: a change
    const pdf = join(dir, PDF);
    writeFileSync(pdf, readFileSync(pdf)); // same bytes, new stat
    const touched = await intakeWith("case-2");
    expect(touched.recalled).toBe(touched.candidates - 1);
    expect(touched.changed).toBe(0);
  }, 60_000);
});
