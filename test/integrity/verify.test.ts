/**
 * verify on a bundle folder (src/integrity/verify.ts): every named check, on small bundles made in-process
 * (test/integrity/synthetic.ts), good and tampered. A malformed manifest is a failing check that names the
 * entry and field, never an exception: verify's report is not ok, which the CLI turns into exit 4.
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verify } from "../../src/commands/verify.js";
import { verifyBundle, type VerifyReport } from "../../src/integrity/index.js";
import {
  blankPdf,
  bundleExhibitPdf,
  editManifest,
  EXHIBIT_1,
  EXHIBIT_2,
  makeBundle,
  put,
  replaceListed,
  writeManifestText,
} from "./synthetic.js";

const NAMES = [
  "regular-files",
  "manifest-readable",
  "manifest-digest",
  "files-present",
  "sizes-match",
  "hashes-match",
  "no-unlisted-files",
  "bates-gapless",
  "page-counts",
  "exhibit-pdfs",
  "twin",
  "provenance",
  "exhibit-index",
  "custody-log",
  "bundle-pages",
  "bundle-signature",
  "timestamps",
  "anchor",
];

const check = (r: VerifyReport, name: string) => r.checks.find((c) => c.name === name)!;
/** The checks that failed, each with its problems. */
const failed = (r: VerifyReport) => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems]));

describe("verifyBundle: a good bundle", () => {
  it("passes every check, in the documented order, and says what it looked at", async () => {
    const { dir } = await makeBundle();
    const r = await verifyBundle(dir, "out/test-case");
    expect(r.bundle).toBe("out/test-case");
    expect(r.checks.map((c) => c.name)).toEqual(NAMES);
    expect(failed(r)).toEqual({});
    expect(r.ok).toBe(true);
    expect(check(r, "files-present").detail).toBe("4 of 4 files");
    expect(check(r, "hashes-match").detail).toBe("4 files hashed");
    expect(check(r, "page-counts").detail).toBe("2 exhibits, 3 pages");
    expect(check(r, "bundle-signature").detail).toBe("bundle.pdf is not signed");
    expect(check(r, "timestamps").detail).toBe("not timestamped (no TSA configured for this build)");
  });
});

describe("verifyBundle: manifest-readable", () => {
  it("names the entry and field of a malformed manifest, leaves the other checks unchecked, and does not throw", async () => {
    const { dir } = await makeBundle();
    editManifest(dir, (m) => (m.exhibits[0].bates.first = 7));
    const r = await verifyBundle(dir, dir);
    expect(r.ok).toBe(false);
    expect(check(r, "manifest-readable").problems).toEqual(["manifest.json: exhibits[0].bates.first: expected string, got 7"]);
    expect(check(r, "manifest-digest").ok).toBe(true);
    for (const name of NAMES.slice(3)) expect(check(r, name).problems).toEqual(["not checked: manifest.json could not be read"]);
  });

  it("reports every malformed field at once", async () => {
    const { dir } = await makeBundle();
    editManifest(dir, (m) => {
      delete m.exhibits[1].file;
      m.outputs[0].bytes = "12";
      m.outputs[2].path = "../../etc/passwd";
    });
    expect(check(await verifyBundle(dir, dir), "manifest-readable").problems).toEqual([
      "manifest.json: exhibits[1].file: missing; this field is required",
      'manifest.json: outputs[0].bytes: expected number, got "12"',
      "manifest.json: outputs[2].path: a path that leaves its folder (absolute, or with '..'); expected a relative path inside it",
    ]);
  });

  it("says a manifest is missing, is not JSON, or is of another version", async () => {
    const { dir } = await makeBundle();
    writeManifestText(dir, '{ "version": 1,');
    expect(check(await verifyBundle(dir, dir), "manifest-readable").problems).toEqual([
      expect.stringMatching(/^manifest\.json: not valid JSON \(.+\)$/),
    ]);
    writeManifestText(dir, JSON.stringify({ version: 2, everything: "else" }));
    expect(check(await verifyBundle(dir, dir), "manifest-readable").problems).toEqual([
      "manifest.json: version: unsupported manifest version 2 (this tool reads version 1)",
    ]);
    rmSync(join(dir, "manifest.json"));
    const r = await verifyBundle(dir, dir);
    expect(check(r, "manifest-readable").problems).toEqual(["manifest.json: missing"]);
    expect(check(r, "manifest-digest").problems).toEqual([]); // the missing manifest is manifest-readable's to report, once
  });

  it("through the verify command: a failing report (exit 4), not an error (exit 1)", async () => {
    const { dir } = await makeBundle();
    editManifest(dir, (m) => (m.bates = null));
    const result = await verify({ cwd: dir, target: "." });
    expect(result.ok).toBe(false);
    expect(check(result.reports[0]!, "manifest-readable").problems).toEqual(["manifest.json: bates: expected an object, got null"]);
  });
});

