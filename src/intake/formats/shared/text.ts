/**
 * Stage 2 (intake), shared by the text formats (chat exports, purchase CSVs and JSON): a file's bytes as UTF-8
 * text, strictly. Decoding leniently would turn every invalid byte into U+FFFD and put a changed text in front of
 * the court, so a file that is not UTF-8 is refused with where it stops being UTF-8 and which format it was
 * taken for; so is one holding a NUL or another control character (binary data that happens to be valid UTF-8).
 * Also: what a format is called in a sentence ("a WhatsApp export", "an Amazon … CSV").
 */
import { isUtf8 } from "node:buffer";
import { InvalidInputError } from "../../../util/errors.js";
import type { SourceFile } from "../format.js";

/** "WhatsApp export" → "a WhatsApp export"; "Amazon Retail.OrderHistory CSV" → "an Amazon Retail.OrderHistory CSV". */
export function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}`;
}

/**
 * The file's text when it is valid UTF-8 holding no control character but tab, line feed, form feed and carriage
 * return (a BOM is kept: each parser drops it). A NUL or another control character is binary data under a text name
 * (the sniffers saw only the first 64 KiB), never a chat. `what` is the format the file's content was taken for, with
 * its article ("a WhatsApp export"). Bytes are counted from 1, like lines.
 */
export function utf8Text(file: SourceFile, what: string): string {
  const data = file.data;
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    throw new InvalidInputError(
      { file: file.shown, line: 1 },
      `${what} saved as UTF-16 text (it starts with a UTF-16 byte-order mark); save or export it again as UTF-8`,
    );
  }
  if (!isUtf8(data)) {
    const at = firstInvalidUtf8(data);
    throw new InvalidInputError(
      { file: file.shown, line: lineOf(data, at) },
      `${what}, but not valid UTF-8 text at byte ${at + 1}: the byte ${hexByte(data[at])} starts no UTF-8 character there. The file ` +
        "may have been saved as Latin-1 or Windows-1252, or damaged; export it again as UTF-8 (it is not read with the bad bytes replaced)",
    );
  }
  const control = firstControl(data);
  if (control >= 0) {
    const c = data[control];
    throw new InvalidInputError(
      { file: file.shown, line: lineOf(data, control) },
      `${what}, but not text at byte ${control + 1}: it holds ${c === 0 ? "a NUL byte" : `the control character ${hexByte(c)}`} there, ` +
        "which no text export writes (the file is binary data under a text name, or damaged); export it again, or remove the file",
    );
  }
  return data.toString("utf8");
}

/**
 * The offset of the first byte that is a control character no text export writes: C0 controls other than tab, line
 * feed, form feed and carriage return, and DEL. Binary data shows one within its first few bytes; -1 when there is none.
 */
export function firstControl(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d : c === 0x7f) return i;
  }
  return -1;
}

/** 1-based line of byte `offset` (lines end at line feeds). */
export function lineOf(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

/** "0x0B": a byte as messages show it. */
export function hexByte(c: number): string {
  return `0x${c.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629); -1 when there is none. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (more === 0) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4 (no overlong forms, surrogates, or code points above U+10FFFF).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (i + more >= b.length) return i; // cut off by the end of the file
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= more; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += more + 1;
  }
  return -1;
}
