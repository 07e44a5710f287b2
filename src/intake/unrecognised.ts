/**
 * Stage 2 (intake): what to say of a file no format recognises by its content. A file named like a text export
 * (`_chat.txt`, `Retail.OrderHistory.1.csv`, `message_1.json`, any .csv, .txt, .json or .eml) that holds binary
 * data is said to be not text, with the byte that shows it, rather than merely unsupported: it was meant to be an
 * export, and the export is damaged or is something else under its name.
 */
import { SUPPORTED_DESCRIPTION } from "./empty-file.js";
import type { EvidenceFormat } from "./formats/format.js";
import { FORMATS } from "./formats/index.js";
import { firstInvalidUtf8, withArticle } from "./formats/shared/text.js";

const TEXT_NAMES = /\.(csv|tsv|txt|json|eml)$/i;

/** The problem of a file whose content no format recognises; `head` is its start (up to 64 KiB). */
export function unrecognisedProblem(rel: string, head: Buffer): string {
  const unsupported = `unsupported file: expected ${SUPPORTED_DESCRIPTION} (recognised by content, not by extension)`;
  const named = (FORMATS as readonly EvidenceFormat[]).find((f) => f.family !== "image" && f.family !== "pdf" && f.names?.test(rel));
  if (!named && !TEXT_NAMES.test(rel)) return unsupported;
  const binary = binaryAt(head);
  if (binary === undefined) return unsupported;
  const what = named ? withArticle(formatName(named)) : "a text export";
  return `named like ${what}, but not text: ${binary}. It is not read; export it again, or remove the file`;
}

/** Where the bytes show the file is not UTF-8 text, or undefined when they could be. */
function binaryAt(head: Buffer): string | undefined {
  const nul = head.indexOf(0);
  if (nul >= 0) return `a NUL byte at byte ${nul + 1}`;
  const bad = firstInvalidUtf8(head);
  if (bad >= 0 && bad < head.length - 3)
    return `the byte 0x${head[bad]!.toString(16).toUpperCase().padStart(2, "0")} at byte ${bad + 1} is not UTF-8`;
  return undefined;
}

function formatName(f: EvidenceFormat): string {
  if (f.family !== "chat") return f.words.certification.name;
  return Object.values(f.platforms)
    .map((w) => w.certification.name)
    .join(" or ");
}
