/**
 * Every kind of entry the build cache keeps, what it holds, and its key recipe: the list of everything the
 * entry is made from. An entry is named by SHA-256 over the store's format, the tool's version, its kind and
 * its recipe's parts, so a changed input is another name and an entry is never stale. A recipe that leaves
 * an input out serves a stale exhibit in a court filing: each one here lists all of them, and nothing else
 * in the code names an entry.
 */
import { createHash } from "node:crypto";
import { TOOL } from "../util/version.js";

/**
 * Bump when the meaning or layout of any entry changes: older entries are then never read. 7: a kept print is
 * one whose every character was drawn (checked when printed); a part's capture text layer keeps characters
 * beyond the BMP (it wrote U+FFFD for them). 8: every entry is sealed to its kind and key (a moved entry is a miss);
 * a record of a finished file has its change time.
 */
export const CACHE_FORMAT = 8;

/** A recipe: what the entry holds (for the reader of this table), and the parts its key is made of. */
interface Recipe<I> {
  holds: string;
  parts: (inputs: I) => unknown[];
}
const recipe = <I>(holds: string, parts: (inputs: I) => unknown[]): Recipe<I> => ({ holds, parts });

/** The renderer a print depends on besides its HTML: the browser binary and the machine's fonts. */
export type RendererIdentity = unknown;

export const RECIPES = {
  // Chromium prints (cache/cached-printer.ts): by the HTML, the browser's version and binary, the fonts.
  browser: recipe("the renderer's version string", (i: { renderer: RendererIdentity }) => [i.renderer]),
  render: recipe("a print (PDF bytes)", (i: { version: string; renderer: RendererIdentity; html: string }) => [
    i.version,
    i.renderer,
    i.html,
  ]),
  "render-source": recipe(
    "which print a source (template identity + data) was printed to",
    (i: { version: string; renderer: RendererIdentity; source: unknown }) => [i.version, i.renderer, i.source],
  ),
  pages: recipe("a PDF's page count", (pdf: Uint8Array) => [pdf]),
  "rendered-batch": recipe("a print's page count, the page each document starts on, each page's digest", (pdf: Uint8Array) => [pdf]),

  // Intake (cache/known-sources.ts, cache/parsed-case.ts, the build's image probe).
  case: recipe("case.yaml validated", (i: { code: string; text: string }) => [i.code, i.text]),
  "image-facts": recipe("an image's dimensions, EXIF and data check", (i: { media: string; data: Uint8Array }) => [i.media, i.data]),
  "known-sources": recipe(
    "the stat, SHA-256 and facts of each image and sidecar of a case, and whole readings",
    (i: { caseDir: string }) => [i.caseDir],
  ),
  readings: recipe("(the context whole readings are valid in)", (i: { caseYaml: string; caseDirAsNamed: string; code: string }) => [
    i.caseYaml,
    i.caseDirAsNamed,
    i.code,
  ]),

  // OCR (ocr/): the words of one image page, by the image's SHA-256, the engine, the languages and every setting.
  ocr: recipe("the words OCR read on one page, with their boxes and confidence", (i: { inputs: unknown }) => [i.inputs]),

  // Exhibits (exhibits/): composed pages, and what writing an exhibit's files came to.
  parts: recipe(
    "an exhibit's composed, stamped pages, as part files of at most PART_PAGES pages",
    (i: {
      twin: string;
      legend: string | null;
      /** Each item's footer (URL, capture time in the case's zone, short hash), as this tree prints it. */
      footers: string[];
      exhibit: unknown;
      items: unknown[];
      cover: string;
      bates: unknown;
      partPages: number;
      partBytes: number;
    }) => [i.twin, i.legend, i.footers, i.exhibit, i.items, { cover: i.cover }, i.bates, i.partPages, i.partBytes],
  ),
  "exhibit-outcome": recipe(
    "the files an exhibit was written to (under its parts and everything its metadata says)",
    (i: {
      parts: string;
      caseId: string;
      caption: unknown;
      builtAt: string;
      producer: string;
      redacted: boolean[];
      /** Where the natives are kept instead of attached (the court takes no embedded files), or null: attached. */
      nativesBeside: string | null;
    }) => [i.parts, i.caseId, i.caption, i.builtAt, i.producer, i.redacted, i.nativesBeside],
  ),

  "cover-layout": recipe(
    "how many pages each cover of a case took in its last build (a first guess for the plan, always checked)",
    (i: { caseDir: string }) => [i.caseDir],
  ),

  // Finished files in a bundle (cache/output-store.ts): where the last build put each one, its stat and SHA-256.
  exhibit: recipe("the record of an exhibit file (one volume)", (i: { parts: unknown[]; info: unknown }) => [i.parts, i.info]),
  bundle: recipe("the record of bundle.pdf or one of its volumes", (i: { parts: unknown[]; info: unknown }) => [i.parts, i.info]),
  appendix: recipe("the record of an appendix PDF", (i: { prints: string[]; info: unknown; linksFrom: string; numbering: unknown[] }) => [
    i.prints,
    i.info,
    i.linksFrom,
    i.numbering,
  ]),
  layout: recipe("where each part's objects sit in a file written at this path", (i: { path: string }) => [i.path]),

  // Appendices (appendices/).
  "appendix-piece": recipe(
    "an appendix print with its links made relative and its pages numbered",
    (i: { print: Uint8Array; linksFrom: string; numbering: unknown }) => [i.print, i.linksFrom, i.numbering],
  ),
  workbook: recipe("an XLSX workbook", (i: { inputs: unknown[]; builtAt: string }) => [...i.inputs, i.builtAt]),

  // Custody (custody/): the log as the last build left it.
  custody: recipe("a checkpoint of the case's custody log", (i: { code: string; caseDir: string }) => [i.code, i.caseDir]),

  // The store itself: the small entries a case's last build used, in one file.
  journal: recipe("the small entries a case's last build used", (i: { case: string }) => [i.case]),
} as const;

