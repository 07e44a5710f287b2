/**
 * Stage 2 (intake), format pdf: the reader of PDF documents (receipts, registrations, letters). The whole check of a
 * carried-in PDF (pdf/check/) runs here, so a PDF that would fail later is this file's problem now: page sizes and
 * rotation come out of it, and what qpdf repaired to read the file, which its cover sheet then says.
 */
import { checkCarriedPdf, PdfDamagedError } from "../../../pdf/check/index.js";
import type { FormatReader } from "../format.js";

export const readPdf: FormatReader = async ({ files: [file] }, problems) => {
  try {
    const { pages, repair } = await checkCarriedPdf(file.data);
    return { payload: { type: "pdf", pages, ...(repair ? { repair } : {}) } };
  } catch (e) {
    if (!(e instanceof PdfDamagedError)) throw e;
    problems.add({ file: file.shown }, e.message);
    return undefined;
  }
};
