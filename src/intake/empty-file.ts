/**
 * Stage 2 (intake): an evidence file with no content. Formats are recognised by content, and an empty file has none,
 * so it is refused as empty, naming the format its name suggests (a WhatsApp `_chat.txt` of 0 bytes is a WhatsApp
 * export with no messages; a Meta message_1.json of 0 bytes an Instagram or Messenger export with none), never as an
 * unsupported file. Loose files (read-file.ts) and the files of a folder format (folders.ts) are both checked here.
 */
import type { EvidenceFormat } from "./formats/format.js";
import { FORMATS } from "./formats/index.js";
import { withArticle } from "./formats/shared/text.js";

/** What the user is told a file must be (the text formats are named by the files that fail their own checks). */
export const SUPPORTED_DESCRIPTION = "a PNG, JPEG or WebP image, or a PDF document";

/** Nothing at all, or only white space (and a byte-order mark): no content a format could be recognised by. */
export function isBlank(data: Buffer): boolean {
  if (data.length === 0) return true;
  if (data.length > 65536) return false;
  return /^[\s\uFEFF]*$/.test(data.toString("utf8"));
}

/** What an empty file is, by the only thing it has: its name (a format's usual `names`). */
export function emptyFileProblem(rel: string, bytes: number): string {
  const size = bytes === 0 ? "0 bytes" : `${bytes} bytes of white space and nothing else`;
  const format: EvidenceFormat | undefined = FORMATS.find((f) => f.names?.test(rel));
  if (!format) {
    const expected = `${SUPPORTED_DESCRIPTION}, or a chat, purchase or email export`;
    return `the file is empty (${size}): there is nothing to read; evidence is recognised by its content (expected ${expected})`;
  }
  const name =
    format.family === "chat"
      ? withArticle(
          Object.values(format.platforms)
            .map((w) => w.certification.name)
            .join(" or "),
        )
      : withArticle(format.words.certification.name);
  const holds = format.family === "chat" ? "with no messages" : format.family === "purchases" ? "with no orders" : "with nothing in it";
  return `${name} ${holds}: the file is empty (${size}); export it again, or remove the file`;
}