describe("verifyBundle: manifest-digest", () => {
  it("names manifest.json when it was edited after the build", async () => {
    const { dir } = await makeBundle();
    appendFileSync(join(dir, "manifest.json"), " ");
    expect(failed(await verifyBundle(dir, dir))).toEqual({
      "manifest-digest": [expect.stringMatching(/^manifest\.json: edited after the build \(sha256 [0-9a-f]{64}, recorded [0-9a-f]{64}\)$/)],
    });
  });

  it("names a missing digest file, a malformed line, and a line without the manifest", async () => {
    const { dir } = await makeBundle();
    rmSync(join(dir, "manifest.json.sha256"));
    expect(check(await verifyBundle(dir, dir), "manifest-digest").problems).toEqual(["manifest.json.sha256: missing"]);
    writeFileSync(join(dir, "manifest.json.sha256"), "not a digest line\n");
    expect(check(await verifyBundle(dir, dir), "manifest-digest").problems).toEqual([
      "manifest.json.sha256: malformed line 'not a digest line'",
      "manifest.json.sha256: has no line for manifest.json",
    ]);
    writeFileSync(join(dir, "manifest.json.sha256"), `${"0".repeat(64)}  ../outside\n`);
    expect(check(await verifyBundle(dir, dir), "manifest-digest").problems[0]).toBe(
      `manifest.json.sha256: malformed line '${"0".repeat(64)}  ../outside'`,
    );
  });
});

describe("verifyBundle: files", () => {
  it("names a missing file, a changed one, and one the manifest does not list", async () => {
    const { dir } = await makeBundle();
    rmSync(join(dir, "appendices/schedule-a.csv"));
    appendFileSync(join(dir, EXHIBIT_2), "x");
    mkdirSync(join(dir, "natives"));
    writeFileSync(join(dir, "natives/extra.txt"), "extra");
    const r = failed(await verifyBundle(dir, dir));
    expect(r["files-present"]).toEqual(["appendices/schedule-a.csv: listed in the manifest but missing"]);
    expect(r["sizes-match"]).toEqual([expect.stringMatching(/^exhibits\/002 Lux Outlet - Chat\.pdf: \d+ bytes, manifest says \d+$/)]);
    expect(r["hashes-match"]).toEqual([
      expect.stringMatching(/^exhibits\/002 Lux Outlet - Chat\.pdf: content changed \(sha256 [0-9a-f]{64}, manifest [0-9a-f]{64}\)$/),
    ]);
    expect(r["no-unlisted-files"]).toEqual(["natives/extra.txt: not listed in the manifest"]);
    expect(r["exhibit-pdfs"]).toEqual([
      `${EXHIBIT_2}: it does not end with 'startxref … %%EOF' as written: bytes were appended after its end`,
    ]);
    expect(Object.keys(r).sort()).toEqual(["exhibit-pdfs", "files-present", "hashes-match", "no-unlisted-files", "sizes-match"]);
  });
});

