/**
 * verify on one exhibit PDF (src/integrity/verify-exhibit.ts), on exhibit PDFs made in-process: attachments
 * with the SHA-256 in their file specifications and a provenance record in the metadata. The cover sheet's
 * text is handed in (pdftotext is the default reader; no child process here).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyExhibit, type VerifyReport } from "../../src/integrity/index.js";
import type { ExhibitProvenance, Manifest } from "../../src/model/manifest.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { exhibitPdf, type Attachment } from "./synthetic.js";

const LISTING = new TextEncoder().encode("<html>listing</html>");
const CHAT = new TextEncoder().encode("hi, card 4111 1111 1111 1111");
const sources: Attachment[] = [
  { path: "evidence/kpg/listing.html", data: LISTING },
  { path: "evidence/kpg/chat.txt", data: CHAT },
];

function provenance(over: Partial<ExhibitProvenance> = {}): ExhibitProvenance {
  return {
    format: "exhibits-provenance/1",
    case: "test-case",
    exhibit: "3",
    bates: { first: "VAL000010", last: "VAL000011" },
    twin: "sealed",
    tool: "exhibits 0.1.0",
    sources: sources.map((s) => ({ path: s.path, bytes: s.data.length, sha256: sha256Bytes(s.data), item: s.path, attached: true })),
    ...over,
  };
}

/** The cover sheet as pdftotext reads it: every source hash, wrapped like a narrow table cell. */
const coverWith = (hashes: string[]) => async () =>
  `Exhibit 3\nSHA-256\n${hashes.map((h) => `${h.slice(0, 32)}\n${h.slice(32)}`).join("\n")}\n`;
const fullCover = coverWith(sources.map((s) => hexOf(sha256Bytes(s.data))));

async function fileOf(bytes: Uint8Array): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "exhibits-exhibit-")), "003 Kaitlyn Pan Group - Listing.pdf");
  writeFileSync(path, bytes);
  return path;
}

const check = (r: VerifyReport, name: string) => r.checks.find((c) => c.name === name)!;
const failed = (r: VerifyReport) => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems]));

