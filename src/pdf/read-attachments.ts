/**
 * Read back what an exhibit PDF carries: its embedded files (name, recorded SHA-256, bytes) from the
 * EmbeddedFiles name tree, and a text entry of its document information (the provenance record); and what would
 * make it other than the PDF this tool wrote (a later revision, active content, files embedded elsewhere).
 */
import { activeContent } from "./active-content.js";
import { pageContentDigests } from "./page-content-digest.js";
import { pageLabels } from "./page-labels.js";
import { createHash } from "node:crypto";
import { writtenStructure } from "./written-structure.js";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from "pdf-lib";

export interface ReadAttachment {
  name: string;
  description?: string;
  /** The SHA-256 (hex) written in the file specification, if any. */
  recordedSha256?: string;
  data?: Uint8Array;
  problem?: string;
}

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

export interface PdfExtras {
  attachments: ReadAttachment[];
  info?: string;
  pages: number;
  /** How the file differs from the one revision this tool writes (empty when it does not). */
  structure: string[];
  /** JavaScript and actions, each with the object holding it. */
  active: string[];
  /** Embedded file streams anywhere in the file (those of the attachment list, and any elsewhere). */
  embeddedFiles: number;
  /** The digest the file records of its bytes before the Info object, and that of the bytes there now. */
  bodyDigest?: { recorded: string; actual?: string };
  /** The document information's /Keywords (this tool writes `case:… exhibit:… bates:…-… twin:…` there). */
  keywords?: string;
  /** Each page's label (this tool labels each page with its Bates number); absent when the file has none. */
  pageLabels?: string[];
  /** When asked for: each page's content digest (page-content-digest.ts), or why they could not be worked out. */
  pageDigests?: string[] | { error: string };
}

export interface PdfExtrasOptions {
  /** Work out each page's content digest (for comparing the pages of two files). */
  pageDigests?: boolean;
}

/** @param bodyDigestKey the Info key holding the digest of the bytes before the Info object (see join-parts.ts). */
export async function readPdfExtras(
  bytes: Uint8Array,
  infoKey: string,
  bodyDigestKey?: string,
  opts: PdfExtrasOptions = {},
): Promise<PdfExtras> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const attachments: ReadAttachment[] = [];
  const walk = (node: PDFDict | undefined, depth = 0) => {
    if (!node || depth > 20) return;
    const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const name = text(names.lookup(i)) ?? `attachment ${i / 2 + 1}`;
        const spec = names.lookup(i + 1);
        if (!(spec instanceof PDFDict)) {
          attachments.push({ name, problem: "its file specification is missing" });
          continue;
        }
        const shown = text(spec.lookup(PDFName.of("UF"))) ?? text(spec.lookup(PDFName.of("F"))) ?? name;
        const entry: ReadAttachment = {
          name: shown,
          description: text(spec.lookup(PDFName.of("Desc"))),
          recordedSha256: text(spec.lookup(PDFName.of("SHA256")))?.toLowerCase(),
        };
        const ef = spec.lookupMaybe(PDFName.of("EF"), PDFDict);
        const stream = ef?.lookup(PDFName.of("F"));
        if (stream instanceof PDFRawStream) {
          try {
            entry.data = decodePDFRawStream(stream).decode();
          } catch (e) {
            entry.problem = `its data cannot be decoded (${(e as Error).message})`;
          }
        } else entry.problem = "it has no embedded data";
        attachments.push(entry);
      }
    }
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i) as PDFDict, depth + 1);
  };
  const tree = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  walk(tree);
  const infoRef = ctx.trailerInfo.Info;
  const info = infoRef ? ctx.lookup(infoRef) : undefined;
  const value = info instanceof PDFDict ? text(info.lookup(PDFName.of(infoKey))) : undefined;
  const keywords = info instanceof PDFDict ? text(info.lookup(PDFName.of("Keywords"))) : undefined;
  const labels = pageLabels(doc);
  let pageDigests: PdfExtras["pageDigests"];
  if (opts.pageDigests) {
    try {
      pageDigests = pageContentDigests(doc);
    } catch (e) {
      pageDigests = { error: (e as Error).message };
    }
  }
  const structure = writtenStructure(bytes, doc);
  const recorded = bodyDigestKey && info instanceof PDFDict ? text(info.lookup(PDFName.of(bodyDigestKey))) : undefined;
  const infoAt = infoRef instanceof PDFRef ? structure.offsets.get(infoRef.objectNumber) : undefined;
  const actual = infoAt === undefined ? undefined : `sha256:${createHash("sha256").update(bytes.subarray(0, infoAt)).digest("hex")}`;
  let embeddedFiles = 0;
  for (const [, o] of ctx.enumerateIndirectObjects())
    if (o instanceof PDFRawStream && o.dict.get(PDFName.of("Type")) === PDFName.of("EmbeddedFile")) embeddedFiles++;
  return {
    attachments,
    ...(value !== undefined ? { info: value } : {}),
    pages: doc.getPageCount(),
    structure: structure.problems,
    ...(recorded !== undefined ? { bodyDigest: { recorded, ...(actual ? { actual } : {}) } } : {}),
    active: activeContent(doc),
    embeddedFiles,
    ...(keywords !== undefined ? { keywords } : {}),
    ...(labels ? { pageLabels: labels } : {}),
    ...(pageDigests ? { pageDigests } : {}),
  };
}

export interface PdfSignatureField {
  byteRange: number[];
  contents: Uint8Array;
  subFilter?: string;
  name?: string;
}

/** The signature fields of a PDF (AcroForm /Fields with /FT /Sig and a value). */
export async function readSignatures(bytes: Uint8Array): Promise<PdfSignatureField[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const form = doc.catalog.lookupMaybe(PDFName.of("AcroForm"), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of("Fields"), PDFArray);
  const out: PdfSignatureField[] = [];
  for (let i = 0; i < (fields?.size() ?? 0); i++) {
    const field = fields!.lookup(i);
    if (!(field instanceof PDFDict) || field.lookup(PDFName.of("FT"))?.toString() !== "/Sig") continue;
    const v = field.lookup(PDFName.of("V"));
    if (!(v instanceof PDFDict)) continue;
    const range = v.lookupMaybe(PDFName.of("ByteRange"), PDFArray);
    const contents = v.lookup(PDFName.of("Contents"));
    if (!range || !(contents instanceof PDFHexString || contents instanceof PDFString)) continue;
    out.push({
      byteRange: range.asArray().map((n) => Number(n.toString())),
      contents: contents.asBytes(),
      subFilter: v.lookup(PDFName.of("SubFilter"))?.toString().slice(1),
      name: text(v.lookup(PDFName.of("Name"))),
    });
  }
  return out;
}
