/**
 * How an attacker changes a finished bundle, for the verify rows of the hostile suite: a PDF edited by an incremental
 * update (an editor's save: new objects and a second cross-reference section appended, the original bytes kept) or
 * rewritten whole by pdf-lib, and the manifest and its .sha256 rewritten to match every file ("resealed"), as
 * anyone holding the bundle can.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef, PDFString, type PDFObject } from "pdf-lib";
import { BODY_DIGEST_KEY } from "../../src/model/manifest.js";
import { joinPdfParts, pageLabels } from "../../src/pdf/index.js";

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

function objectBytes(o: PDFObject): Buffer {
  const buf = Buffer.alloc(o.sizeInBytes());
  o.copyBytesInto(buf, 0);
  return buf;
}

/**
 * Append a second revision to the PDF at `path`: `edit` changes the loaded document and returns the references of
 * the objects it changed or added; those alone are written after the old end, with a cross-reference section and a
 * trailer pointing back (/Prev) to the first.
 */
export async function appendRevision(path: string, edit: (doc: PDFDocument) => PDFRef[] | Promise<PDFRef[]>): Promise<void> {
  const old = readFileSync(path);
  const doc = await PDFDocument.load(old, { updateMetadata: false });
  const refs = await edit(doc);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(old.toString("latin1", old.length - 64))![1]);
  const pieces: Buffer[] = [old];
  let at = old.length;
  const offsets: [number, number][] = [];
  for (const ref of [...refs].sort((a, b) => a.objectNumber - b.objectNumber)) {
    const body = Buffer.concat([
      Buffer.from(`${ref.objectNumber} 0 obj\n`),
      objectBytes(doc.context.lookup(ref)!),
      Buffer.from("\nendobj\n"),
    ]);
    offsets.push([ref.objectNumber, at]);
    pieces.push(body);
    at += body.length;
  }
  let xref = "xref\n0 1\n0000000000 65535 f \n";
  for (const [n, off] of offsets) xref += `${n} 1\n${String(off).padStart(10, "0")} 00000 n \n`;
  const size = Math.max(doc.context.largestObjectNumber + 1, ...offsets.map(([n]) => n + 1));
  xref += `trailer\n<< /Size ${size} /Root 1 0 R /Info 4 0 R /Prev ${prev} >>\nstartxref\n${at}\n%%EOF\n`;
  pieces.push(Buffer.from(xref, "latin1"));
  writeFileSync(path, Buffer.concat(pieces));
}

