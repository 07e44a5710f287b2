/**
 * The layers of one PDF for the leak gate: each page's text (pdftotext, by page number), the metadata (Info and
 * XMP), bookmarks, each page's annotations, every other string of its objects, and each embedded file — its name
 * and description, and its content through `nested` (a PDF inside a PDF, an e-mail, a CSV… recursively). What
 * pdf-lib or pdftotext cannot read is reported as unreadable, and the rest is still read.
 */
import { PageTextError } from "../pdf/page-text.js";
import { readPdfStrings } from "../pdf/read-strings.js";
import type { Extraction } from "./content.js";
import type { Where } from "./where.js";

export async function pdfLayers(
  data: Uint8Array,
  where: Where,
  x: Extraction,
  path: string | undefined,
  nested: (data: Uint8Array, name: string, where: Where) => Promise<void>,
): Promise<void> {
  const { sink } = x;
  const [pages, strings] = await Promise.allSettled([x.pageTexts(path ? { path } : { bytes: data }, data.length), readPdfStrings(data)]);
  if (pages.status === "fulfilled") for (const [i, text] of pages.value.entries()) sink({ ...where, page: i + 1, layer: "text", text });
  else if (pages.reason instanceof PageTextError) sink({ ...where, layer: "text", problem: pages.reason.message });
  else throw pages.reason;
  if (strings.status === "rejected") {
    sink({ ...where, layer: "pdf-object", problem: `pdf-lib cannot read its objects (${(strings.reason as Error).message})` });
    return;
  }
  const s = strings.value;
  sink({ ...where, layer: "metadata", text: s.metadata.join("\n"), parts: s.metadata });
  sink({ ...where, layer: "bookmark", text: s.bookmarks.join("\n"), parts: s.bookmarks });
  const byPage = new Map<number, string[]>();
  for (const a of s.annotations) byPage.set(a.page, [...(byPage.get(a.page) ?? []), a.text]);
  for (const [page, texts] of byPage) sink({ ...where, page, layer: "annotation", text: texts.join("\n"), parts: texts });
  sink({ ...where, layer: "pdf-object", text: s.other.join("\n"), parts: s.other });
  for (const a of s.attachments) {
    const inner: Where = { file: where.file, attachment: [...(where.attachment ?? []), a.name] };
    const names = a.description ? [a.name, a.description] : [a.name];
    sink({ ...inner, layer: "attachment-name", text: names.join("\n"), parts: names });
    if (a.data) await nested(a.data, a.name, inner);
    else sink({ ...inner, layer: "attachment-name", problem: a.problem ?? "it has no data" });
  }
}
