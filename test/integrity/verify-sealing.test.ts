/**
 * verify's Bates and page checks on twins (src/integrity/verify-bates.ts): a sealed tree holds only the exhibits filed
 * under seal, so it may skip the numbers of the others; a public tree holds a one-page slip sheet in the place of an
 * exhibit filed under seal, whose range spans the sealed pages. A gap anywhere else still fails.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyBundle, type VerifyReport } from "../../src/integrity/index.js";
import type { ExhibitProvenance } from "../../src/model/manifest.js";
import { blankPdf, editManifest, EXHIBIT_1, EXHIBIT_2, exhibitPdf, makeBundle, put } from "./synthetic.js";

const failed = (r: VerifyReport) => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems]));

const provenance = (label: string, bates: [string, string], twin: "public" | "sealed", slip = false): ExhibitProvenance => ({
  format: "exhibits-provenance/1",
  case: "test-case",
  exhibit: label,
  bates: { first: bates[0], last: bates[1] },
  twin,
  ...(slip ? { filedUnderSeal: true as const } : {}),
  tool: "exhibits 0.1.0",
  sources: [],
});

/** The synthetic bundle as the sealed tree holding Exhibit 2 only (VAL000003): Exhibit 1's numbers are skipped. */
async function sealedSubset() {
  const { dir } = await makeBundle();
  const ex2 = await put(
    dir,
    EXHIBIT_2,
    await exhibitPdf({ pages: 1, attachments: [], provenance: provenance("2", ["VAL000003", "VAL000003"], "sealed") }),
  );
  const bundle = await put(dir, "bundle.pdf", await blankPdf(1));
  rmSync(join(dir, EXHIBIT_1));
  editManifest(dir, (m) => {
    m.twin = "sealed";
    m.redactions = 0;
    m.exhibits = [{ ...m.exhibits[1], file: ex2 }];
    m.bates = { ...m.bates, first: "VAL000003", last: "VAL000003", pages: 1 };
    m.bundle = { file: bundle, pages: 1 };
    m.outputs = m.outputs.filter((f: { path: string }) => ![EXHIBIT_1, EXHIBIT_2, "bundle.pdf"].includes(f.path)).concat([ex2, bundle]);
  });
  return dir;
}

/** The synthetic bundle as the public tree: Exhibit 1 (VAL000001–VAL000002) filed under seal, a one-page slip sheet here. */
async function publicWithSlip(slipPages = 1) {
  const { dir } = await makeBundle();
  const slip = await put(
    dir,
    EXHIBIT_1,
    await exhibitPdf({ pages: slipPages, attachments: [], provenance: provenance("1", ["VAL000001", "VAL000002"], "public", true) }),
  );
  const ex2 = await put(
    dir,
    EXHIBIT_2,
    await exhibitPdf({ pages: 1, attachments: [], provenance: provenance("2", ["VAL000003", "VAL000003"], "public") }),
  );
  const bundle = await put(dir, "bundle.pdf", await blankPdf(2));
  editManifest(dir, (m) => {
    m.twin = "public";
    m.redactions = 0;
    m.exhibits[0] = { ...m.exhibits[0], file: slip, pages: 1, sources: [], filedUnderSeal: { pages: 2 } };
    m.exhibits[1] = { ...m.exhibits[1], file: ex2 };
    m.bundle = { file: bundle, pages: 2 };
    m.outputs = m.outputs
      .filter((f: { path: string }) => ![EXHIBIT_1, EXHIBIT_2, "bundle.pdf"].includes(f.path))
      .concat([slip, ex2, bundle]);
  });
  return dir;
}

describe("verify on twins: the sealed tree's subset, the public tree's slip sheets", () => {
  it("accepts a sealed tree that skips the numbers of exhibits it does not hold", async () => {
    const dir = await sealedSubset();
    const r = await verifyBundle(dir, dir, { expectTwin: "sealed" });
    expect(failed(r)).toEqual({});
    expect(r.checks.find((c) => c.name === "page-counts")!.detail).toBe(
      "1 exhibits, 1 pages; the sealed tree holds the exhibits filed under seal",
    );
  });

  it("still fails the same gap in a tree that is not the sealed twin, and an overlap in the sealed one", async () => {
    const dir = await sealedSubset();
    editManifest(dir, (m) => {
      m.bates.first = "VAL000001";
      delete m.twin;
      delete m.redactions;
    });
    const single = failed(await verifyBundle(dir, dir));
    expect(single["bates-gapless"]).toEqual([`Exhibit 2 (${EXHIBIT_2}): starts at VAL000003, expected VAL000001 (gap)`]);
    const back = await sealedSubset();
    editManifest(back, (m) => (m.bates.first = "VAL000004"));
    expect(failed(await verifyBundle(back, back))["bates-gapless"]).toEqual([
      `Exhibit 2 (${EXHIBIT_2}): starts at VAL000003, expected no earlier than VAL000004 (overlap)`,
    ]);
  });

  it("accepts a one-page slip sheet whose range spans the sealed pages, in the public tree only", async () => {
    const dir = await publicWithSlip();
    const r = await verifyBundle(dir, dir, { expectTwin: "public" });
    expect(failed(r)).toEqual({});
    expect(r.checks.find((c) => c.name === "page-counts")!.detail).toBe("2 exhibits, 2 pages; 1 filed under seal (slip sheets)");
    editManifest(dir, (m) => (m.twin = "sealed"));
    expect(failed(await verifyBundle(dir, dir))["bates-gapless"]).toContain(
      `Exhibit 1 (${EXHIBIT_1}): a slip sheet for an exhibit filed under seal, in the sealed tree`,
    );
  });

  it("names a slip sheet of more than one page, and a public tree whose slip sheet leaves a gap", async () => {
    const dir = await publicWithSlip(2);
    editManifest(dir, (m) => (m.exhibits[0].pages = 2));
    expect(failed(await verifyBundle(dir, dir))["page-counts"]).toContain(
      `Exhibit 1 (${EXHIBIT_1}): a slip sheet has one page, the manifest says 2`,
    );
    const gap = await publicWithSlip();
    editManifest(gap, (m) => {
      m.exhibits[0].bates.last = "VAL000001";
      m.exhibits[0].filedUnderSeal.pages = 1;
      m.bates.pages = 2;
    });
    expect(failed(await verifyBundle(gap, gap))["bates-gapless"]).toEqual([
      `Exhibit 2 (${EXHIBIT_2}): starts at VAL000003, expected VAL000002 (gap)`,
    ]);
  });
});
