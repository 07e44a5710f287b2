/**
 * A carried-in PDF's streams: every filter is one PDF defines, a page's content streams use only the filters they are
 * decoded with when the page is carried in, and Flate data is intact and decompresses within the bounds. The size is
 * counted as the data streams past, never held, so a Flate bomb (gigabytes of zeros in a few megabytes) is refused in
 * well under a second instead of filling the memory.
 */
import { inflateSync, createInflate, constants } from "node:zlib";
import { PDFArray, PDFName, PDFRawStream, type PDFContext, type PDFObject } from "pdf-lib";
import { MAX_PAGE_CONTENT_BYTES, MAX_PDF_DECODED_BYTES, MAX_PDF_OBJECTS } from "./bounds.js";
import type { CheckedPage } from "./page-tree.js";
import { PdfDamagedError } from "./problem.js";

/** The filters PDF defines (ISO 32000-2, 7.4). */
const STANDARD = new Set([
  "ASCIIHexDecode",
  "ASCII85Decode",
  "LZWDecode",
  "FlateDecode",
  "RunLengthDecode",
  "CCITTFaxDecode",
  "JBIG2Decode",
  "DCTDecode",
  "JPXDecode",
  "Crypt",
]);
/** The filters a page's content is decoded through when the page is carried in (pdf-lib's decoders). */
const CONTENT = new Set(["ASCIIHexDecode", "ASCII85Decode", "LZWDecode", "FlateDecode", "RunLengthDecode"]);
/** Flate data this small inflates at once (to at most about 1,000 times its size); larger data is streamed. */
const AT_ONCE = 16 * 1024;

/** Check every stream of the document and the content of every page; the first problem is thrown. */
export async function checkStreams(ctx: PDFContext, pages: readonly CheckedPage[]): Promise<void> {
  const objects = ctx.enumerateIndirectObjects();
  if (objects.length > MAX_PDF_OBJECTS) throw new PdfDamagedError(`it has ${objects.length} objects, over the bound of ${MAX_PDF_OBJECTS}`);
  const decoded = new Map<PDFRawStream, number>();
  let left = MAX_PDF_DECODED_BYTES;
  for (const [ref, object] of objects) {
    if (!(object instanceof PDFRawStream)) continue;
    const where = `object ${ref.objectNumber}`;
    const filters = filtersOf(ctx, object, where);
    if (filters[0] !== "FlateDecode") continue;
    const size = await inflatedSize(object.contents, left, where);
    decoded.set(object, size);
    left -= size;
  }
  for (const [i, page] of pages.entries()) {
    let total = 0;
    for (const s of page.contents) {
      const bad = filtersOf(ctx, s, `page ${i + 1}`).find((f) => !CONTENT.has(f));
      if (bad) throw new PdfDamagedError(`page ${i + 1}: its content is encoded with /${bad}, which page content may not use`);
      total += decoded.get(s) ?? s.contents.length;
    }
    if (total > MAX_PAGE_CONTENT_BYTES)
      throw new PdfDamagedError(
        `page ${i + 1}: its content decompresses to over ${MAX_PAGE_CONTENT_BYTES / 2 ** 20} MB, the bound for one page`,
      );
  }
}

/** The stream's filters in order; a name PDF does not define is refused. */
function filtersOf(ctx: PDFContext, s: PDFRawStream, where: string): string[] {
  const value = ctx.lookup(s.dict.get(PDFName.of("Filter")));
  if (value === undefined) return [];
  const list: PDFObject[] = value instanceof PDFArray ? value.asArray().map((v) => ctx.lookup(v) as PDFObject) : [value];
  return list.map((f) => {
    if (!(f instanceof PDFName)) throw new PdfDamagedError(`${where}: its /Filter is not a name`);
    const name = f.decodeText();
    if (!STANDARD.has(name))
      throw new PdfDamagedError(`${where}: its data is encoded with /${name}, an unknown filter no PDF reader decodes`);
    return name;
  });
}

/** How many bytes Flate data inflates to, counted as it streams past; over `limit`, or corrupt, is refused. */
async function inflatedSize(data: Uint8Array, limit: number, where: string): Promise<number> {
  const bomb = () =>
    new PdfDamagedError(`${where}: its Flate data decompresses to over ${MAX_PDF_DECODED_BYTES / 2 ** 20} MB (a decompression bomb)`);
  const corrupt = (e: Error) => new PdfDamagedError(`${where}: its Flate data is corrupt (${e.message})`);
  const options = { finishFlush: constants.Z_SYNC_FLUSH }; // a stream cut short of its checksum is read as far as it goes
  if (data.length <= AT_ONCE) {
    try {
      return inflateSync(data, { ...options, maxOutputLength: Math.max(1, limit) }).length;
    } catch (e) {
      throw (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? bomb() : corrupt(e as Error);
    }
  }
  return new Promise((done, fail) => {
    let size = 0;
    const inflate = createInflate(options);
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        fail(bomb());
      }
    });
    inflate.on("error", (e) => fail(corrupt(e)));
    inflate.on("end", () => done(size));
    inflate.end(data);
  });
}
