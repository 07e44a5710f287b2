/**
 * The text an HTML document asks Chromium to draw: the characters between its tags, entities decoded, without
 * what is never drawn (<head> with its <style> and <title>, <script>, comments, attributes, and elements
 * hidden with an inline display:none or the hidden attribute, such as the named-destination links of a
 * documents print). The glyph check (glyph-check.ts) compares it with the text layer of the print.
 *
 * The templates draw no text from CSS (no `content:`), so the body's text is all the text a print shows.
 */

import { decodeEntities } from "../util/html-entities.js";

const RAW_TEXT = new Set(["script", "style", "title", "textarea", "template"]);
const NEVER_SHOWN = new Set(["head", "script", "style", "title", "template", "noscript"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** The named entities the templates and handlebars' escaping can produce (others are left out, never guessed). */

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

const hides = (attributes: string) =>
  /(?:^|\s)hidden(?:\s|=|\/|$)/i.test(attributes) || /\sstyle\s*=\s*(["'])[^"']*display\s*:\s*none/i.test(attributes);

/** The visible text of an HTML document (whitespace as written: the comparison ignores it). */
export function visibleText(html: string): string {
  let out = "";
  let at = 0;
  /** While inside an element that is never drawn: its name and how deep it nests in itself. */
  let skipping: { name: string; depth: number } | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (!skipping) out += decodeTemplateEntities(html.slice(at, m.index));
    at = TAG.lastIndex;
    const [, closing, rawName, attributes = ""] = m;
    if (rawName === undefined) continue; // a comment, doctype or processing instruction
    const name = rawName.toLowerCase();
    const selfClosing = VOID.has(name) || /\/\s*$/.test(attributes);
    if (RAW_TEXT.has(name) && !closing && !selfClosing) {
      // Its content is text up to its end tag, whatever it holds (CSS may contain "<" and ">").
      const endTag = new RegExp(`</${name}`, "gi");
      endTag.lastIndex = at;
      const next = endTag.exec(html)?.index ?? html.length;
      if (!skipping && !NEVER_SHOWN.has(name)) out += decodeTemplateEntities(html.slice(at, next));
      TAG.lastIndex = at = next;
      continue;
    }
    if (skipping) {
      if (name === skipping.name && !selfClosing) skipping.depth += closing ? -1 : 1;
      if (skipping.depth === 0) skipping = undefined;
      continue;
    }
    if (!closing && !selfClosing && (NEVER_SHOWN.has(name) || hides(attributes))) skipping = { name, depth: 1 };
  }
  if (!skipping) out += decodeTemplateEntities(html.slice(at));
  return out;
}

/** The templates' HTML: its character references decoded (it writes no unknown name). */
function decodeTemplateEntities(text: string): string {
  return decodeEntities(text, "drop");
}
