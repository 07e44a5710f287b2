/**
 * Small bundles and exhibit PDFs made in-process for the unit tests of integrity/ (no Chromium, no build):
 * PDFs from pdf-lib, files and manifest written with the project's own functions (writeStoredFile,
 * writeManifest, stampTree), so verify meets them as it meets a built bundle.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { writeManifest } from "../../src/seal/manifest.js";
import { caseDigest, writeStoredFile } from "../../src/util/stored-files.js";
import type { StoredFile } from "../../src/model/digest.js";
import type { ExhibitProvenance, Manifest } from "../../src/model/manifest.js";
import { attachmentName } from "../../src/util/attachment-name.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";

/** A PDF of `pages` blank Letter pages. */
export async function blankPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]);
  return doc.save({ useObjectStreams: false });
}

export interface Attachment {
  /** The source's case path (the attachment is named from it, as the build names it). */
  path: string;
  data: Uint8Array;
  /** The SHA-256 (hex) to write in the file specification; default: the data's; null: none. */
  recorded?: string | null;
}

/** An exhibit PDF: pages, attachments with /SHA256 in their file specifications, and a provenance record in Info. */
export async function exhibitPdf(o: {
  pages: number;
  attachments: Attachment[];
  provenance?: ExhibitProvenance | string;
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < o.pages; i++) doc.addPage([612, 792]);
  const ctx = doc.context;
  const names: (PDFHexString | ReturnType<typeof ctx.register>)[] = [];
  for (const a of o.attachments) {
    const name = attachmentName(a.path);
    const file = ctx.register(ctx.stream(a.data, { Type: "EmbeddedFile" }));
    const recorded = a.recorded === undefined ? hexOf(sha256Bytes(a.data)) : a.recorded;
    const spec = ctx.obj({
      Type: "Filespec",
      F: PDFString.of(name),
      UF: PDFHexString.fromText(name),
      EF: { F: file },
      AFRelationship: "Source",
    });
    if (recorded !== null) spec.set(PDFName.of("SHA256"), PDFString.of(recorded));
    names.push(PDFHexString.fromText(name), ctx.register(spec));
  }
  if (names.length) doc.catalog.set(PDFName.of("Names"), ctx.obj({ EmbeddedFiles: ctx.obj({ Names: ctx.obj(names) }) }));
  if (o.provenance !== undefined) {
    const text = typeof o.provenance === "string" ? o.provenance : JSON.stringify(o.provenance);
    ctx.trailerInfo.Info = ctx.register(ctx.obj({ ExhibitsProvenance: PDFHexString.fromText(text) }));
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * An exhibit PDF of the synthetic bundle: blank pages and the provenance record the build writes (no natives). A part
 * of a split exhibit records the whole exhibit's Bates range, and which part it is (`volume`).
 */
export async function bundleExhibitPdf(
  label: string,
  pages: number,
  bates: [string, string],
  volume?: { part: number; of: number },
): Promise<Uint8Array> {
  const provenance: ExhibitProvenance = {
    format: "exhibits-provenance/1",
    case: "test-case",
    exhibit: label,
    bates: { first: bates[0], last: bates[1] },
    tool: "exhibits 0.1.0",
    sources: [],
    ...(volume ? { volume } : {}),
  };
  return exhibitPdf({ pages, attachments: [], provenance });
}

/** writeStoredFile, with the file's folder made first. */
export async function put(dir: string, path: string, data: Uint8Array | string): Promise<StoredFile> {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  return writeStoredFile(dir, path, data);
}

export interface SyntheticBundle {
  dir: string;
  manifest: Manifest;
  /** The exhibit PDFs' paths, in order. */
  exhibits: string[];
}

export const EXHIBIT_1 = "exhibits/001 Kaitlyn Pan Group - Amazon listing.pdf";
export const EXHIBIT_2 = "exhibits/002 Lux Outlet - Chat.pdf";

/**
 * Two exhibits (2 pages, VAL000001–VAL000002; 1 page, VAL000003), bundle.pdf (3 pages), one appendix, and a
 * manifest listing them all. `tsas`: the TSAs the manifest says were asked (stamp with stampTree after).
 */
export async function makeBundle(o: { tsas?: string[] } = {}): Promise<SyntheticBundle> {
  const dir = mkdtempSync(join(tmpdir(), "exhibits-verify-"));
  const outputs: StoredFile[] = [
    await put(dir, EXHIBIT_1, await bundleExhibitPdf("1", 2, ["VAL000001", "VAL000002"])),
    await put(dir, EXHIBIT_2, await bundleExhibitPdf("2", 1, ["VAL000003", "VAL000003"])),
    await put(dir, "bundle.pdf", await blankPdf(3)),
    await put(dir, "appendices/schedule-a.csv", "No.,Defendant\r\n1,Kaitlyn Pan Group\r\n2,Lux Outlet\r\n"),
  ];
  const inputs: StoredFile[] = [
    { path: "case.yaml", bytes: 13, sha256: sha256Bytes("id: test-case") },
    { path: "evidence/kpg/listing.png", bytes: 3, sha256: sha256Bytes("png") },
    { path: "evidence/lux/chat.txt", bytes: 2, sha256: sha256Bytes("hi") },
  ];
  const manifest: Manifest = {
    version: 1,
    tool: { name: "exhibits", version: "0.1.0" },
    case: { id: "test-case", digest: caseDigest(inputs) },
    builtAt: "2026-01-01T00:00:00Z",
    builtAtSource: "SOURCE_DATE_EPOCH",
    bates: { prefix: "VAL", digits: 6, first: "VAL000001", last: "VAL000003", pages: 3 },
    inputs,
    exhibits: [
      {
        number: 1,
        label: "1",
        title: "Amazon listing",
        defendantId: "kpg",
        pages: 2,
        bates: { first: "VAL000001", last: "VAL000002" },
        sources: [{ path: "evidence/kpg/listing.png", sha256: inputs[1]!.sha256, capturedAtSource: "unknown" }],
        file: outputs[0]!,
      },
      {
        number: 2,
        label: "2",
        title: "Chat",
        defendantId: "lux",
        pages: 1,
        bates: { first: "VAL000003", last: "VAL000003" },
        sources: [{ path: "evidence/lux/chat.txt", sha256: inputs[2]!.sha256, capturedAtSource: "unknown" }],
        file: outputs[1]!,
      },
    ],
    bundle: { file: outputs[2]!, pages: 3 },
    outputs,
    timestamps: (o.tsas ?? []).map((tsa) => ({ tsa })),
  };
  await writeManifest(dir, manifest);
  return { dir, manifest, exhibits: [EXHIBIT_1, EXHIBIT_2] };
}

/**
 * Edit manifest.json as JSON (any shape, even one the schema refuses) and rewrite manifest.json.sha256 to
 * match, so that only the edit itself is wrong: what someone covering their tracks would do.
 */
export function editManifest(dir: string, edit: (m: Record<string, any>) => void): void {
  const path = join(dir, "manifest.json");
  const m = JSON.parse(readFileSync(path, "utf8")) as Record<string, any>;
  edit(m);
  writeManifestText(dir, JSON.stringify(m, null, 2) + "\n");
}

/** Write manifest.json's text and a digest file that matches it. */
export function writeManifestText(dir: string, text: string): void {
  writeFileSync(join(dir, "manifest.json"), text);
  writeFileSync(join(dir, "manifest.json.sha256"), `${hexOf(sha256Bytes(text))}  manifest.json\n`);
}

/** Replace a listed file and record its new size and hash in the manifest (the digest file kept in step). */
export async function replaceListed(dir: string, path: string, data: Uint8Array | string): Promise<void> {
  const file = await put(dir, path, data);
  editManifest(dir, (m) => {
    for (const list of [m.outputs, m.exhibits.map((e: { file: StoredFile }) => e.file), [m.bundle.file]]) {
      for (const f of list as StoredFile[]) if (f.path === path) Object.assign(f, { bytes: file.bytes, sha256: file.sha256 });
    }
  });
}
