/**
 * verify's `timestamps` check (src/integrity/verify-timestamps.ts) on bundles stamped in-process: stampTree
 * (the build's own step) asks a TSA served in this process by the test PKI.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBundle, type VerifyReport } from "../../src/integrity/index.js";
import { formatVerifyReport } from "../../src/commands/verify.js";
import { stampTree } from "../../src/seal/timestamps.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { startInProcessTsa, testPki, type InProcessTsa } from "../pki/test-pki.js";
import { EXHIBIT_1, makeBundle } from "./synthetic.js";

let tsa: InProcessTsa;
beforeAll(async () => {
  tsa = await startInProcessTsa();
});
afterAll(() => tsa.close());

const timestamps = (r: VerifyReport) => r.checks.find((c) => c.name === "timestamps")!;

/** A bundle whose manifest asked the test TSA, stamped by it (and, with `exhibits`, its first exhibit too). */
async function stamped(exhibits = false) {
  const b = await makeBundle({ tsas: [tsa.url] });
  const record = await stampTree(b.dir, { tsas: [tsa.url], exhibits: exhibits ? [{ path: EXHIBIT_1, label: "1" }] : [] });
  return { ...b, record };
}

/** Edit timestamps.json as JSON, keeping manifest.json.sha256 in step (so only the edit is wrong). */
function editRecord(dir: string, edit: (t: Record<string, any>) => void): void {
  const t = JSON.parse(readFileSync(join(dir, "timestamps.json"), "utf8"));
  edit(t);
  const text = JSON.stringify(t, null, 2) + "\n";
  writeFileSync(join(dir, "timestamps.json"), text);
  const sums = readFileSync(join(dir, "manifest.json.sha256"), "utf8").replace(
    /^[0-9a-f]{64}(?= {2}timestamps\.json$)/m,
    hexOf(sha256Bytes(text)),
  );
  writeFileSync(join(dir, "manifest.json.sha256"), sums);
}

describe("verifyBundle: timestamps", () => {
  it("passes a bundle stamped at build time, naming the TSA and genTime; trust is checked only with --ca", async () => {
    const { dir, record } = await stamped(true);
    expect(record.tokens.map((t) => t.subject)).toEqual(["manifest.json", EXHIBIT_1]);
    const r = await verifyBundle(dir, dir);
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(timestamps(r).detail).toMatch(
      new RegExp(
        String.raw`^2 of 2 tokens valid: manifest\.json by CN=Test TSA at 2026-01-01T12:00:00\.000Z; ` +
          "exhibits/001 .* by CN=Test TSA at .*; " +
          "signatures checked with each token's own certificate; trust not checked",
      ),
    );
    const trusted = await verifyBundle(dir, dir, { caPem: testPki().root.certPem });
    expect(timestamps(trusted)).toMatchObject({ ok: true, detail: expect.stringMatching(/; chain checked against the given CA$/) });
    // The token anchors the checks against the manifest; the cross-checks still only show the files agree.
    const basis = Object.fromEntries(r.checks.map((c) => [c.name, c.basis]));
    for (const name of ["manifest-digest", "files-present", "sizes-match", "hashes-match", "no-unlisted-files", "timestamps", "anchor"])
      expect(basis[name], name).toBe("anchored");
    for (const name of ["provenance", "exhibit-index", "custody-log", "bundle-pages", "page-counts", "twin"])
      expect(basis[name], name).toBe("internal");
    expect(r.checks.find((c) => c.name === "hashes-match")!.anchoredBy).toMatch(/^manifest\.json's RFC 3161 token \(.*CN=Test TSA/);
    const text = formatVerifyReport({ ok: true, reports: [r] });
    expect(text).toMatch(
      new RegExp(
        String.raw`\nAnchored by manifest\.json's RFC 3161 token \(.*\): manifest-readable, manifest-digest, files-present, ` +
          String.raw`sizes-match, hashes-match, no-unlisted-files, timestamps, anchor\n`,
      ),
    );
    expect(text).toMatch(
      /\nInternal consistency only .*: regular-files, bates-gapless, page-counts, exhibit-pdfs, twin, provenance, exhibit-index, /,
    );
  });

  it("refuses a chain to another CA, and a --ca file without certificates", async () => {
    const { dir } = await stamped();
    const other = timestamps(await verifyBundle(dir, dir, { caPem: testPki().otherRoot.certPem }));
    expect(other.ok).toBe(false);
    expect(other.problems.join("\n")).toMatch(
      /^timestamps\/01-127\.0\.0\.1-\d+\.tsr \(manifest\.json\): the TSA's certificate does not chain to the CA given/,
    );
    expect(timestamps(await verifyBundle(dir, dir, { caPem: "no PEM here" })).problems).toContain(
      "--ca: no PEM certificate found in the file",
    );
  });

  it("names a changed token, a missing one, and a token over other bytes", async () => {
    const { dir, record } = await stamped();
    const token = record.tokens[0]!.file;
    const bytes = readFileSync(join(dir, token));
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(join(dir, token), bytes);
    expect(timestamps(await verifyBundle(dir, dir)).problems).toContain(`${token}: changed since the build`);
    rmSync(join(dir, token));
    expect(timestamps(await verifyBundle(dir, dir)).problems).toEqual([`${token}: listed in timestamps.json but missing`]);
  });

  it("names a timestamps.json that describes another manifest", async () => {
    const { dir } = await stamped();
    editRecord(dir, (t) => (t.manifest = `sha256:${"0".repeat(64)}`));
    expect(timestamps(await verifyBundle(dir, dir)).problems).toContain(
      "timestamps.json: describes another manifest.json (sha256 0000000000000000…)",
    );
  });

  it("reads timestamps.json through its schema: a malformed record names its field, and no listed path may leave the bundle", async () => {
    const { dir } = await stamped();
    editRecord(dir, (t) => {
      t.tokens[0].file = "../../../etc/passwd";
      delete t.tokens[0].genTime;
    });
    const check = timestamps(await verifyBundle(dir, dir));
    expect(check).toMatchObject({ ok: false, detail: "unreadable" });
    expect(check.problems).toEqual([
      "timestamps.json: tokens[0].file: a path that leaves its folder (absolute, or with '..'); expected a relative path inside it",
      "timestamps.json: tokens[0].genTime: missing; this field is required",
    ]);
    editRecord(dir, () => undefined);
    writeFileSync(join(dir, "timestamps.json"), "not json");
    expect(timestamps(await verifyBundle(dir, dir)).problems).toEqual([expect.stringMatching(/^timestamps\.json: not valid JSON \(/)]);
  });

  it("says a bundle whose manifest asked a TSA lacks its timestamps", async () => {
    const { dir } = await makeBundle({ tsas: ["https://tsa.example/tsr"] });
    expect(timestamps(await verifyBundle(dir, dir))).toMatchObject({
      ok: false,
      detail: "timestamps missing",
      problems: ["timestamps.json: missing, but the manifest says 1 TSA(s) were asked"],
    });
  });
});
