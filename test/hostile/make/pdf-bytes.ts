/**
 * Hand-made PDF files for the hostile suite (test/hostile/cases/pdf.ts): a PDF is written object by object, with a
 * cross-reference table whose offsets are right unless a case spoils them, so each file is broken in exactly one way.
 */
import { deflateRawSync, deflateSync, constants } from "node:zlib";

/** One object's body: a dictionary or other value as text, or bytes (a stream made by `stream`). */
export type PdfObject = string | Buffer;

/** A stream object: its dictionary entries (without /Length) and its data. */
export function stream(dict: string, data: Buffer | string): Buffer {
  const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, "latin1"), bytes, Buffer.from("\nendstream")]);
}

/** A Flate-compressed stream. */
export function flate(dict: string, data: Buffer | string): Buffer {
  return stream(`${dict} /Filter /FlateDecode`, deflateSync(typeof data === "string" ? Buffer.from(data, "latin1") : data));
}

/**
 * Zlib data that inflates to `mib` MiB of zero bytes, made without ever holding them: one MiB deflated with a full
 * flush (so every copy of it decodes alike), repeated, closed by an empty last block and the Adler-32 of the zeros.
 */
export function zeroBomb(mib: number): Buffer {
  const oneMib = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const n = BigInt(mib) << 20n;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(Number(((n % 65521n) << 16n) | 1n));
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: mib }, () => oneMib), Buffer.from([0x03, 0x00]), adler]);
}

export interface PdfOptions {
  /** Leave out the cross-reference table and its trailer's startxref (a reader must rebuild it). */
  noXref?: boolean;
  /** Extra trailer entries. */
  trailer?: string;
  /** The catalog's object number (default 1). */
  root?: number;
}

/** A whole PDF from its objects, numbered from 1 in order. */
export function pdfFile(objects: readonly PdfObject[], opts: PdfOptions = {}): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n"),
    ]);
    parts.push(b);
    at += b.length;
  });
  const trailer = `<< /Size ${objects.length + 1} /Root ${opts.root ?? 1} 0 R ${opts.trailer ?? ""} >>`;
  if (opts.noXref) {
    parts.push(Buffer.from(`trailer\n${trailer}\n%%EOF\n`));
  } else {
    const rows = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
    parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n${trailer}\nstartxref\n${at}\n%%EOF\n`));
  }
  return Buffer.concat(parts);
}

const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/** A one-page PDF whose page dictionary has `page` for its extra entries, objects 4… after it (contents first). */
export function onePage(page: string, rest: readonly PdfObject[] = [flate("", "BT /F1 24 Tf 72 700 Td (Receipt) Tj ET")]): Buffer {
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 ${4 + rest.length} 0 R >> >> ${page} >>`,
    ...rest,
    FONT,
  ]);
}

/** A plain one-page PDF with text, its page entries `extra` added (a /Rotate, say). */
export function plainPage(extra = ""): Buffer {
  return onePage(`/MediaBox [0 0 612 792] /Contents 4 0 R ${extra}`);
}
