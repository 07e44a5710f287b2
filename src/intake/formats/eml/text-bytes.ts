/**
 * Stage 2 (intake), format eml: an email's text checked to be text before it is rendered. postal-mime decodes
 * leniently (an invalid byte becomes U+FFFD, binary data becomes a page of it), so the bytes it decoded are checked
 * here, strictly, in the charset each part declares: the message's header block must be UTF-8 (ASCII, or RFC 6532
 * UTF-8) without NUL bytes, and each inline text/plain or text/html part, once its transfer encoding
 * (quoted-printable, base64) is undone, must decode in its declared charset (UTF-8 when it declares none, as
 * postal-mime reads it) and hold no NUL. A single-byte charset (ISO-8859-1, Windows-1252) is valid by definition;
 * a charset this runtime does not know is read by postal-mime as Windows-1252, which is too. Nested messages
 * (inline message/rfc822) are checked the same way. A refusal names the part and the first bad byte: in the file
 * (with its line) when the part is not transfer-encoded, else in the part's decoded content.
 */
import { InvalidInputError } from "../../../util/errors.js";
import { firstInvalidUtf8, hexByte, lineOf } from "../shared/text.js";

/** What this check reads of postal-mime's parse tree (MimeNode; not part of its published types, so checked at run time). */
export interface MimeNodeView {
  contentType: { parsed: { value: string; params: Record<string, string | undefined> }; multipart: string | false };
  contentDisposition: { parsed: { value: string } };
  contentTransferEncoding: { encoding: string };
  content: ArrayBuffer | Uint8Array | null;
  childNodes: MimeNodeView[];
}

/** How deep nested messages are followed (postal-mime renders a few levels; a deeper one is listed as an attachment). */
const MAX_NESTED = 8;

/** The root of a parser's tree after `parse`; an internal error when postal-mime no longer keeps it as this file expects. */
export function rootOf(parser: object): MimeNodeView {
  const root = (parser as { root?: unknown }).root;
  if (!isNode(root)) throw new Error("postal-mime's parse tree is not shaped as eml/text-bytes.ts expects (a new version?)");
  return root;
}

function isNode(n: unknown): n is MimeNodeView {
  const v = n as Partial<MimeNodeView> | undefined;
  return Boolean(
    v &&
      typeof v.contentType?.parsed?.value === "string" &&
      typeof v.contentDisposition?.parsed === "object" &&
      Array.isArray(v.childNodes),
  );
}

/**
 * Refuse (InvalidInputError naming `file`) an email whose header block or text parts are not text in their charsets.
 * `bytes` is the file; `root` its parse tree; `parseNested` parses a nested message's bytes into its tree.
 */
export async function checkEmailText(
  bytes: Uint8Array,
  root: MimeNodeView,
  file: string,
  parseNested: (bytes: Uint8Array) => Promise<MimeNodeView>,
  depth = 0,
): Promise<void> {
  const where = depth === 0 ? "" : "a nested message's ";
  const headEnd = headerBlockEnd(bytes);
  const head = bytes.subarray(0, headEnd);
  const badHead = firstInvalidUtf8(head);
  const nul = head.indexOf(0);
  const at = badHead >= 0 && (nul < 0 || badHead < nul) ? badHead : nul;
  if (at >= 0) {
    const what = head[at] === 0 ? "a NUL byte" : `the byte ${hexByte(head[at])}, which starts no UTF-8 character there`;
    const place = depth === 0 ? { file, line: lineOf(bytes, at) } : { file };
    throw new InvalidInputError(
      place,
      `${where}header block is not text at byte ${at + 1}${depth === 0 ? "" : " of that message"}: it holds ${what}. Header fields ` +
        "are ASCII or UTF-8 (RFC 6532); the email is damaged, or binary data under an email's name (it is not read with the bad " +
        "bytes replaced)",
    );
  }
  let n = 0;
  const walk = async (node: MimeNodeView): Promise<void> => {
    n++;
    const part = n;
    const type = node.contentType.parsed.value;
    const inline = node.contentDisposition.parsed.value !== "attachment";
    if (!node.contentType.multipart && inline && node.content) {
      const content = node.content instanceof Uint8Array ? node.content : new Uint8Array(node.content);
      if (type === "text/plain" || type === "text/html") checkPart(bytes, content, node, part, file, where, headEnd, depth === 0);
      else if (type === "message/rfc822" && depth < MAX_NESTED)
        await checkEmailText(content, await parseNested(content), file, parseNested, depth + 1);
    }
    for (const child of node.childNodes) await walk(child);
  };
  await walk(root);
}

