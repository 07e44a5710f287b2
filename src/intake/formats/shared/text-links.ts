/**
 * Stage 2 (intake), shared by the chat formats: small text helpers of the chat-log parsers (Meta JSON, WhatsApp,
 * CSV): URLs in text, attachment kinds.
 */
import type { ChatAttachment } from "../../../model/conversation.js";

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f]+/gi;
const TRAILING = /[.,!?;:'"’”»)\]}>…]$/;

/**
 * Every http(s) URL in `text`, in full and in order of appearance, without duplicates. Trailing punctuation
 * that ends the sentence (".", ",", "!", "?", ";", ":", quotes, an unmatched ")") is not part of the URL;
 * balanced parentheses ("…/wiki/Foo_(bar)") are kept.
 */
export function findUrls(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    while (TRAILING.test(url)) {
      const last = url[url.length - 1];
      if (last === ")" && count(url, "(") >= count(url, ")")) break;
      if (last === "]" && count(url, "[") >= count(url, "]")) break;
      url = url.slice(0, -1);
    }
    const host = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
    if (!/[\p{L}\p{N}]/u.test(host)) continue;
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

/**
 * Attachment kind from a file name as chat exports write it: WhatsApp "IMG-20200607-WA0001.jpg",
 * "00000042-PHOTO-2020-06-07-15-13-20.jpg", "PTT-20200607-WA0003.opus", "STK-…webp"; Meta "photos/123.jpg".
 */
export function attachmentKind(name: string): ChatAttachment["kind"] {
  const base = name.split(/[\\/]/).pop() ?? name;
  const upper = base.toUpperCase();
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(base)?.[1].toLowerCase() ?? "";
  if (/(^|[-_])(STK|STICKER)([-_]|$)/.test(upper)) return "sticker";
  if (/(^|[-_])GIF([-_]|$)/.test(upper) || ext === "gif") return "gif";
  if (/(^|[-_])(PHOTO|IMG|IMAGE)([-_]|$)/.test(upper)) return "photo";
  if (/(^|[-_])(VID|VIDEO)([-_]|$)/.test(upper)) return "video";
  if (/(^|[-_])(AUD|PTT|AUDIO)([-_]|$)/.test(upper)) return "audio";
  if (["jpg", "jpeg", "png", "heic", "heif", "webp", "bmp", "tif", "tiff"].includes(ext)) return "photo";
  if (["mp4", "mov", "m4v", "3gp", "avi", "mkv", "webm"].includes(ext)) return "video";
  if (["opus", "ogg", "oga", "m4a", "mp3", "aac", "amr", "wav", "caf"].includes(ext)) return "audio";
  return "file";
}
