/**
 * Stage 6 of a build on the word layers (wiring only): after OCR, every image's words, every capture's DOM text
 * and every carried-in PDF page's text are searched for every target; images get the regions to burn, PDF pages
 * the regions to rasterise and burn. Values found there join those hunted by the leak gate.
 */
import { captureText } from "../exhibits/capture-text.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import type { PdfRedactions } from "../model/redaction.js";
import { OCR_SETTINGS } from "../ocr/index.js";
import { captureWords, huntPdfPages, huntWordLayers, type Redactor } from "../redact/index.js";

export async function huntWordsAndPages(
  loaded: LoadedCase,
  items: readonly EvidenceItem[],
  ocr: OcrLayer,
  redactor: Redactor,
): Promise<{ items: EvidenceItem[]; pdfRedactions: PdfRedactions }> {
  const domWords = async (it: EvidenceItem) => {
    const layer = await captureText(loaded.dir, it, "sealed");
    return layer ? captureWords(layer.boxes, layer.offsetY) : undefined;
  };
  const hunted = await huntWordLayers(items, ocr, redactor, domWords);
  const pdfRedactions = await huntPdfPages(hunted, ocr, redactor, { caseDir: loaded.dir, ocrPdfDpi: OCR_SETTINGS.pdfDpi });
  return { items: hunted, pdfRedactions };
}
