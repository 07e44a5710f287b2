/** Reader for PDF documents (receipts, registrations, letters): page sizes and rotation. */
import { inspectPdf, PdfDamagedError } from "../../pdf/inspect.js";
import type { PdfPayload } from "../../model/evidence.js";
import { InvalidInputError } from "../../util/errors.js";
import type { SourceReading } from "./reading.js";

export async function readPdf(data: Buffer, shown: string): Promise<SourceReading<PdfPayload>> {
  try {
    return { payload: { type: "pdf", pages: await inspectPdf(data) } };
  } catch (e) {
    if (e instanceof PdfDamagedError) throw new InvalidInputError({ file: shown }, e.message);
    throw e;
  }
}
