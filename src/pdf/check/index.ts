/**
 * The check of a carried-in PDF before it is used (intake, stage 2): a document whose pages are carried into an
 * exhibit must be read by pdf-lib later without a surprise, so everything that could stop it, or cost without bound,
 * is found here and refused as that file's problem: structure (catalog, page tree without cycles, page sizes,
 * /Rotate, /Contents that are streams the file holds), filters and decompressed size (streams.ts), qpdf's own check
 * (qpdf.ts), and a trial embedding of every page, which is what the exhibit will do. A file qpdf had to repair to
 * read (a missing cross-reference table) is accepted, and what was repaired is returned, for the cover sheet to say.
 */
import { EncryptedPDFError, PDFDocument } from "pdf-lib";
import type { PdfPagePayload } from "../../model/evidence.js";
import { embedCarriedPage } from "../carry-page.js";
import { checkPageTree } from "./page-tree.js";
import { PdfDamagedError } from "./problem.js";
import { qpdfCheck } from "./qpdf.js";
import { checkStreams } from "./streams.js";

export { PdfDamagedError } from "./problem.js";

export interface CheckedPdf {
  pages: PdfPagePayload[];
  /** What qpdf repaired (or warned of) to read the file, in its words; absent when it read it cleanly. */
  repair?: string;
}

/** Check a carried-in PDF's bytes; its problem is thrown as a PdfDamagedError (qpdf missing: an EnvironmentError). */
export async function checkCarriedPdf(data: Uint8Array): Promise<CheckedPdf> {
  const tail = Buffer.from(data.subarray(Math.max(0, data.length - 1024))).toString("latin1");
  if (!tail.includes("%%EOF")) throw new PdfDamagedError("no %%EOF marker at the end: the PDF is truncated or damaged");
  const doc = await load(data);
  const pages = checkPageTree(doc.context);
  await checkStreams(doc.context, pages);
  const verdict = await qpdfCheck(data);
  await trialEmbed(doc);
  const repair = verdict.warnings.length ? verdict.warnings.slice(0, 3).join("; ") : undefined;
  return { pages: pages.map((p) => p.payload), ...(repair ? { repair } : {}) };
}

async function load(data: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    if (e instanceof EncryptedPDFError)
      throw new PdfDamagedError("the PDF is encrypted; save an unencrypted copy (courts refuse encrypted filings)");
    throw new PdfDamagedError(`cannot read the PDF (${firstLine(e)})`);
  }
}

/** Embed every page into a scratch document, as the exhibit will: whatever pdf-lib cannot do is this file's problem. */
async function trialEmbed(doc: PDFDocument): Promise<void> {
  const scratch = await PDFDocument.create({ updateMetadata: false });
  const pages = doc.getPages();
  for (const [i, page] of pages.entries()) {
    try {
      await (await embedCarriedPage(scratch, page)).embed();
    } catch (e) {
      throw new PdfDamagedError(`page ${i + 1} cannot be carried in (${firstLine(e)})`);
    }
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200);
}
