/**
 * verify's exhibit-index and custody-log checks (src/integrity/verify-index.ts, verify-custody.ts) on the small
 * synthetic bundle of synthetic.ts, given the index, records manifest and custody log a build writes: each held to the
 * files present, each disagreement named by file and line with both values; a tree without them is not failed; only
 * this build's custody entries count, and any of them may be the file's (an exhibit rebuilt to a state logged before).
 */
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifyBundle, type VerifyReport } from "../../src/integrity/index.js";
import type { Manifest } from "../../src/model/manifest.js";
import { csvLine } from "../../src/util/csv.js";
import type { ExhibitProvenance } from "../../src/model/manifest.js";
import { EXHIBIT_1, EXHIBIT_2, editManifest, exhibitPdf, makeBundle, put, replaceListed } from "./synthetic.js";

/** Exhibit 2 as another build (another tool version) would write it: the same record, other bytes. */
function anotherExhibit2(): Promise<Uint8Array> {
  const provenance: ExhibitProvenance = {
    format: "exhibits-provenance/1",
    case: "test-case",
    exhibit: "2",
    bates: { first: "VAL000003", last: "VAL000003" },
    tool: "exhibits 0.0.9",
    sources: [],
  };
  return exhibitPdf({ pages: 1, attachments: [], provenance });
}

const check = (r: VerifyReport, name: string) => r.checks.find((c) => c.name === name)!;
const failed = (r: VerifyReport) => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems]));
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
const hex = (d: string) => d.slice(7);

const INDEX_HEADER = [
  "Exhibit",
  "Title",
  "Defendant",
  "First Bates",
  "Last Bates",
  "Pages",
  "Bundle page",
  "Source file",
  "Captured (UTC)",
  "Source SHA-256",
  "Exhibit PDF",
  "Exhibit PDF SHA-256",
];
const CUSTODY_HEADER = ["seq", "event", "item_id", "at_utc", "actor", "tool", "host", "inputs", "outputs", "details", "prev"];
const BUILT_AT = "2026-01-01T00:00:00Z";

/** The index a build writes for the synthetic bundle (one row per source; Exhibit 2 with two). */
function indexCsv(m: Manifest): string {
  const [e1, e2] = m.exhibits as [Manifest["exhibits"][number], Manifest["exhibits"][number]];
  const row = (e: typeof e1, page: number, source: string) =>
    csvLine([e.label, e.title, "x", e.bates.first, e.bates.last, e.pages, page, source, "", "", e.file.path, hex(e.file.sha256)]);
  return csvLine(INDEX_HEADER) + row(e1, 1, "evidence/kpg/listing.png") + row(e2, 3, "evidence/lux/chat.txt") + row(e2, 3, "photo.jpg");
}

/** A custody log of two builds: an earlier one (other digests) and this one (the files' own). */
function custodyCsv(m: Manifest, opts: { exhibit2?: string[]; bundle?: string } = {}): string {
  const rendered = (seq: number, at: string, e: Manifest["exhibits"][number], outputs: string[]) =>
    csvLine([
      seq,
      "rendered",
      e.file.path,
      at,
      "op",
      "exhibits 0.1.0",
      "vm",
      "",
      outputs.join(" "),
      `exhibit=${e.label}; bates=${e.bates.first}-${e.bates.last}; pages=${e.pages}`,
      "",
    ]);
  const zero = `sha256:${"0".repeat(64)}`;
  const [e1, e2] = m.exhibits as [Manifest["exhibits"][number], Manifest["exhibits"][number]];
  return (
    csvLine(CUSTODY_HEADER) +
    rendered(1, "2025-12-01T00:00:00Z", e1, [zero]) +
    rendered(2, BUILT_AT, e1, [e1.file.sha256]) +
    rendered(3, BUILT_AT, e2, opts.exhibit2 ?? [e2.file.sha256]) +
    csvLine([4, "built", "test-case", BUILT_AT, "op", "exhibits 0.1.0", "vm", "", opts.bundle ?? m.bundle.file.sha256, "trees=single", ""])
  );
}

/** The synthetic bundle with its index and custody log, listed in a resealed manifest. */
async function withRecords(custody?: (m: Manifest) => string) {
  const { dir } = await makeBundle();
  const m = manifestOf(dir);
  const files = [
    await put(dir, "appendices/exhibit-index.csv", indexCsv(m)),
    await put(dir, "appendices/custody-log.csv", custody ? custody(m) : custodyCsv(m)),
  ];
  editManifest(dir, (x) => (x.outputs = [...x.outputs, ...files]));
  return dir;
}

