/**
 * Everything a tree's output says that a person or a program reads, file by file and layer by layer, read with the
 * outside tools (poppler, qpdf) as a court filer's software would: PDF text, Info and XMP metadata, bookmarks,
 * attachment names, CSV and JSON as text, XLSX cells (its XML), and each file's own path. For tests that hunt a value
 * in a tree (identity sealing: no alias, seller ID or store URL in the public tree).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { inflateRawSync } from "node:zlib";

export interface Layer {
  /** The file, relative to the tree. */
  file: string;
  layer: "file name" | "text" | "info" | "xmp" | "bookmarks" | "attachments" | "cells";
  text: string;
}

/** The text of every entry of an XLSX (a zip of XML), read with its own central directory. */
export function xlsxText(file: string): string {
  const zip = readFileSync(file);
  let text = "";
  for (let at = zip.indexOf("PK\u0001\u0002"); at >= 0; at = zip.indexOf("PK\u0001\u0002", at + 4)) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const [nameLen, extraLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30)];
    const local = zip.readUInt32LE(at + 42);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    text += (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    at += nameLen + extraLen;
  }
  return text;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });

/** Every bookmark title of a PDF, nested ones too. */
function bookmarks(file: string): string {
  const json = JSON.parse(run("qpdf", ["--json", "--json-key=outlines", file])) as { outlines: Outline[] };
  type Outline = { title: string; kids: Outline[] };
  const walk = (o: Outline[]): string[] => o.flatMap((x) => [x.title, ...walk(x.kids)]);
  return walk(json.outlines).join("\n");
}

export function layersOf(root: string): Layer[] {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(root, f)).isFile());
  return files.flatMap((f): Layer[] => {
    const abs = join(root, f);
    const file = relative(root, abs);
    const named: Layer = { file, layer: "file name", text: file };
    if (f.endsWith(".pdf"))
      return [
        named,
        { file, layer: "text", text: run("pdftotext", ["-enc", "UTF-8", abs, "-"]) },
        { file, layer: "info", text: run("pdfinfo", ["-enc", "UTF-8", abs]) },
        { file, layer: "xmp", text: run("pdfinfo", ["-meta", abs]) },
        { file, layer: "bookmarks", text: bookmarks(abs) },
        { file, layer: "attachments", text: run("pdfdetach", ["-list", abs]) },
      ];
    if (f.endsWith(".xlsx")) return [named, { file, layer: "cells", text: xlsxText(abs) }];
    return [named, { file, layer: "cells", text: readFileSync(abs, "utf8") }];
  });
}

/** Letters and digits only, case-folded: a value is found across spaces, dashes, dots, slashes and line breaks. */
export const folded = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