export type CacheKind = keyof typeof RECIPES;
export type KeyInputs<K extends CacheKind> = Parameters<(typeof RECIPES)[K]["parts"]>[0];

/** What the build reports reuse of: every kind, and two counts that are not entries of their own. */
export type CacheStatKind = CacheKind | "bundle-parts";

/** An entry's name, made by its kind's recipe (and only there: a name is not a string anyone can make). */
export type CacheKey<K extends CacheKind = CacheKind> = string & { readonly __entryOf: K };

/** JSON for keys: nothing may vanish silently (BigInt, Map, Set and bytes are spelled out; functions are readers, left out). */
function keyReplacer(_: string, v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Map) return { map: [...v] };
  if (v instanceof Set) return { set: [...v] };
  if (v instanceof Uint8Array) return { bytes: createHash("sha256").update(v).digest("hex") };
  return v;
}

/** Digests of byte arrays this process has hashed or checked (see digestOf). */
const digests = new WeakMap<Uint8Array, Buffer>();

/**
 * The SHA-256 of bytes (32 bytes), remembered for the very object: a render read from the cache (its digest
 * checked as it is read) is the key of several facts about it, and is not hashed again for each.
 */
export function digestOf(bytes: Uint8Array): Buffer {
  let d = digests.get(bytes);
  if (!d) digests.set(bytes, (d = createHash("sha256").update(bytes).digest()));
  return d;
}

/** Remember `digest` as the SHA-256 of `bytes` (the caller has just computed or checked it). */
export function knownDigest<T extends Uint8Array>(bytes: T, digest: Buffer): T {
  digests.set(bytes, digest);
  return bytes;
}

/** The name of an entry of `kind` made from `inputs`, by the kind's recipe. */
export function cacheKey<K extends CacheKind>(kind: K, inputs: KeyInputs<K>): CacheKey<K> {
  const h = createHash("sha256").update(JSON.stringify([CACHE_FORMAT, TOOL.version, kind]));
  const parts = (RECIPES[kind].parts as (i: KeyInputs<K>) => unknown[])(inputs);
  for (const x of parts) h.update("\0").update(x instanceof Uint8Array ? digestOf(x) : (JSON.stringify(x, keyReplacer) ?? "undefined"));
  return h.digest("hex") as CacheKey<K>;
}
