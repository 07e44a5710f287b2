/**
 * Stage 2 (intake), format eml: the text of an HTML e-mail part, as a reader sees it — blocks on their own lines,
 * table cells apart, character references decoded.
 */
import { decodeEntities } from "../../../util/html-entities.js";

export { decodeEntities };

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

/** Named (common set), decimal and hex character references; unknown names are left as written. */
