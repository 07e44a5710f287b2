/**
 * Where OCR words are kept: the build cache, and, when EXHIBITS_OCR_CACHE names a folder, a store shared by every
 * case and build on the machine (the words of an image depend only on its bytes, the engine and the settings, all in
 * the key): a CI job or a test suite that builds many cases from the same images recognises each image once.
 */
import type { OcrPage } from "../model/ocr.js";
import { BuildCache } from "./build-cache.js";
import type { EntryStore } from "./ports.js";

export type OcrMemo = (inputs: unknown, compute: () => Promise<OcrPage>) => Promise<OcrPage>;

export function ocrWords(store: EntryStore, env: NodeJS.ProcessEnv = process.env): OcrMemo {
  const sharedDir = env.EXHIBITS_OCR_CACHE?.trim();
  const shared = sharedDir ? new BuildCache(sharedDir) : undefined;
  return (inputs, compute) => {
    const key = store.key("ocr", { inputs });
    return store.memo("ocr", key, () => (shared ? shared.memo("ocr", key, compute) : compute()));
  };
}