function checkPart(
  file: Uint8Array,
  content: Uint8Array,
  node: MimeNodeView,
  part: number,
  shown: string,
  where: string,
  bodyStart: number,
  inFile: boolean,
): void {
  const declared = node.contentType.parsed.params.charset;
  const label = declared?.trim() || "utf-8";
  const decoder = fatalDecoder(label);
  let bad = -1;
  let why = "";
  if (decoder) {
    try {
      decoder.decode(content);
    } catch {
      bad = firstUndecodable(label, content);
      why = `the byte ${hexByte(content[bad])} is not ${declared ? `${declared} text` : "UTF-8 text (the part declares no charset)"}`;
    }
  }
  const nul = content.indexOf(0);
  if (nul >= 0 && (bad < 0 || nul < bad)) {
    bad = nul;
    why = "a NUL byte, which no text holds";
  }
  if (bad < 0) return;
  const encoding = node.contentTransferEncoding.encoding || "7bit";
  const encoded = /base64|quoted-printable/i.test(encoding);
  const charset = declared ? `, charset ${declared}` : "";
  const kind = `${where}${node.contentType.parsed.value} part (part ${part} of the message, ${encoding}${charset})`;
  const inTheFile = inFile && !encoded ? fileOffset(file, content, bad, bodyStart) : -1;
  const placeText =
    inTheFile >= 0
      ? `at byte ${inTheFile + 1} of the file`
      : `at byte ${bad + 1} of its ${encoded ? `content decoded from ${encoding}` : "content"}`;
  throw new InvalidInputError(
    inTheFile >= 0 ? { file: shown, line: lineOf(file, inTheFile) } : { file: shown },
    `its ${kind} is not text ${placeText}: ${why}. The email is damaged, or declares the wrong charset; it is not read with the bad ` +
      "bytes replaced (save the original message again from the mail program)",
  );
}

/** A strict decoder for a charset label, or undefined when this runtime knows no such charset. */
function fatalDecoder(label: string): TextDecoder | undefined {
  for (const l of [label, label.replace(/^(?:x-|cs)/i, "")]) {
    try {
      return new TextDecoder(l, { fatal: true });
    } catch {
      // not a label this runtime knows
    }
  }
  return undefined;
}

/**
 * The offset of the first byte that stops `content` decoding in `label`: the shortest prefix that fails to decode
 * when a character cut off at its end is allowed (streamed), found by halving.
 */
function firstUndecodable(label: string, content: Uint8Array): number {
  const utf8 = /^utf-?8$/i.test(label);
  if (utf8) {
    const at = firstInvalidUtf8(content);
    if (at >= 0) return at;
  }
  const fails = (n: number) => {
    try {
      (fatalDecoder(label) as TextDecoder).decode(content.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let lo = 0;
  let hi = content.length;
  if (fails(hi)) {
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (fails(mid)) hi = mid;
      else lo = mid;
    }
  }
  // Byte hi - 1 is where decoding fails (or the part ends inside a character); the bad character starts after the
  // last complete one before it (a multi-byte character is a few bytes long).
  const complete = (n: number) => {
    try {
      (fatalDecoder(label) as TextDecoder).decode(content.subarray(0, n));
      return true;
    } catch {
      return false;
    }
  };
  for (let start = hi - 1; start >= Math.max(0, hi - 8); start--) if (complete(start)) return start;
  return hi - 1;
}

/** Where the end of the header block is (the offset of the blank line's start), or the file's end. */
function headerBlockEnd(b: Uint8Array): number {
  for (let i = 0; i + 1 < b.length; i++) {
    if (b[i] !== 0x0a) continue;
    if (b[i + 1] === 0x0a) return i + 1;
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) return i + 1;
  }
  return b.length;
}

/**
 * The offset in the file of byte `at` of a part that is not transfer-encoded (its bytes are the file's, lines
 * joined by LF): the bytes from the start of its line up to it are looked for after the header block; -1 if not found.
 */
function fileOffset(file: Uint8Array, content: Uint8Array, at: number, from: number): number {
  let start = at;
  while (start > 0 && at - start < 32 && content[start - 1] !== 0x0a) start--;
  const found = Buffer.from(file.buffer, file.byteOffset, file.byteLength).indexOf(content.subarray(start, at + 1), from);
  return found < 0 ? -1 : found + (at - start);
}
