/**
 * What the consistency findings read (wiring for check and build): each item's text — every string of its reading, a
 * PDF's text layer (pdftotext), and, in a build, the OCR words of its images — and the perceptual hashes of the case's
 * photos (the photos, the goods-received images and the photos sent in chats).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { imageFingerprints, ocrTexts, type ImageFingerprint } from "../consistency/index.js";
import { captureText } from "../exhibits/capture-text.js";
import { dHash } from "../images/dhash.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { OcrLayer } from "../model/ocr.js";
import { evidenceTexts } from "../redact/evidence-texts.js";
import { mapLimit } from "../util/concurrency.js";

const run = promisify(execFile);

export async function findingInputs(
  caseDir: string,
  items: readonly EvidenceItem[],
  ocr?: OcrLayer,
): Promise<{ texts: Map<string, string>; pageTexts: Map<string, string>; fingerprints: ImageFingerprint[] }> {
  const texts = new Map<string, string>();
  // The words the pages themselves show (never a sidecar's or a record's fields): PDF text, OCR words, DOM text.
  const pageTexts = new Map<string, string>();
  const addPage = (id: string, text: string) => pageTexts.set(id, [pageTexts.get(id), text].filter(Boolean).join("\n"));
  for (const it of items) {
    const said = [...evidenceTexts([it])].map((t) => t.text);
    if (said.length) texts.set(it.id, said.join("\n"));
  }
  await mapLimit(
    items.filter((i) => i.payload.type === "pdf"),
    2,
    async (it) => {
      const out = await run("pdftotext", ["-layout", "-enc", "UTF-8", join(caseDir, it.source.path), "-"], {
        maxBuffer: 64 * 1024 * 1024,
      }).catch(() => ({ stdout: "" })); // no text layer to read: nothing to compare
      if (!out.stdout.trim()) return;
      texts.set(it.id, [texts.get(it.id), out.stdout].filter(Boolean).join("\n"));
      addPage(it.id, out.stdout);
    },
  );
  for (const [id, words] of ocr ? ocrTexts(ocr) : new Map<string, string>()) {
    texts.set(id, [texts.get(id), words].filter(Boolean).join("\n"));
    addPage(id, words);
  }
  await mapLimit(
    items.filter((i) => i.capture),
    2,
    async (it) => {
      const layer = await captureText(caseDir, it, "sealed").catch(() => undefined);
      if (layer) addPage(it.id, layer.boxes.map((b) => b.text).join("\n"));
    },
  );
  // Which files the fingerprints want, then their hashes (a file that cannot be decoded is left out).
  const wanted = new Set<string>();
  imageFingerprints(items, (file) => {
    wanted.add(file);
    return undefined;
  });
  const hashes = new Map<string, string>();
  await mapLimit([...wanted], 2, async (file) => {
    const h = await dHash(join(caseDir, file)).catch(() => undefined);
    if (h) hashes.set(file, h);
  });
  return { texts, pageTexts, fingerprints: imageFingerprints(items, (file) => hashes.get(file)) };
}
