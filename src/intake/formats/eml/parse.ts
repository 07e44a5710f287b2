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
import type { Address as MimeAddress, Email } from "postal-mime";
import type { EmailAttachmentInfo, EmailHeader, EmailReceipt } from "../../../model/purchase.js";
import { InvalidInputError } from "../../../util/errors.js";
import { sha256Bytes } from "../../../util/hash.js";
import { rfc5322DateToUtc } from "../../../util/time.js";

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

  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: "arraybuffer" });
  } catch (e) {
    throw new InvalidInputError({ file }, `the email's MIME structure could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }

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

// --- HTML → text -------------------------------------------------------------------------------------

/** Elements whose content is not shown. */
const SKIPPED = new Set(["script", "style", "head", "title", "noscript", "template", "xml"]);
/** Elements that end a line when they close (and <p> also when it opens, to leave a blank line). */
const BLOCK = new Set([
  "p",
  "div",
  "tr",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "aside",
  "main",
  "pre",
  "center",
  "address",
  "form",
  "fieldset",
  "figure",
  "figcaption",
  "hr",
  "body",
  "html",
]);
const CELL = new Set(["td", "th"]);

/**
 * A small, dependency-free HTML → text reduction for receipt e-mails: drops <script>, <style>, <head> and
 * comments; <br>, block ends (</p>, </div>, </tr>, </li>, …) become line breaks; table cells are separated by
 * tabs; list items start with "• "; entities are decoded; spaces are collapsed and at most one blank line is
 * kept. Linear in the input (no backtracking regular expressions over the document).
 */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  const out = new TextBuilder();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      out.push(textChunk(html.slice(i)));
      break;
    }
    out.push(textChunk(html.slice(i, lt)));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 80));
    if (!m) {
      if (html[lt + 1] === "!" || html[lt + 1] === "?") {
        const end = html.indexOf(">", lt);
        i = end === -1 ? html.length : end + 1;
      } else {
        out.push("<");
        i = lt + 1;
      }
      continue;
    }
    const closing = m[1] === "/";
    const name = m[2].toLowerCase();
    i = tagEnd(html, lt + m[0].length);
    if (!closing && SKIPPED.has(name) && !/\/\s*>$/.test(html.slice(Math.max(lt, i - 3), i))) {
      let close = lower.indexOf(`</${name}`, i);
      if (close === -1 && name === "head") close = lower.indexOf("<body", i);
      if (close === -1) {
        i = html.length;
      } else if (name === "head" && lower.startsWith("<body", close)) {
        i = close;
      } else {
        const end = html.indexOf(">", close);
        i = end === -1 ? html.length : end + 1;
      }
      continue;
    }
    if (name === "br") out.push("\n");
    else if (CELL.has(name)) out.push(closing ? "\t" : "");
    else if (name === "li" && !closing) {
      out.lineBreaks(1);
      out.push("• ");
    } else if (name === "p") out.lineBreaks(2);
    else if (BLOCK.has(name)) out.lineBreaks(1);
  }
  const lines = out
    .text()
    .split("\n")
    .map((l) =>
      l
        .replace(/[ \u00a0]+/g, " ")
        .replace(/ ?\t ?/g, "\t")
        .replace(/\t+/g, "\t")
        .replace(/^[\t ]+|[\t ]+$/g, ""),
    );
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The text being built, as a list of pieces, so that looking at (and trimming) its end costs only the last
 * pieces: a string built with += would be re-flattened at every block tag, quadratic on large documents.
 */
class TextBuilder {
  private parts: string[] = [];

  push(s: string): void {
    if (s) this.parts.push(s);
  }

  /** End the text with at least n line breaks (a block edge), unless nothing has been written yet. */
  lineBreaks(n: number): void {
    const p = this.parts;
    while (p.length > 0) {
      const trimmed = p[p.length - 1].replace(/[ \t]+$/, "");
      if (trimmed === "") p.pop();
      else {
        p[p.length - 1] = trimmed;
        break;
      }
    }
    if (p.length === 0) return;
    let have = 0;
    for (let k = p.length - 1; k >= 0 && have < n; k--) {
      const part = p[k];
      let j = part.length - 1;
      while (j >= 0 && part[j] === "\n" && have < n) {
        have++;
        j--;
      }
      if (j >= 0) break;
    }
    if (have < n) p.push("\n".repeat(n - have));
  }

  text(): string {
    return this.parts.join("");
  }
}

/** Index just past the ">" that ends a tag starting before `from`, skipping quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote: string | undefined;
  for (let k = from; k < html.length; k++) {
    const c = html[k];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return k + 1;
  }
  return html.length;
}

function textChunk(s: string): string {
  return s ? decodeEntities(s.replace(/[ \t\r\n\f]+/g, " ")) : "";
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  zwnj: "",
  zwj: "",
  shy: "",
  lrm: "",
  rlm: "",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  bull: "•",
  middot: "·",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  times: "×",
  divide: "÷",
  deg: "°",
  plusmn: "±",
  laquo: "«",
  raquo: "»",
  sect: "§",
  para: "¶",
  iexcl: "¡",
  iquest: "¿",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
  szlig: "ß",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  aacute: "á",
  agrave: "à",
  acirc: "â",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  ccedil: "ç",
  Eacute: "É",
  rarr: "→",
  larr: "←",
  check: "✓",
  star: "☆",
  dagger: "†",
  permil: "‰",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  sup2: "²",
  micro: "µ",
};

/** Named (common set), decimal and hex character references; unknown names are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === "#") {
      const cp = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(cp);
    }
    return ENTITIES[body] ?? whole;
  });
}
