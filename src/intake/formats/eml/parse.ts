/**
 * Stage 2 (intake), format eml: the parser of `.eml` receipts (RFC 5322 / MIME, DOMAIN.md §8.6), parsed with postal-mime.
 *
 * Kept: the headers that matter for authenticating the message (Date, From, To, Cc, Subject, Message-ID,
 * Reply-To, Return-Path, every Received, every DKIM-Signature, the ARC set, Authentication-Results,
 * X-AMAZON-METADATA, Feedback-ID), in file order, unfolded and with runs of white space collapsed; RFC 2047
 * encoded words are decoded in the address and subject headers. The body as text: the text/plain part, or,
 * when the message has only HTML, the HTML reduced to readable text by `htmlToText` below. Attachments are
 * listed with their size and SHA-256.
 *
 * Nothing is verified here: DKIM needs the signer's public key from DNS at ingest time (DOMAIN.md §8.6), so
 * each DKIM-Signature is summarised as "present … not verified (offline)", and Authentication-Results are
 * quoted as the receiving server recorded them.
 */
import { htmlToText } from "./html-text.js";
import type { Address as MimeAddress, Email } from "postal-mime";
import type { EmailAttachmentInfo, EmailHeader, EmailReceipt } from "../../../model/purchase.js";
import { InvalidInputError } from "../../../util/errors.js";
import { sha256Bytes } from "../../../util/hash.js";
import { rfc5322DateToUtc } from "../../../util/time.js";
import { checkEmailText, rootOf } from "./text-bytes.js";

/** Levels of multipart nesting one email may have (real receipts have two or three). */
export const MAX_MIME_DEPTH = 32;
/** Bytes of one part's header block. */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** Headers kept, in canonical spelling. */
const KEPT_HEADERS = [
  "Date",
  "From",
  "To",
  "Cc",
  "Subject",
  "Message-ID",
  "Reply-To",
  "Return-Path",
  "Received",
  "DKIM-Signature",
  "ARC-Seal",
  "ARC-Message-Signature",
  "ARC-Authentication-Results",
  "Authentication-Results",
  "X-AMAZON-METADATA",
  "Feedback-ID",
];
const CANONICAL = new Map(KEPT_HEADERS.map((h) => [h.toLowerCase(), h]));
const DECODED = new Set(["from", "to", "cc", "subject", "reply-to"]);

/** Why the start of a file is not an RFC 5322 header block, or undefined when it is one. */
function headerBlockProblem(head: string): string | undefined {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (text.trim() === "") return "the file is empty";
  const lines = text.split(/\r?\n/, 5000);
  let i = 0;
  if (/^From \S+/.test(lines[0] ?? "")) i = 1; // an mbox "From " separator line before the headers
  const names = new Set<string>();
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") break;
    if (/^[ \t]/.test(line)) {
      if (names.size === 0) return "the file starts with indented text, not a header line";
      continue;
    }
    const m = /^([!-9;-~]+)[ \t]*:/.exec(line);
    if (!m) {
      if (names.size === 0) return 'the first line is not a header field ("Name: value")';
      break; // a malformed line ends the header block
    }
    names.add(m[1].toLowerCase());
  }
  if (!names.has("from")) return "the header block has no From field";
  if (!["date", "subject", "mime-version"].some((n) => names.has(n))) return "the header block has no Date, Subject or MIME-Version field";
  return undefined;
}

/** True when the text starts with an e-mail header block (From plus Date, Subject or MIME-Version). */
export function looksLikeEml(head: string): boolean {
  return headerBlockProblem(head) === undefined;
}