describe("verifyBundle: bates-gapless and page-counts", () => {
  it("names a gap and an overlap between exhibits", async () => {
    const { dir } = await makeBundle();
    editManifest(dir, (m) => Object.assign(m.exhibits[1].bates, { first: "VAL000004", last: "VAL000004" }));
    const gap = failed(await verifyBundle(dir, dir))["bates-gapless"];
    expect(gap).toContain(`Exhibit 2 (${EXHIBIT_2}): starts at VAL000004, expected VAL000003 (gap)`);
    expect(gap).toContain("last exhibit ends at VAL000004, manifest bates.last says VAL000003");
    editManifest(dir, (m) => Object.assign(m.exhibits[1].bates, { first: "VAL000002", last: "VAL000002" }));
    expect(failed(await verifyBundle(dir, dir))["bates-gapless"]).toContain(
      `Exhibit 2 (${EXHIBIT_2}): starts at VAL000002, expected VAL000003 (overlap)`,
    );
  });

  it("names a malformed range and a range that does not span the exhibit's pages", async () => {
    const { dir } = await makeBundle();
    editManifest(dir, (m) => {
      m.exhibits[0].bates.last = "VAL00002";
      m.exhibits[1].bates.last = "VAL000004";
    });
    expect(failed(await verifyBundle(dir, dir))["bates-gapless"]).toEqual([
      `Exhibit 1 (${EXHIBIT_1}): Bates range VAL000001–VAL00002 is malformed`,
      // After a malformed range the run has no known end, so the next exhibit is measured from the start.
      `Exhibit 2 (${EXHIBIT_2}): starts at VAL000003, expected VAL000001 (gap)`,
      `Exhibit 2 (${EXHIBIT_2}): range VAL000003–VAL000004 spans 2 pages, manifest says 1`,
      "last exhibit ends at VAL000004, manifest bates.last says VAL000003",
    ]);
    editManifest(dir, (m) => (m.bates.first = "XYZ1"));
    expect(failed(await verifyBundle(dir, dir))["bates-gapless"]).toContain("manifest bates.first 'XYZ1' is not VAL + 6 digits");
  });

  it("names an exhibit PDF without the pages its range claims, an unreadable PDF, and a short bundle", async () => {
    const { dir } = await makeBundle();
    await replaceListed(dir, EXHIBIT_1, await bundleExhibitPdf("1", 1, ["VAL000001", "VAL000002"]));
    await replaceListed(dir, EXHIBIT_2, "%PDF-1.7 this is not a PDF");
    await replaceListed(dir, "bundle.pdf", await blankPdf(2));
    expect(failed(await verifyBundle(dir, dir))).toEqual({
      "page-counts": [
        `${EXHIBIT_1}: has 1 pages, Bates range VAL000001–VAL000002 needs 2`,
        `${EXHIBIT_2}: not a readable PDF`,
        "bundle.pdf: has 2 pages, the exhibits have 3",
      ],
    });
  });

  it("names a total that disagrees with bates.pages", async () => {
    const { dir } = await makeBundle();
    editManifest(dir, (m) => (m.bates.pages = 4));
    expect(failed(await verifyBundle(dir, dir))).toEqual({ "page-counts": ["exhibits add up to 3 pages, manifest bates.pages says 4"] });
  });

  it("checks every part of an exhibit split into volumes, and that its Bates numbers run on", async () => {
    const { dir } = await makeBundle();
    const parts = ["exhibits/001 A (Part 1 of 2).pdf", "exhibits/001 A (Part 2 of 2).pdf"];
    const files = [
      await put(dir, parts[0]!, await bundleExhibitPdf("1", 1, ["VAL000001", "VAL000002"], { part: 1, of: 2 })),
      await put(dir, parts[1]!, await bundleExhibitPdf("1", 1, ["VAL000001", "VAL000002"], { part: 2, of: 2 })),
    ];
    editManifest(dir, (m) => {
      m.outputs = [...m.outputs.filter((f: { path: string }) => f.path !== EXHIBIT_1), ...files];
      m.exhibits[0].file = files[0];
      m.exhibits[0].volumes = [
        { file: files[0], pages: 1, bates: { first: "VAL000001", last: "VAL000001" } },
        { file: files[1], pages: 1, bates: { first: "VAL000002", last: "VAL000002" } },
      ];
    });
    rmSync(join(dir, EXHIBIT_1));
    const r = await verifyBundle(dir, dir);
    expect(failed(r)).toEqual({});
    expect(check(r, "page-counts").detail).toBe("2 exhibits, 3 pages; 1 exhibit(s) in parts");
    editManifest(dir, (m) => (m.exhibits[0].volumes[1].bates = { first: "VAL000003", last: "VAL000003" }));
    expect(failed(await verifyBundle(dir, dir))["bates-gapless"]).toEqual([
      `${parts[1]}: Bates VAL000003–VAL000003 does not continue Exhibit 1's run of 1 pages`,
    ]);
  });
});