describe("verifyExhibit", () => {
  it("passes an intact exhibit, reporting each source's hash", async () => {
    const file = await fileOf(await exhibitPdf({ pages: 2, attachments: sources, provenance: provenance() }));
    const r = await verifyExhibit(file, "003.pdf", { coverText: fullCover });
    expect(failed(r)).toEqual({});
    expect(check(r, "pdf-readable").detail).toBe(
      "Exhibit 3 of case test-case, Bates VAL000010–VAL000011, sealed twin, 2 pages, made by exhibits 0.1.0",
    );
    expect(check(r, "attachments-complete").detail).toBe("2 attached");
    expect(check(r, "cover-sheet").detail).toBe("2 source hashes found on page 1");
    expect(check(r, "manifest").detail).toBe("not checked: no manifest given (--manifest <bundle>/manifest.json)");
    expect(r.sources).toEqual(
      sources.map((s) => ({ path: s.path, sha256: hexOf(sha256Bytes(s.data)), bytes: s.data.length, attached: true })),
    );
  });

  it("names an attachment altered inside the PDF, and one missing from it", async () => {
    const altered = await fileOf(
      await exhibitPdf({ pages: 2, attachments: [sources[0]!, { ...sources[1]!, recorded: "0".repeat(64) }], provenance: provenance() }),
    );
    expect(failed(await verifyExhibit(altered, "003.pdf", { coverText: fullCover }))).toEqual({
      "attachments-intact": [
        `kpg_chat.txt: altered (sha256 ${hexOf(sha256Bytes(CHAT))}, its file specification records ${"0".repeat(64)})`,
      ],
    });
    const missing = await fileOf(await exhibitPdf({ pages: 2, attachments: [sources[0]!], provenance: provenance() }));
    expect(failed(await verifyExhibit(missing, "003.pdf", { coverText: fullCover }))).toEqual({
      "attachments-complete": ["evidence/kpg/chat.txt: listed as attached, but the PDF has no attachment kpg_chat.txt"],
    });
  });

  it("says which natives a public copy withholds, and passes", async () => {
    const pub = provenance({ twin: "public", sources: provenance().sources.map((s, i) => (i === 1 ? { ...s, attached: false } : s)) });
    const file = await fileOf(await exhibitPdf({ pages: 2, attachments: [sources[0]!], provenance: pub }));
    const r = await verifyExhibit(file, "003.pdf", { coverText: fullCover });
    expect(failed(r)).toEqual({});
    expect(check(r, "attachments-complete").detail).toBe(
      "1 attached, 1 withheld from this public copy (redacted; the sealed copy carries them)",
    );
  });

  it("names a source hash missing from the cover sheet; Part 2 of a split exhibit has no cover sheet to read", async () => {
    const file = await fileOf(await exhibitPdf({ pages: 2, attachments: sources, provenance: provenance() }));
    expect(failed(await verifyExhibit(file, "003.pdf", { coverText: coverWith([hexOf(sha256Bytes(LISTING))]) }))).toEqual({
      "cover-sheet": [`evidence/kpg/chat.txt: its SHA-256 ${hexOf(sha256Bytes(CHAT))} is not on the cover sheet`],
    });
    const part2 = await fileOf(
      await exhibitPdf({
        pages: 1,
        attachments: [],
        provenance: provenance({
          volume: { part: 2, of: 2 },
          sources: provenance().sources.map((s) => ({ ...s, attached: false, attachedIn: "003 A (Part 1 of 2).pdf" })),
        }),
      }),
    );
    const r = await verifyExhibit(part2, "part2.pdf", { coverText: async () => "" });
    expect(failed(r)).toEqual({});
    expect(check(r, "cover-sheet").detail).toBe("not applicable: the cover sheet opens Part 1");
  });

  it("without a provenance record: says so; with a malformed one: names the field, never throws", async () => {
    const none = await verifyExhibit(await fileOf(await exhibitPdf({ pages: 1, attachments: [] })), "x.pdf", { coverText: fullCover });
    expect(check(none, "pdf-readable").problems).toEqual([
      "x.pdf: no provenance record in its metadata; was it made by exhibits 0.1 or later?",
    ]);
    const spoilt = { ...provenance(), sources: [{ ...provenance().sources[0], sha256: "sha256:abc" }] };
    const bad = await verifyExhibit(
      await fileOf(await exhibitPdf({ pages: 1, attachments: sources, provenance: spoilt as ExhibitProvenance })),
      "x.pdf",
      { coverText: fullCover },
    );
    expect(check(bad, "pdf-readable").problems).toEqual([
      "x.pdf: its provenance record (/ExhibitsProvenance) is malformed: " +
        "sources[0].sha256: expected sha256: followed by 64 lowercase hex digits",
    ]);
    expect(check(bad, "attachments-complete").problems).toEqual(["not checked: the PDF could not be read"]);
    const notJson = await verifyExhibit(await fileOf(await exhibitPdf({ pages: 1, attachments: [], provenance: "{oops" })), "x.pdf", {
      coverText: fullCover,
    });
    expect(check(notJson, "pdf-readable").problems).toEqual([
      expect.stringMatching(/^x\.pdf: its provenance record \(\/ExhibitsProvenance\) is malformed: not valid JSON \(/),
    ]);
  });

  it("refuses a file that is not a PDF, leaving every other check unchecked", async () => {
    const r = await verifyExhibit(await fileOf(new TextEncoder().encode("GIF89a")), "x.pdf", { coverText: fullCover });
    expect(check(r, "pdf-readable").problems).toEqual([expect.stringMatching(/^x\.pdf: not a readable PDF \(/)]);
    for (const c of r.checks.slice(1)) expect(c.problems).toEqual(["not checked: the PDF could not be read"]);
  });
});

describe("verifyExhibit --manifest", () => {
  async function withManifest(edit: (m: Manifest) => void = () => undefined) {
    const bytes = await exhibitPdf({ pages: 2, attachments: sources, provenance: provenance() });
    const file = await fileOf(bytes);
    const m: Manifest = {
      version: 1,
      tool: { name: "exhibits", version: "0.1.0" },
      case: { id: "test-case", digest: sha256Bytes("inputs") },
      builtAt: "2026-01-01T00:00:00Z",
      builtAtSource: "SOURCE_DATE_EPOCH",
      bates: { prefix: "VAL", digits: 6, first: "VAL000001", last: "VAL000011", pages: 11 },
      inputs: [],
      exhibits: [
        {
          number: 3,
          label: "3",
          title: "Listing",
          pages: 2,
          bates: { first: "VAL000010", last: "VAL000011" },
          sources: sources.map((s) => ({ path: s.path, sha256: sha256Bytes(s.data), capturedAtSource: "unknown" })),
          file: { path: "exhibits/003 Kaitlyn Pan Group - Listing.pdf", bytes: bytes.length, sha256: sha256Bytes(bytes) },
        },
      ],
      bundle: { file: { path: "bundle.pdf", bytes: 1, sha256: sha256Bytes("b") }, pages: 11 },
      outputs: [],
      timestamps: [],
    };
    edit(m);
    return verifyExhibit(file, "003.pdf", { coverText: fullCover, manifest: { text: JSON.stringify(m), shown: "out/manifest.json" } });
  }

  it("matches the exhibit and its sources to the manifest's entry", async () => {
    const r = await withManifest();
    expect(failed(r)).toEqual({});
    expect(check(r, "manifest").detail).toBe("matches exhibits/003 Kaitlyn Pan Group - Listing.pdf in out/manifest.json");
  });

  it("names a different PDF hash, a different source hash, another case and a missing exhibit", async () => {
    const pdf = await withManifest((m) => (m.exhibits[0]!.file.sha256 = sha256Bytes("other")));
    expect(failed(pdf).manifest).toEqual([
      expect.stringMatching(/^003\.pdf: sha256 [0-9a-f]{64}, the manifest records [0-9a-f]{64} for exhibits\/003 /),
    ]);
    const source = await withManifest((m) => (m.exhibits[0]!.sources[1]!.sha256 = sha256Bytes("other")));
    expect(failed(source).manifest).toEqual([
      `evidence/kpg/chat.txt: the manifest records ${hexOf(sha256Bytes("other"))}, the exhibit ${hexOf(sha256Bytes(CHAT))}`,
    ]);
    const other = await withManifest((m) => ((m.case.id = "other-case"), (m.exhibits[0]!.label = "4")));
    expect(failed(other).manifest).toEqual([
      "out/manifest.json has no Exhibit 3",
      "out/manifest.json is for case other-case, the exhibit for test-case",
    ]);
  });

  it("reads the manifest through its schema: a malformed one fails the check naming the field", async () => {
    const r = await withManifest((m) => ((m.exhibits[0] as unknown as Record<string, unknown>).pages = "2"));
    expect(failed(r)).toEqual({ manifest: ['out/manifest.json: exhibits[0].pages: expected number, got "2"'] });
  });
});