export async function parseEml(bytes: Uint8Array, displayPath: string): Promise<EmailReceipt> {
  const { default: PostalMime, decodeWords } = await import("postal-mime"); // loaded when an email is read
  const file = displayPath;
  // Headers are ASCII; latin1 maps every byte to one character, so this never fails on binary input.
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const headEnd = latin1.search(/\r?\n\r?\n/);
  const problem = headerBlockProblem(headEnd === -1 ? latin1 : latin1.slice(0, headEnd + 2));
  if (problem) throw new InvalidInputError({ file, line: 1 }, `not an RFC 5322 email: ${problem}`);

  const options = { attachmentEncoding: "arraybuffer", maxNestingDepth: MAX_MIME_DEPTH, maxHeadersSize: MAX_HEADER_BYTES } as const;
  const parsed = async (data: Uint8Array) => {
    const parser = new PostalMime(options);
    let email: Email;
    try {
      email = await parser.parse(data);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const bound = /^Maximum/.test(reason) ? " (the bound); it is not read" : "";
      throw new InvalidInputError({ file }, `the email's MIME structure could not be read: ${reason}${bound}`);
    }
    return { email, root: rootOf(parser) };
  };
  const { email, root } = await parsed(bytes);
  // Its text is checked to be text in its charsets before any of it is used (postal-mime decodes leniently).
  await checkEmailText(bytes, root, file, async (nested) => (await parsed(nested)).root);

  const headers: EmailHeader[] = [];
  for (const h of email.headers) {
    const name = CANONICAL.get(h.key);
    if (!name) continue;
    let value = h.value;
    if (DECODED.has(h.key)) {
      try {
        value = decodeWords(value);
      } catch {
        // keep the raw value
      }
    }
    headers.push({ name, value: value.replace(/\s+/g, " ").trim() });
  }

  // DKIM signatures first (what the sender claims), then what receiving servers recorded, each in file order.
  const authentication: string[] = [
    ...headers.filter((h) => h.name === "DKIM-Signature").map((h) => dkimSummary(h.value)),
    ...headers
      .filter((h) => h.name === "Authentication-Results" || h.name === "ARC-Authentication-Results")
      .map((h) => authResultsSummary(h.name, h.value)),
  ];

  // postal-mime converts HTML to text itself when there is no text/plain part; we use our own converter then.
  const hasPlainPart = /^content-type:[ \t]*(?:\r?\n[ \t]+)?text\/plain/im.test(latin1);
  let text: string;
  if (email.html !== undefined && !hasPlainPart) text = htmlToText(email.html);
  else
    text = (email.text ?? (email.html !== undefined ? htmlToText(email.html) : ""))
      .replace(/\r\n?/g, "\n")
      .replace(/[ \t]+$/gm, "")
      .trim();

  const attachments: EmailAttachmentInfo[] = email.attachments.map((a) => {
    const content =
      typeof a.content === "string" ? Buffer.from(a.content, a.encoding === "base64" ? "base64" : "utf8") : new Uint8Array(a.content);
    return { filename: a.filename ?? "(unnamed)", contentType: a.mimeType, bytes: content.byteLength, sha256: sha256Bytes(content) };
  });

  const receipt: EmailReceipt = { headers, authentication, text, attachments };
  if (email.subject !== undefined) receipt.subject = email.subject;
  if (email.from) receipt.from = formatAddress(email.from);
  if (email.to?.length) receipt.to = email.to.map(formatAddress).join(", ");
  const dateHeader = email.headers.find((h) => h.key === "date");
  const date = dateHeader ? rfc5322DateToUtc(dateHeader.value) : undefined;
  if (date) receipt.date = date;
  if (email.messageId) receipt.messageId = email.messageId.trim();
  return receipt;
}

function formatAddress(a: MimeAddress): string {
  if (a.group) return `${a.name}: ${a.group.map(formatAddress).join(", ")};`;
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

/** Tag list ("v=1; a=rsa-sha256; d=amazon.com; s=…") → tag → value, white space removed from values. */
function tags(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    if (!out.has(k)) out.set(k, part.slice(eq + 1).replace(/\s+/g, ""));
  }
  return out;
}

export function dkimSummary(value: string): string {
  const t = tags(value);
  return `DKIM-Signature present: d=${t.get("d") || "?"}, s=${t.get("s") || "?"}, a=${t.get("a") || "?"} — not verified (offline)`;
}

const KEPT_PROPS = new Set(["header.d", "header.i", "header.from", "smtp.mailfrom", "smtp.helo", "policy.dmarc"]);

/**
 * "mx.example.net; dkim=pass (2048-bit key) header.i=@amazon.com header.s=x header.b=AbC; spf=pass …" →
 * "Authentication-Results by mx.example.net: dkim=pass header.i=@amazon.com; spf=pass smtp.mailfrom=…;
 * dmarc=pass header.from=amazon.com (as recorded by that server)". Comments and signature fragments
 * (header.b) are dropped; the results themselves are quoted, not re-checked.
 */
export function authResultsSummary(name: string, value: string): string {
  let v = value;
  for (let k = 0; k < 5 && /\([^()]*\)/.test(v); k++) v = v.replace(/\([^()]*\)/g, " ");
  const parts = v
    .split(";")
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (name === "ARC-Authentication-Results" && parts[0] && /^i=\d+$/i.test(parts[0])) parts.shift();
  const server = parts.length > 0 && !/^[a-z0-9_.-]+=/i.test(parts[0]) ? parts.shift()!.split(" ")[0] : undefined;
  const results = parts.map((p) => {
    const words = p.split(" ");
    const kept = [words[0], ...words.slice(1).filter((w) => KEPT_PROPS.has(w.split("=")[0].toLowerCase()))];
    return kept.join(" ");
  });
  const by = server ? ` by ${server}` : "";
  return `${name}${by}: ${results.join("; ") || "none"} (as recorded by that server)`;
}

export { decodeEntities, htmlToText } from "./html-text.js";
