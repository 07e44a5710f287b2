/**
 * The layers of one file's content, by what the content is (its bytes first, then its name): PDF, e-mail, zip
 * (XLSX), CSV, JSON, markup, plain text, else the printable runs of a binary. Attachments recurse through
 * here, at most MAX_NESTING deep. A part that cannot be read is an Unreadable, never an exception.
 */
import { EnvironmentError } from "../util/errors.js";
import { csvRecords } from "../util/csv-records.js";
import { markupParts, markupText } from "../util/markup-text.js";
import { emailParts } from "./email.js";
import { pdfLayers } from "./pdf-layers.js";
import type { Found, PageTexts, Where } from "./where.js";
import { isZip, zipEntries } from "./zip.js";

export interface Extraction {
  sink: (found: Found) => void;
  pageTexts: PageTexts;
}

/** Attachments inside attachments: deeper ones are named as unreadable. */
export const MAX_NESTING = 8;
/** Printable runs shorter than this in a binary are noise. */
const MIN_RUN = 6;

const utf8 = new TextDecoder("utf-8", { fatal: false });
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function isPdf(data: Uint8Array): boolean {
  return Buffer.from(data.subarray(0, 1024)).includes("%PDF-");
}

function looksLikeEmail(data: Uint8Array, name: string, mimeType?: string): boolean {
  if (/\.eml$/i.test(name) || mimeType === "message/rfc822") return true;
  const head = Buffer.from(data.subarray(0, 8192)).toString("latin1");
  const headers = head.split(/\r?\n\r?\n/, 1)[0] ?? "";
  return /^From:/im.test(headers) && /^(?:Date|Subject|MIME-Version):/im.test(headers) && /^[\w-]+:/.test(headers);
}

/** The text of bytes that are UTF-8 without NULs (plain text, not a binary), else undefined. */
function textOf(data: Uint8Array): string | undefined {
  if (data.subarray(0, 8192).includes(0)) return undefined;
  try {
    return strictUtf8.decode(data);
  } catch {
    return undefined;
  }
}

/** The runs of printable ASCII in a binary, one per line. */
function printableRuns(data: Uint8Array): string {
  const latin1 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1");
  const re = new RegExp(`[\\x20-\\x7e\\t]{${MIN_RUN},}`, "g");
  return (latin1.match(re) ?? []).join("\n");
}

/** Every string, number and key of a JSON value. */
function jsonParts(v: unknown, out: string[], depth = 0): void {
  if (depth > 256) return;
  if (typeof v === "string") out.push(v);
  else if (typeof v === "number" || typeof v === "boolean") out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) jsonParts(x, out, depth + 1);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      jsonParts(x, out, depth + 1);
    }
}

function csvLayers(text: string, where: Where, x: Extraction): boolean {
  const first = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = [",", ";", "\t"].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  try {
    for (const row of csvRecords(text, delimiter))
      x.sink({ ...where, at: `line ${row.line}`, layer: "cell", text: row.cells.join(" \u2502 "), parts: row.cells });
    return true;
  } catch {
    return false;
  }
}

function zipLayers(data: Uint8Array, where: Where, x: Extraction, depth: number): Promise<void>[] {
  const nested: Promise<void>[] = [];
  for (const e of zipEntries(data)) {
    const at = e.name;
    x.sink({ ...where, at, layer: "file-name", text: e.name });
    if (!e.data) {
      x.sink({ ...where, at, layer: "file-name", problem: e.problem ?? "it has no data" });
      continue;
    }
    if (/\.(?:xml|rels|vml)$/i.test(e.name)) {
      const layer = /^docProps\//.test(e.name) ? "metadata" : /^xl\//.test(e.name) ? "cell" : "text";
      const parts = markupParts(utf8.decode(e.data));
      x.sink({ ...where, at, layer, text: parts.join("\n"), parts });
    } else nested.push(contentLayers(e.data, e.name, { ...where, at }, x, depth + 1));
  }
  return nested;
}

async function emailLayers(data: Uint8Array, where: Where, x: Extraction, depth: number): Promise<void> {
  const parts = await emailParts(data);
  x.sink({ ...where, layer: "email-header", text: parts.headers.join("\n"), parts: parts.headers });
  for (const body of parts.bodies) x.sink({ ...where, layer: "email-body", text: body });
  for (const a of parts.attachments) {
    const inner: Where = { file: where.file, attachment: [...(where.attachment ?? []), a.name] };
    x.sink({ ...inner, layer: "attachment-name", text: a.name });
    await contentLayers(a.data, a.name, inner, x, depth + 1, undefined, a.mimeType);
  }
}

/**
 * The layers of `data` (named `name`: a tree path, an attachment or entry name) at `where`. `path` is the file on
 * disk when it is one (pdftotext reads it there instead of through a pipe).
 */
export async function contentLayers(
  data: Uint8Array,
  name: string,
  where: Where,
  x: Extraction,
  depth: number,
  path?: string,
  mimeType?: string,
): Promise<void> {
  if (depth > MAX_NESTING) {
    x.sink({ ...where, layer: "attachment-name", problem: `it is nested more than ${MAX_NESTING} attachments deep; not read` });
    return;
  }
  const kind = isPdf(data) ? "PDF" : looksLikeEmail(data, name, mimeType) ? "e-mail" : isZip(data) ? "zip" : "text";
  try {
    if (kind === "PDF") return await pdfLayers(data, where, x, path, (d, n, w) => contentLayers(d, n, w, x, depth + 1));
    if (kind === "e-mail") return await emailLayers(data, where, x, depth);
    if (kind === "zip") {
      await Promise.all(zipLayers(data, where, x, depth));
      return;
    }
  } catch (e) {
    if (e instanceof EnvironmentError) throw e; // no pdftotext: the gate cannot run at all
    x.sink({ ...where, layer: "text", problem: `this ${kind} cannot be read (${(e as Error).message}); its text is searched as bytes` });
    x.sink({ ...where, layer: "strings", text: printableRuns(data) });
    return;
  }
  const text = textOf(data);
  if (text === undefined) return void x.sink({ ...where, layer: "strings", text: printableRuns(data) });
  if (/\.csv$/i.test(name) || mimeType === "text/csv") if (csvLayers(text, where, x)) return;
  if (/\.json$/i.test(name) || mimeType === "application/json") {
    try {
      const parts: string[] = [];
      jsonParts(JSON.parse(text), parts);
      return void x.sink({ ...where, layer: "cell", text: parts.join("\n"), parts });
    } catch {
      // not JSON after all: searched as text below
    }
  }
  const markup = /\.(?:html?|xml|xhtml|svg)$/i.test(name) || /^text\/html|xml/.test(mimeType ?? "");
  x.sink({ ...where, layer: "text", text: markup ? markupText(text) : text });
}
