/**
 * The leak gate's reading of an e-mail (.eml), independent of intake's (the gate must not share the blind spots
 * of the reader it checks): every header, decoded (RFC 2047 words), the text/plain and text/html bodies
 * (base64 and quoted-printable decoded by postal-mime; HTML as every text it holds, hidden parts and attribute
 * values included), and every attachment with its name, bytes and type; attached messages (message/rfc822)
 * are attachments too, so their own headers, bodies and attachments are read the same way.
 */
import { markupText } from "../util/markup-text.js";

export interface EmailParts {
  headers: string[];
  bodies: string[];
  attachments: { name: string; mimeType: string; data: Uint8Array }[];
}

/** Multipart nesting read; deeper parts are refused by the parser (a finding). */
const MAX_MIME_DEPTH = 32;
const MAX_HEADER_BYTES = 1024 * 1024;

export async function emailParts(bytes: Uint8Array): Promise<EmailParts> {
  const { default: PostalMime, decodeWords } = await import("postal-mime");
  const email = await PostalMime.parse(bytes, {
    attachmentEncoding: "arraybuffer",
    forceRfc822Attachments: true,
    maxNestingDepth: MAX_MIME_DEPTH,
    maxHeadersSize: MAX_HEADER_BYTES,
  });
  const headers = email.headers.map((h) => {
    let value = h.value;
    try {
      value = decodeWords(value);
    } catch {
      // the raw value is what there is
    }
    return `${h.key}: ${value}`;
  });
  const bodies: string[] = [];
  if (email.text) bodies.push(email.text);
  if (email.html) bodies.push(markupText(email.html));
  const attachments = email.attachments.map((a, i) => {
    const content = a.content;
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : new Uint8Array(content as ArrayBuffer);
    return { name: a.filename ?? `part ${i + 1} (${a.mimeType})`, mimeType: a.mimeType, data };
  });
  return { headers, bodies, attachments };
}
