/**
 * `check`'s word on OCR: whether the machine can lay text over the case's image pages as case.yaml asks (tesseract
 * and the languages named), without recognising anything (a build does that, and keeps the words).
 */
import type { CheckFinding } from "../consistency/index.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import { findTesseract } from "../ocr/index.js";
import { ExhibitsError } from "../util/errors.js";

export async function ocrReadiness(config: CaseConfig, items: readonly EvidenceItem[], env = process.env): Promise<CheckFinding> {
  const { mode, languages } = config.ocr;
  const pages = items.filter((i) => (i.payload.type === "image" && !i.capture) || i.payload.type === "pdf").length;
  if (mode === "off") return { check: "ocr", level: "ok", message: "OCR is off in case.yaml: image pages get no text layer" };
  const level = mode === "required" ? "error" : "warning";
  let found: Awaited<ReturnType<typeof findTesseract>>;
  try {
    found = await findTesseract(env);
  } catch (e) {
    if (!(e instanceof ExhibitsError)) throw e;
    return { check: "ocr", level, message: e.message };
  }
  if (!found) {
    return {
      check: "ocr",
      level,
      message:
        `tesseract is not installed: ${pages} image or PDF item(s) would get no OCR text layer` +
        `${mode === "required" ? " and the build would stop (ocr: required)" : ""}; install tesseract-ocr`,
    };
  }
  const missing = languages.filter((l) => !found.languages.includes(l));
  if (missing.length) {
    return { check: "ocr", level: "error", message: `ocr.languages names ${missing.join(", ")}, which tesseract here does not have` };
  }
  return { check: "ocr", level: "ok", message: `OCR ready: tesseract ${found.version} (${languages.join("+")})` };
}
