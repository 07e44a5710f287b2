/**
 * A PDF written as a stream from parts: each part (a small finished PDF) is loaded alone, its pages'
 * objects are copied with new object numbers and written straight to disk, then the page tree, the
 * bookmarks, page labels equal to the Bates numbers, and the cross-reference table close the file.
 * Memory holds one part at a time, never the whole document. Used for every exhibit file (parts of at
 * most a few hundred pages) and for bundle.pdf (all exhibits' parts, one bookmark per exhibit).
 */
import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { unlinkIfThere } from "../util/fs.js";
import { deflateSync } from "node:zlib";
import {
  PDFArray,
  PDFContext,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import type { Digest } from "../model/digest.js";
import { renumberPart } from "./part-objects.js";
import { objectBytes, xrefTable } from "./serialize.js";
import { labelObject } from "./page-labels.js";

export interface JoinPart {
  /** Bookmark text for the part's first page, e.g. "Exhibit 3 — Amazon listing (VAL000010–VAL000016)". */
  bookmark?: string;
  bytes: Uint8Array | (() => Promise<Uint8Array>);
  /** Page labels for the part's pages (the Bates numbers); every part has them, or none has. */
  pageLabels?: string[];
  /** The part's page count, when it has no labels. */
  pages?: number;
  /** The part's SHA-256 (hex): it goes into the file's /ID, and names the part in the file's layout. */
  sha256: string;
}

/**
 * Where one part's objects were written in a file: a rewrite of that file (another part changed) copies
 * these bytes from the previous file instead of parsing and copying the part again, when the part is the
 * same and its objects start at the same number (so every reference inside it is unchanged).
 */
export interface PartLayout {
  sha256: string;
  /** The largest object number in use before the part (its objects are numbered from the next one). */
  after: number;
  /** The part's objects in the file: bytes [start, end). */
  start: number;
  end: number;
  /** Object number → offset from `start`. */
  objects: [number, number][];
  /** Object numbers of the part's pages, in order. */
  pages: number[];
  /** The largest object number in use after the part. */
  next: number;
}

/** The previous version of a file being rewritten: its layout, and a reader of its bytes. */
export interface PreviousFile {
  parts: readonly PartLayout[];
  read(start: number, length: number): Promise<Uint8Array>;
}

export interface JoinedPdf {
  pages: number;
  bytes: number;
  sha256: Digest;
  signatureSlot?: SignatureSlot;
  /** Where each part went (for a later rewrite); empty when the file is signed. */
  layout: PartLayout[];
  /** Per part: whether its bytes were copied from the previous file. */
  copied: boolean[];
}

const CATALOG = PDFRef.of(1);
const PAGES = PDFRef.of(2);
const OUTLINES = PDFRef.of(3);
const INFO = PDFRef.of(4);
const RESERVED = 4;
/** With a signature: the widget (field) and the signature dictionary. */
const WIDGET = PDFRef.of(5);
const SIG = PDFRef.of(6);
const BYTE_RANGE_FIELD = 10;
const STORED_AS_IS = /^(image\/(png|jpeg|webp|gif)|application\/(pdf|zip|gzip)|video\/|audio\/)/;

class CountingWriter {
  offset = 0;
  private readonly hash = createHash("sha256");
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  constructor(private readonly fh: FileHandle) {}
  async write(chunk: Uint8Array | string): Promise<void> {
    const b = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.hash.update(b);
    this.offset += b.length;
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes > 4 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    await this.fh.writev(this.pending); // no concatenation copy: the chunks go to the file as they are
    this.pending = [];
    this.pendingBytes = 0;
  }
  digest(): Digest {
    return `sha256:${this.hash.digest("hex")}`;
  }
  /** The digest of the bytes written so far (the writing goes on). */
  digestSoFar(): Digest {
    return `sha256:${this.hash.copy().digest("hex")}`;
  }
}

/** A file carried inside the PDF (the native a page was made from), listed in the attachments panel. */
export interface PdfAttachment {
  /** Unique within the PDF; shown as the attachment's file name. */
  name: string;
  description: string;
  mime: string;
  data: () => Promise<Uint8Array>;
  sha256: Digest;
  /** Size of the file, when known (for size budgets). */
  bytes?: number;
  /** UTC ISO time the file was made (its capture time), recorded as its modification date. */
  modifiedAt?: string;
  /** PDF 2.0 / PDF/A-3 relationship of the file to the document. */
  relationship: "Source" | "Data" | "Supplement";
}

export interface MergedInfo {
  title: string;
  subject?: string;
  keywords?: string[];
  producer: string;
  builtAt: string;
  attachments?: PdfAttachment[];
  /** Extra document-information entries (name → text), e.g. the provenance record. */
  custom?: Record<string, string>;
  /** Record under this Info key the SHA-256 of every byte before the Info object (pages, attachments, bookmarks). */
  bodyDigestKey?: string;
  /** Leave room for a digital signature (an invisible signature field); fill it with signWrittenPdf. */
  signature?: SignaturePlaceholder;
}

export interface SignaturePlaceholder {
  name: string;
  reason: string;
  location?: string;
  /** UTC ISO time written as the signature's /M. */
  signingTime: string;
  /** Bytes reserved for the CMS signature. */
  reserve: number;
}

/** Where the placeholders sit in the written file. */
export interface SignatureSlot {
  byteRangeAt: number;
  byteRangeWidth: number;
  /** Offset of the '<' opening the /Contents hex string, and its total length including '<' and '>'. */
  contentsAt: number;
  contentsLength: number;
}

export async function joinPdfParts(path: string, parts: JoinPart[], info: MergedInfo, previous?: PreviousFile): Promise<JoinedPdf> {
  unlinkIfThere(path); // a new file, never written through an entry (or planted link) already there
  const fh = await open(path, "wx");
  const out = new CountingWriter(fh);
  const offsets = new Map<number, number>();
  // An object's text, then a stream's contents as they are (pdf-lib's serializer copies them byte by byte).
  const emit = async (number: number, text: Uint8Array | string, stream?: readonly Uint8Array[]) => {
    offsets.set(number, out.offset);
    await out.write(`${number} 0 obj\n`);
    await out.write(text);
    if (stream) {
      await out.write("\nstream\n");
      for (const piece of stream) await out.write(piece);
      await out.write("\nendstream");
    }
    await out.write("\nendobj\n");
  };
  const writeObject = async (ref: PDFRef, obj: PDFObject) => {
    if (!(obj instanceof PDFRawStream)) return emit(ref.objectNumber, objectBytes(obj));
    obj.dict.set(PDFName.of("Length"), PDFNumber.of(obj.contents.length));
    return emit(ref.objectNumber, objectBytes(obj.dict), [obj.contents]);
  };
  try {
    await out.write("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    let next = info.signature ? SIG.objectNumber : RESERVED;
    const pageRefs: PDFRef[] = [];
    const firstPageOfPart: PDFRef[] = [];
    const labels: string[] = [];
    const idHash = createHash("sha256");
    const layout: PartLayout[] = [];
    const copied: boolean[] = [];
    const reusable = new Map((info.signature ? [] : (previous?.parts ?? [])).map((l) => [`${l.sha256}@${l.after}`, l]));

    const labelled = parts.some((p) => p.pageLabels !== undefined);
    for (const part of parts) {
      idHash.update(part.sha256);
      if ((part.pageLabels !== undefined) !== labelled) throw new Error("every part of a file has page labels, or none has");
      const count = part.pageLabels?.length ?? part.pages;
      const old = reusable.get(`${part.sha256}@${next}`);
      if (old && old.pages.length === count) {
        // The same part, numbered from the same object: its bytes in the previous file are what would be written.
        const start = out.offset;
        await out.write(await previous!.read(old.start, old.end - old.start));
        for (const [n, rel] of old.objects) offsets.set(n, start + rel);
        const partPages = old.pages.map((n) => PDFRef.of(n));
        firstPageOfPart.push(partPages[0]!);
        pageRefs.push(...partPages);
        labels.push(...(part.pageLabels ?? []));
        layout.push({ ...old, start, end: out.offset });
        copied.push(true);
        next = old.next;
        continue;
      }
      const bytes = typeof part.bytes === "function" ? await part.bytes() : part.bytes;
      const after = next;
      const start = out.offset;
      const src = await PDFDocument.load(bytes, { updateMetadata: false });
      const signed = info.signature && pageRefs.length === 0; // the invisible signature field sits on the first page
      const renumbered = renumberPart(src, {
        after: next,
        pagesNumber: PAGES.objectNumber,
        ...(signed ? { firstPageAnnot: WIDGET.objectNumber } : {}),
      });
      const partPages = renumbered.pages.map((n) => PDFRef.of(n));
      if (count !== undefined && partPages.length !== count)
        throw new Error(`part "${part.bookmark ?? part.pageLabels?.[0] ?? part.sha256}" has ${partPages.length} pages, ${count} expected`);
      firstPageOfPart.push(partPages[0]);
      pageRefs.push(...partPages);
      labels.push(...(part.pageLabels ?? []));
      const objects: [number, number][] = [];
      for (const o of renumbered.objects) {
        objects.push([o.number, out.offset - start]);
        await emit(o.number, o.text, o.stream);
      }
      next = renumbered.next();
      layout.push({ sha256: part.sha256, after, start, end: out.offset, objects, pages: partPages.map((r) => r.objectNumber), next });
      copied.push(false);
    }

    // Closing objects: attachments, outline items, page tree, outline root, info, catalog.
    const ctx = PDFContext.create();
    const filespecs: { name: string; ref: PDFRef }[] = [];
    for (const a of info.attachments ?? []) {
      const data = await a.data();
      const fileRef = PDFRef.of(++next);
      const specRef = PDFRef.of(++next);
      const params = ctx.obj({ Size: data.length, CheckSum: PDFHexString.of(createHash("md5").update(data).digest("hex")) });
      if (a.modifiedAt) params.set(PDFName.of("ModDate"), PDFString.fromDate(new Date(Date.parse(a.modifiedAt))));
      // Already-compressed formats (PNG, JPEG, PDF, video, zip) are stored as they are: deflating them again costs time for nothing.
      const stored = STORED_AS_IS.test(a.mime)
        ? ctx.stream(data, { Type: "EmbeddedFile", Subtype: a.mime, Params: params })
        : ctx.stream(deflateSync(data), { Type: "EmbeddedFile", Subtype: a.mime, Params: params, Filter: "FlateDecode" });
      await writeObject(fileRef, stored);
      await writeObject(
        specRef,
        ctx.obj({
          Type: "Filespec",
          F: PDFString.of(asciiName(a.name)),
          UF: PDFHexString.fromText(a.name),
          Desc: PDFHexString.fromText(`${a.description} · SHA-256 ${a.sha256.slice(7)}`),
          EF: ctx.obj({ F: fileRef, UF: fileRef }),
          AFRelationship: a.relationship,
          SHA256: PDFString.of(a.sha256.slice(7)),
        }),
      );
      filespecs.push({ name: a.name, ref: specRef });
    }
    const marked = parts
      .map((p, i) => ({ title: p.bookmark, page: firstPageOfPart[i] }))
      .filter((m): m is { title: string; page: PDFRef } => m.title !== undefined);
    const itemRefs = marked.map((_, i) => PDFRef.of(next + 1 + i));
    next += marked.length;
    for (const [i, m] of marked.entries()) {
      const item = ctx.obj({
        Title: PDFHexString.fromText(m.title),
        Parent: OUTLINES,
        Dest: ctx.obj([m.page, PDFName.of("Fit")]),
      });
      if (i > 0) item.set(PDFName.of("Prev"), itemRefs[i - 1]);
      if (i < marked.length - 1) item.set(PDFName.of("Next"), itemRefs[i + 1]);
      await writeObject(itemRefs[i], item);
    }
    await writeObject(PAGES, ctx.obj({ Type: "Pages", Kids: ctx.obj(pageRefs), Count: pageRefs.length }));
    const outlines = ctx.obj({ Type: "Outlines", Count: marked.length });
    if (marked.length > 0) {
      outlines.set(PDFName.of("First"), itemRefs[0]);
      outlines.set(PDFName.of("Last"), itemRefs[itemRefs.length - 1]);
    }
    await writeObject(OUTLINES, outlines);
    const pdfDate = PDFString.fromDate(new Date(Date.parse(info.builtAt)));
    const infoDict = ctx.obj({
      Title: PDFHexString.fromText(info.title),
      Producer: PDFHexString.fromText(info.producer),
      Creator: PDFHexString.fromText(info.producer),
      CreationDate: pdfDate,
      ModDate: pdfDate,
    });
    if (info.subject) infoDict.set(PDFName.of("Subject"), PDFHexString.fromText(info.subject));
    if (info.keywords?.length) infoDict.set(PDFName.of("Keywords"), PDFHexString.fromText(info.keywords.join(" ")));
    for (const [key, value] of Object.entries(info.custom ?? {})) infoDict.set(PDFName.of(key), PDFHexString.fromText(value));
    if (info.bodyDigestKey) infoDict.set(PDFName.of(info.bodyDigestKey), PDFString.of(out.digestSoFar()));
    await writeObject(INFO, infoDict);
    let signatureSlot: SignatureSlot | undefined;
    if (info.signature) {
      const sig = info.signature;
      await writeObject(
        WIDGET,
        ctx.obj({
          Type: "Annot",
          Subtype: "Widget",
          FT: "Sig",
          T: PDFString.of("Signature1"),
          V: SIG,
          F: 132,
          Rect: [0, 0, 0, 0],
          P: pageRefs[0],
        }),
      );
      // Written as text, so the placeholders' offsets are known: ByteRange is patched in place, then Contents.
      offsets.set(SIG.objectNumber, out.offset);
      const field = "0".padEnd(BYTE_RANGE_FIELD, " ");
      const head =
        `${SIG.objectNumber} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name ` +
        `${PDFHexString.fromText(sig.name).toString()} /Reason ` +
        `${PDFHexString.fromText(sig.reason).toString()}` +
        `${sig.location ? ` /Location ${PDFHexString.fromText(sig.location).toString()}` : ""}` +
        ` /M ${PDFString.fromDate(new Date(Date.parse(sig.signingTime))).toString()} /ByteRange [`;
      await out.write(head);
      const byteRangeAt = out.offset;
      const byteRange = `0 ${field} ${field} ${field}`;
      await out.write(`${byteRange}] /Contents `);
      const contentsAt = out.offset;
      const contents = `<${"0".repeat(sig.reserve * 2)}>`;
      await out.write(`${contents} >>\nendobj\n`);
      signatureSlot = { byteRangeAt, byteRangeWidth: byteRange.length, contentsAt, contentsLength: contents.length };
    }
    const catalogExtras: Record<string, PDFObject> = {};
    if (filespecs.length) {
      const key = (f: { name: string }) => asciiName(f.name);
      const sorted = [...filespecs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      const names = PDFArray.withContext(ctx);
      for (const f of sorted) {
        names.push(PDFString.of(key(f)));
        names.push(f.ref);
      }
      catalogExtras.Names = ctx.obj({ EmbeddedFiles: ctx.obj({ Names: names }) });
      catalogExtras.AF = ctx.obj(filespecs.map((f) => f.ref));
    }
    const nums = PDFArray.withContext(ctx);
    labels.forEach((label, i) => {
      nums.push(PDFNumber.of(i));
      nums.push(ctx.obj({ P: labelObject(label) }));
    });
    await writeObject(
      CATALOG,
      ctx.obj({
        Type: "Catalog",
        Pages: PAGES,
        Outlines: OUTLINES,
        PageMode: marked.length > 0 ? "UseOutlines" : "UseNone",
        ...(labelled ? { PageLabels: ctx.obj({ Nums: nums }) } : {}),
        ViewerPreferences: ctx.obj({ DisplayDocTitle: true }),
        ...catalogExtras,
        ...(info.signature ? { AcroForm: ctx.obj({ Fields: [WIDGET], SigFlags: 3 }) } : {}),
      }),
    );

    // Cross-reference table and trailer.
    const size = next + 1;
    const xrefAt = out.offset;
    await out.write(xrefTable(size, offsets));
    const id = idHash.digest("hex").slice(0, 32);
    await out.write(`trailer\n<< /Size ${size} /Root 1 0 R /Info 4 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    await out.flush();
    void PDFNull;
    return {
      pages: pageRefs.length,
      bytes: out.offset,
      sha256: out.digest(),
      ...(signatureSlot ? { signatureSlot } : {}),
      layout: info.signature ? [] : layout,
      copied,
    };
  } finally {
    await fh.close();
  }
}

/** The /F name: printable ASCII only (the /UF entry keeps the full Unicode name). */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, "_");
}
