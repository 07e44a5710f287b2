/**
 * XML or HTML as every text it holds: text nodes, comments, script and style content, and attribute values (a
 * link's address, an image's alt text), tags replaced by spaces so neighbouring values never join, character
 * references decoded. For the leak gate (leaks/), which must see what is hidden as well as what is shown; a
 * reader's view of an HTML e-mail is intake's htmlToText.
 */
import { decodeEntities } from "./html-entities.js";

/** A tag, its quoted attribute values read whole (a ">" inside quotes does not end it). */
const TAG = /<(?:"[^"]*"|'[^']*'|[^'">])*>/g;
const ATTRIBUTE_VALUE = /=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g;
/** Comment and CDATA delimiters: what they hold is text to see, so only the delimiters go. */
const DELIMITERS = /<!--|-->|<!\[CDATA\[|\]\]>/g;

export function markupText(markup: string): string {
  const spaced = markup.replace(DELIMITERS, " ").replace(TAG, (tag) => {
    const values = [...tag.matchAll(ATTRIBUTE_VALUE)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
    return ` ${values.join(" ")} `;
  });
  return decodeEntities(spaced);
}

/** The same texts one by one: each text node and each attribute value (trimmed, the empty ones left out). */
export function markupParts(markup: string): string[] {
  const parts: string[] = [];
  const push = (s: string) => {
    const t = decodeEntities(s).trim();
    if (t) parts.push(t);
  };
  const text = markup.replace(DELIMITERS, " ");
  let at = 0;
  for (const m of text.matchAll(TAG)) {
    push(text.slice(at, m.index));
    for (const v of m[0].matchAll(ATTRIBUTE_VALUE)) push(v[1] ?? v[2] ?? v[3] ?? "");
    at = m.index + m[0].length;
  }
  push(text.slice(at));
  return parts;
}
