/**
 * Every layer of a written tree as text, read with poppler's tools (an oracle independent of the build's own
 * readers): each file's name; each PDF page's text; each PDF's metadata (Info and XMP) and bookmarks; each
 * attachment's name and content (PDFs inside PDFs read the same way, e-mails with quoted-printable and base64
 * parts decoded); every other file's bytes as text (CSV, JSON, the XLSX's XML).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export interface Layer {
  file: string;
  where: string;
  text: string;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

/** A MIME message's text with its quoted-printable and base64 bodies decoded (enough for the build's natives). */
export function decodedEmail(raw: string): string {
  const qp = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  const b64 = [...raw.matchAll(/base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) => Buffer.from(m[1]!, "base64").toString("utf8"));
  return [qp, ...b64].join("\n");
}

function pdfLayers(file: string, name: string, depth: number): Layer[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [file]))?.[1] ?? 0);
  const out: Layer[] = [];
  for (let p = 1; p <= pages; p++)
    out.push({ file: name, where: `page ${p}`, text: run("pdftotext", ["-f", `${p}`, "-l", `${p}`, "-enc", "UTF-8", file, "-"]) });
  out.push({ file: name, where: "metadata", text: run("pdfinfo", ["-meta", file]) + run("pdfinfo", [file]) });
  out.push({ file: name, where: "bookmarks", text: run("pdfinfo", ["-dests", file]) });
  const list = run("pdfdetach", ["-list", file]);
  out.push({ file: name, where: "attachment names", text: list });
  if (depth < 3 && /^\d+ embedded files/.test(list) && !/^0 embedded/.test(list)) {
    const dir = mkdtempSync(join(tmpdir(), "layers-"));
    run("pdfdetach", ["-saveall", "-o", dir, file]);
    for (const a of readdirSync(dir)) out.push(...fileLayers(join(dir, a), `${name} » ${a}`, depth + 1));
  }
  return out;
}

function fileLayers(file: string, name: string, depth: number): Layer[] {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return pdfLayers(file, name, depth);
  const text = bytes.toString("utf8");
  if (/\.eml$/i.test(name)) return [{ file: name, where: "e-mail", text: decodedEmail(text) }];
  if (/\.xlsx$/i.test(name)) return [{ file: name, where: "cells", text: run("unzip", ["-p", file]) }];
  return [{ file: name, where: "content", text }];
}

/** Every layer of every file under `dir`. */
export function treeLayers(dir: string): Layer[] {
  const out: Layer[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const name = relative(dir, p);
        out.push({ file: name, where: "file name", text: name }, ...fileLayers(p, name, 0));
      }
    }
  };
  walk(dir);
  return out;
}

/** Letters and digits only, lower case ("(312) 555-0147" → "3125550147"): how values are compared across layers. */
export const folded = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
/** Digits only: a number is found however it is grouped or broken over lines. */
export const digits = (s: string) => s.replace(/\D/g, "");

/** Whether `value`'s digits occur in `text` as one run of digits broken only by spaces, punctuation or line breaks. */
export const hasDigits = (text: string, value: string) => text.split(/\p{L}+/u).some((run) => digits(run).includes(digits(value)));
