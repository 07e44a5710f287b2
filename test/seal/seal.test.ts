/**
 * The sealing side that verify reads back: the case digest, manifest.json and its digest file, the tree's
 * file list, and timestamps.json (src/integrity/manifest.ts, files.ts, timestamps.ts). What the build writes
 * must be what the schemas accept, unchanged.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caseDigest, digestLines, writeManifest } from "../../src/seal/manifest.js";
import { stampTree } from "../../src/seal/timestamps.js";
import { listFiles, storedFile, writeStoredFile } from "../../src/util/stored-files.js";
import { manifestSchema, parseJson, timestampsFileSchema } from "../../src/schema/records.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { closedPort } from "../helpers/closed-port.js";
import { manifestSample } from "../schema/samples.js";

const temp = () => mkdtempSync(join(tmpdir(), "exhibits-seal-"));

describe("caseDigest and digestLines", () => {
  const files = [
    { path: "evidence/b.png", bytes: 1, sha256: sha256Bytes("b") },
    { path: "case.yaml", bytes: 1, sha256: sha256Bytes("a") },
  ];

  it("writes sha256sum lines sorted by path, and hashes them", () => {
    const text = digestLines(files);
    expect(text).toBe(`${hexOf(sha256Bytes("a"))}  case.yaml\n${hexOf(sha256Bytes("b"))}  evidence/b.png\n`);
    expect(caseDigest(files)).toBe(sha256Bytes(text));
    expect(caseDigest([...files].reverse())).toBe(caseDigest(files));
  });
});

describe("writeManifest", () => {
  it("writes sorted lists and a digest file; what it writes, the manifest schema reads back unchanged", async () => {
    const dir = temp();
    const m = manifestSample();
    const unsorted = { ...m, outputs: [...m.outputs].reverse(), inputs: [...m.inputs].reverse() };
    const written = await writeManifest(dir, unsorted);
    const text = readFileSync(join(dir, "manifest.json"), "utf8");
    expect(written).toEqual({ path: "manifest.json", bytes: Buffer.byteLength(text), sha256: sha256Bytes(text) });
    expect(readFileSync(join(dir, "manifest.json.sha256"), "utf8")).toBe(`${hexOf(sha256Bytes(text))}  manifest.json\n`);
    expect(text).toBe(JSON.stringify(m, null, 2) + "\n");
    expect(parseJson(text, manifestSchema)).toEqual({ ok: true, value: m });
  });
});

describe("listFiles, storedFile, writeStoredFile", () => {
  it("lists every file of a tree as a sorted POSIX path, and records size and hash as written", async () => {
    const dir = temp();
    mkdirSync(join(dir, "exhibits"));
    mkdirSync(join(dir, "appendices/deep"), { recursive: true });
    writeFileSync(join(dir, "bundle.pdf"), "b");
    writeFileSync(join(dir, "appendices/deep/x.csv"), "x");
    const written = await writeStoredFile(dir, "exhibits/001 A.pdf", "%PDF");
    expect(written).toEqual({ path: "exhibits/001 A.pdf", bytes: 4, sha256: sha256Bytes("%PDF") });
    expect(await storedFile(dir, "exhibits/001 A.pdf")).toEqual(written);
    expect(await listFiles(dir)).toEqual(["appendices/deep/x.csv", "bundle.pdf", "exhibits/001 A.pdf"]);
  });
});

describe("stampTree", () => {
  it("records a TSA that did not answer, and still writes a timestamps.json the schema reads back", async () => {
    const dir = temp();
    await writeManifest(dir, manifestSample());
    const tsa = `http://127.0.0.1:${await closedPort()}/tsa`;
    const record = await stampTree(dir, { tsas: [tsa], exhibits: [], timeoutMs: 5_000 });
    expect(record).toEqual({
      version: 1,
      manifest: sha256Bytes(readFileSync(join(dir, "manifest.json"))),
      asked: [tsa],
      tokens: [],
      failures: [{ tsa, subject: "manifest.json", error: "could not reach the TSA (ECONNREFUSED)" }],
    });
    const text = readFileSync(join(dir, "timestamps.json"), "utf8");
    expect(parseJson(text, timestampsFileSchema)).toEqual({ ok: true, value: record });
    expect(readFileSync(join(dir, "manifest.json.sha256"), "utf8").split("\n")).toEqual([
      `${hexOf(record.manifest)}  manifest.json`,
      `${hexOf(sha256Bytes(text))}  timestamps.json`,
      "",
    ]);
  });
});