describe("verify: exhibit-index", () => {
  it("passes the index a build writes, and does not fail a tree without one", async () => {
    const dir = await withRecords();
    const r = await verifyBundle(dir, dir);
    expect(failed(r)).toEqual({});
    expect(check(r, "exhibit-index").detail).toBe("appendices/exhibit-index.csv: 3 rows checked against 2 exhibits");
    const { dir: bare } = await makeBundle();
    expect(check(await verifyBundle(bare, bare), "exhibit-index")).toMatchObject({
      ok: true,
      detail: "this tree carries no exhibit index or records manifest",
    });
  });

  it("names an exhibit replaced after the build, its rows once with their lines, and the index's own slips", async () => {
    const dir = await withRecords();
    const before = manifestOf(dir).exhibits[1]!.file.sha256;
    await replaceListed(dir, EXHIBIT_2, await anotherExhibit2());
    const after = manifestOf(dir).exhibits[1]!.file.sha256;
    expect(failed(await verifyBundle(dir, dir))["exhibit-index"]).toEqual([
      `appendices/exhibit-index.csv lines 3–4 (Exhibit 2): gives its exhibit PDF SHA-256 as ${hex(before)}; ` +
        `the file ${EXHIBIT_2} has ${hex(after)}`,
    ]);

    const slips = await withRecords();
    const m = manifestOf(slips);
    const text = readFileSync(join(slips, "appendices/exhibit-index.csv"), "utf8")
      .replace(`1,Amazon listing,x,VAL000001,VAL000002,2,1,`, `1,Amazon listing,x,VAL000001,VAL000009,2,2,`)
      .concat(csvLine(["7", "Planted", "x", "VAL000009", "VAL000009", 1, 9, "", "", "", EXHIBIT_1, hex(m.exhibits[0]!.file.sha256)]));
    const file = await put(slips, "appendices/exhibit-index.csv", text);
    editManifest(slips, (x) => (x.outputs = x.outputs.map((f: { path: string }) => (f.path === file.path ? file : f))));
    expect(failed(await verifyBundle(slips, slips))["exhibit-index"]).toEqual([
      "appendices/exhibit-index.csv line 5: lists Exhibit 7, which is not an exhibit of this tree's manifest",
      "appendices/exhibit-index.csv line 2 (Exhibit 1): gives its last Bates number as VAL000009; the manifest says VAL000002",
      "appendices/exhibit-index.csv line 2 (Exhibit 1): gives its first page in the bundle as 2; its pages start on page 1 of the bundle",
    ]);
  });
});

describe("verify: custody-log", () => {
  it("passes this build's entries, whatever earlier builds logged, and says what it held to them", async () => {
    const dir = await withRecords();
    const r = await verifyBundle(dir, dir);
    expect(check(r, "custody-log")).toMatchObject({
      ok: true,
      detail: `2 exhibit file(s) and the bundle held to this build's entries (at ${BUILT_AT})`,
    });
  });

  it("names an exhibit file and a bundle this build's entries do not record as they are", async () => {
    const zero = `sha256:${"0".repeat(64)}`;
    const dir = await withRecords((m) => custodyCsv(m, { exhibit2: [zero], bundle: zero }));
    const m = manifestOf(dir);
    expect(failed(await verifyBundle(dir, dir))["custody-log"]).toEqual([
      `appendices/custody-log.csv line 4 (seq 3): rendering ${EXHIBIT_2} (Exhibit 2): records its PDF as ${"0".repeat(64)}; ` +
        `the file has ${hex(m.exhibits[1]!.file.sha256)}`,
      `appendices/custody-log.csv line 5 (seq 4): this build's entry does not list bundle.pdf as it is (SHA-256 ` +
        `${hex(m.bundle.file.sha256)}); it lists 1 other file digest(s)`,
    ]);
  });

  it("takes any of this build's entries for a file (a state logged before is not logged again), and names a file with none", async () => {
    const zero = `sha256:${"0".repeat(64)}`;
    const twice = await withRecords((m) => {
      const log = custodyCsv(m);
      const e2 = m.exhibits[1]!;
      // The same time, a later entry with other digests: the exhibit went back to what seq 3 records.
      return log.concat(
        csvLine([5, "rendered", e2.file.path, BUILT_AT, "op", "t", "vm", "", zero, "exhibit=2; bates=VAL000003-VAL000003; pages=1", ""]),
      );
    });
    expect(check(await verifyBundle(twice, twice), "custody-log").ok).toBe(true);
    const none = await withRecords((m) =>
      custodyCsv(m).replace(`rendered,${EXHIBIT_2},${BUILT_AT}`, `rendered,${EXHIBIT_2},2025-12-01T00:00:00Z`),
    );
    expect(failed(await verifyBundle(none, none))["custody-log"]).toEqual([
      `appendices/custody-log.csv: has no 'rendered' entry of this build (at ${BUILT_AT}) for ${EXHIBIT_2}, Exhibit 2; ` +
        "the file is in the tree",
    ]);
  });
});