/** Rewrite the PDF at `path` whole with pdf-lib after `edit` (one revision, laid out by pdf-lib). */
export async function rewritePdf(path: string, edit: (doc: PDFDocument) => void | Promise<void>): Promise<void> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  await edit(doc);
  writeFileSync(path, await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

/**
 * Rewrite an exhibit PDF whole as the build writes one, after `edit` changes its pages: through the tool's own writer,
 * with the same metadata (title, subject, Keywords, provenance record, dates), the same page labels, and a body digest
 * recorded over the new bytes — one revision, every byte accounted for, nothing that runs. What someone holding the
 * tool can make of an altered exhibit: the PDF alone passes; only the other files of the bundle that speak of it differ.
 */
export async function rewriteAsBuilt(
  path: string,
  edit: (doc: PDFDocument) => unknown,
  /** Change what the metadata says (the Keywords and the provenance record, as text) before it is written. */
  retell?: (meta: { keywords: string; provenance: string }) => { keywords: string; provenance: string },
): Promise<void> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const text = (key: string) => {
    const v = info.lookup(PDFName.of(key));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const created = info.lookup(PDFName.of("CreationDate"), PDFString).decodeDate();
  const labels = pageLabels(doc);
  await edit(doc);
  const part = await doc.save({ useObjectStreams: false });
  const told = { keywords: text("Keywords") ?? "", provenance: text("ExhibitsProvenance") ?? "" };
  const meta = retell ? retell(told) : told;
  await joinPdfParts(path, [{ bytes: part, ...(labels ? { pageLabels: labels } : { pages: doc.getPageCount() }), sha256: sha(part) }], {
    title: text("Title") ?? "",
    ...(text("Subject") ? { subject: text("Subject") } : {}),
    ...(meta.keywords ? { keywords: meta.keywords.split(" ") } : {}),
    producer: text("Producer") ?? "",
    builtAt: created.toISOString(),
    custom: { ExhibitsProvenance: meta.provenance },
    bodyDigestKey: BODY_DIGEST_KEY,
  });
}

/** A filled rectangle drawn over page `index` (a black-out, or white paint over the printed hash), as a new revision. */
export function paintOver(index: number, rect: [number, number, number, number], gray: 0 | 1) {
  return (doc: PDFDocument): PDFRef[] => {
    const page = doc.getPage(index);
    const paint = doc.context.flateStream(`q ${gray} g ${rect.join(" ")} re f Q`);
    const paintRef = doc.context.register(paint);
    const contents = page.node.get(PDFName.of("Contents"));
    const list = contents instanceof PDFArray ? contents : doc.context.obj([contents as PDFObject]);
    list.push(paintRef);
    page.node.set(PDFName.of("Contents"), list);
    return [page.ref, paintRef];
  };
}

/** A JavaScript action run on opening, set on the catalog (as a new revision). */
export function openActionScript(doc: PDFDocument): PDFRef[] {
  const action = doc.context.register(doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert('opened')") }));
  doc.catalog.set(PDFName.of("OpenAction"), action);
  return [doc.context.getObjectRef(doc.catalog)!, action];
}

/** A second file under the EmbeddedFiles name tree, beside those written: `name` may repeat a listed one (a shadow). */
export async function addAttachment(doc: PDFDocument, name: string, data: string): Promise<void> {
  const names = doc.catalog
    .lookup(PDFName.of("Names"), PDFDict)
    .lookup(PDFName.of("EmbeddedFiles"), PDFDict)
    .lookup(PDFName.of("Names"), PDFArray);
  const stream = doc.context.register(doc.context.stream(data, { Type: "EmbeddedFile" }));
  const spec = doc.context.register(
    doc.context.obj({
      Type: "Filespec",
      F: PDFString.of(name),
      UF: PDFString.of(name),
      EF: { F: stream },
      SHA256: PDFString.of(sha(data)),
    }),
  );
  names.push(PDFString.of(name));
  names.push(spec);
}

/** Rewrite manifest.json and its .sha256 so every file of the tree matches them again (an attacker's "reseal"). */
export function reseal(tree: string): void {
  const manifestPath = join(tree, "manifest.json");
  const m = JSON.parse(readFileSync(manifestPath, "utf8"));
  const now = new Map<string, { path: string; sha256: string; bytes: number }>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else {
        const path = relative(tree, abs).split(sep).join("/");
        if (path === "manifest.json" || path === "manifest.json.sha256") continue;
        const data = readFileSync(abs);
        now.set(path, { path, sha256: `sha256:${sha(data)}`, bytes: data.length });
      }
    }
  };
  walk(tree);
  m.outputs = [...now.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const fresh = (f: { path: string }) => now.get(f.path) ?? f;
  for (const e of m.exhibits) {
    e.file = fresh(e.file);
    for (const v of e.volumes ?? []) v.file = fresh(v.file);
  }
  m.bundle.file = fresh(m.bundle.file);
  const text = JSON.stringify(m, null, 2) + "\n";
  writeFileSync(manifestPath, text);
  writeFileSync(join(tree, "manifest.json.sha256"), `${sha(text)}  manifest.json\n`);
}

/** Change manifest.json with `edit` and write a matching .sha256 (a malformed but consistently sealed manifest). */
export function editManifest(tree: string, edit: (m: Record<string, any>) => void): void {
  editManifestText(tree, (text) => {
    const m = JSON.parse(text);
    edit(m);
    return JSON.stringify(m, null, 2) + "\n";
  });
}

/** Change manifest.json's text with `edit` and write a matching .sha256. */
export function editManifestText(tree: string, edit: (text: string) => string): void {
  const manifestPath = join(tree, "manifest.json");
  const text = edit(readFileSync(manifestPath, "utf8"));
  writeFileSync(manifestPath, text);
  writeFileSync(join(tree, "manifest.json.sha256"), `${sha(text)}  manifest.json\n`);
}
