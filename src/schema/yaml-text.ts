/**
 * The bytes of a YAML file the user wrote (case.yaml, a `.meta.yaml` sidecar, a capture record) → its text, or the one
 * reason it is refused before the YAML parser sees it: over its size bound, not UTF-8, or holding a NUL or another
 * control character YAML does not allow. Each refusal names the file and the line. Checked first, so that a 10 MB
 * or binary file costs a glance, never a parse.
 */
import { isUtf8 } from "node:buffer";
import { InvalidInputError } from "../util/errors.js";
import { describeBytes } from "../util/input-file.js";

/** The size bounds of the YAML files the tool reads (README "Bounds"). */
export const YAML_BOUNDS = {
  /** case.yaml: ~130 bytes a defendant, so 1 MiB holds a Schedule A case of several thousand defendants. */
  caseFile: 1 << 20,
  /** A sidecar: a dozen fields and perhaps some hundreds of redaction boxes. */
  sidecar: 256 << 10,
  /** capture.json: written by `exhibits capture` (headers, redirects, certificate, file list). */
  captureRecord: 1 << 20,
} as const;

/** 1-based line of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence (the data is known bad). */
function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    const second = b[i + 1] ?? 0;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f))
      return i;
    i += n + 1;
  }
  return b.length;
}

/**
 * The text of a YAML file's bytes, refused (InvalidInputError naming file and line) when over `maxBytes`, not UTF-8,
 * or holding a control character other than tab, line feed and carriage return. A UTF-8 byte-order mark is dropped.
 */
export function yamlText(bytes: Uint8Array, file: string, maxBytes: number): string {
  if (bytes.length > maxBytes) {
    throw new InvalidInputError(
      { file },
      `is ${describeBytes(bytes.length)}, over the ${describeBytes(maxBytes)} bound for this file; a YAML file this large is not one ` +
        "a person wrote (check that the right file is named here)",
    );
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const at = firstBadUtf8(body);
    throw new InvalidInputError(
      { file, line: lineAt(body, at) },
      `is not UTF-8 text (byte 0x${body[at]!.toString(16).padStart(2, "0")} at offset ${at}); save the file as UTF-8`,
    );
  }
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) {
      const what = c === 0 ? "a NUL byte" : `the control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
      throw new InvalidInputError({ file, line: lineAt(body, i) }, `holds ${what}, which YAML text may not contain; remove it`);
    }
  }
  return Buffer.from(body.buffer, body.byteOffset, body.length).toString("utf8");
}
