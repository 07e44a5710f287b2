/** A capture's DOM text boxes as words, for the redaction hunt (stage 6): read by the exhibits stage's reader. */
import { captureText } from "../exhibits/capture-text.js";
import type { EvidenceItem } from "../model/evidence.js";
import { captureWords, type PageWord } from "../redact/index.js";

export async function domWords(caseDir: string, it: EvidenceItem): Promise<PageWord[] | undefined> {
  const layer = await captureText(caseDir, it, "sealed");
  return layer ? captureWords(layer.boxes, layer.offsetY) : undefined;
}
