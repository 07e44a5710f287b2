/**
 * Every layer of a written tree as texts, each with where it is: for the leak gate (gate.ts), which searches
 * them for what the public twin must not hold. A layer is a file's name in the tree, a PDF page's text, a PDF's
 * metadata (Info and XMP), bookmarks, annotations and other strings, an attachment's name and — recursively —
 * its content (a PDF inside a PDF, an e-mail's headers, bodies and attachments, a zip's entries), CSV, JSON and
 * XLSX cells, plain text, and the printable runs of any other file (an image's EXIF or PNG text chunks).
 *
 * What it cannot see: the pixels of images (nothing is OCR'd here: a value legible in a picture but absent from
 * its text layers is not found), glyphs drawn with a font that has no Unicode map (pdftotext cannot say what
 * they are), and compressed or encrypted data it does not decode (a compressed image chunk, an encrypted zip
 * entry or PDF stream: named as unreadable, never guessed). A file or part it cannot read is reported, with
 * why, as unreadable: the gate never calls clean what it could not read.
 *
 * Bounded: files are read through util/input-file.ts within INPUT_BYTES.evidence, only regular files inside
 * the tree (a link is named, never followed), attachments nest at most MAX_NESTING deep, pdftotext runs
 * within a time limit, zip entries and embedded files inflate within their bounds.
 */
import { readdir, lstat } from "node:fs/promises";
import { join } from "node:path";
import { pdfPageTexts } from "../pdf/page-text.js";
import { readInputFile } from "../util/input-file.js";
import { INPUT_BYTES } from "../util/input-bounds.js";
import { byPath } from "../util/stored-files.js";
import { contentLayers, type Extraction } from "./content.js";
import type { Found, PageTexts } from "./where.js";

export { LAYERS, type Layer, type LayerKind, type Unreadable, type Found, type PageTexts, type Where } from "./where.js";

const MAX_TREE_DEPTH = 32;

export interface ExtractOptions {
  /** How a PDF's page texts are read: pdftotext by default (a child process; the unit tier passes its own). */
  pageTexts?: PageTexts;
  /** At most this many files are read at once (each PDF runs one pdftotext). */
  concurrency?: number;
}

/** The regular files of a tree (POSIX paths relative to it, sorted), and every other entry with what it is. */
async function treeFiles(root: string): Promise<{ files: string[]; odd: [string, string][] }> {
  const files: string[] = [];
  const odd: [string, string][] = [];
  const walk = async (dir: string, rel: string, depth: number) => {
    for (const name of (await readdir(dir)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const s = await lstat(join(dir, name));
      if (s.isDirectory() && depth < MAX_TREE_DEPTH) await walk(join(dir, name), path, depth + 1);
      else if (s.isFile()) files.push(path);
      else odd.push([path, s.isSymbolicLink() ? "a symbolic link (not followed)" : "not a regular file (not opened)"]);
    }
  };
  await walk(root, "", 0);
  return { files: files.sort(byPath), odd };
}

/** Hand every layer of the tree at `root` to `sink`, file by file (a few files at once). */
export async function extractLayers(root: string, sink: (found: Found) => void, opts: ExtractOptions = {}): Promise<void> {
  const x: Extraction = { sink, pageTexts: opts.pageTexts ?? pdfPageTexts };
  const { files, odd } = await treeFiles(root);
  for (const [file, problem] of odd) {
    sink({ file, layer: "file-name", text: file });
    sink({ file, layer: "file-name", problem });
  }
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      sink({ file, layer: "file-name", text: file });
      let data: Buffer;
      try {
        data = readInputFile(join(root, file), file, { maxBytes: INPUT_BYTES.evidence, boundOf: "a file of a tree" });
      } catch (e) {
        sink({ file, layer: "file-name", problem: (e as Error).message });
        continue;
      }
      await contentLayers(data, file, { file }, x, 0, join(root, file));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
}

/** Every layer of a tree, in a list (for tests and small trees; the gate streams them). */
export async function treeLayers(root: string, opts: ExtractOptions = {}): Promise<Found[]> {
  const out: Found[] = [];
  await extractLayers(root, (f) => out.push(f), opts);
  return out;
}
