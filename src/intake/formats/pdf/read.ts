/** Stage 2 (intake), format pdf: the reader of PDF documents (receipts, registrations, letters): page sizes and rotation. */
import { inspectPdf, PdfDamagedError } from "../../../pdf/inspect.js";
import type { FormatReader } from "../format.js";

export const readPdf: FormatReader = async ({ files: [file] }, problems) => {
  try {
    return { payload: { type: "pdf", pages: await inspectPdf(file.data) } };
  } catch (e) {
    if (!(e instanceof PdfDamagedError)) throw e;
    problems.add({ file: file.shown }, e.message);
    return undefined;
  }
};
