/**
 * Many documents in one Chromium print. A print costs about as much for one page as for thirty (figures in
 * docs/performance.md), so pieces of rendered evidence are grouped into prints; each piece starts a new page,
 * and the named destination Chromium writes for each piece's anchor says on which page it starts.
 *
 * Where a group ends is decided by the pieces' names (content-defined cuts, as backup tools chunk files):
 * a group closes after a piece whose name hashes to one of CUT_ONE_IN values, or when it is full. Adding,
 * removing or editing one document therefore changes the prints around it, not every print after it, and a
 * rebuild re-prints a group or two, not the whole case.
 */
import { createHash } from "node:crypto";
import type { Printer } from "../browser/index.js";
import type { RenderedBatchFacts } from "../pdf/index.js";
import { mapLimit } from "../util/concurrency.js";
import { EnvironmentError } from "../util/errors.js";
import { renderTemplate, templatesIdentity } from "./templates.js";
import { documentField, naming, pathsHolding } from "./undrawn-places.js";

export interface DocumentPiece {
  /** The partial that lays it out: templates/partials/document-<template>.hbs. */
  template: "transcript" | "purchases" | "email";
  /** Its template data, made when its print is laid out (thumbnails stay out of memory until then). */
  data(): Promise<object>;
  /** A stable name (item, twin, piece number): where groups are cut depends on it, not on the content. */
  name: string;
  /** About how many table rows it holds: bounds the size of one print. */
  weight: number;
  /**
   * Everything its data is made from, when that can be said without making it (its data, minus thumbnails,
   * plus their images' digests): a print whose pieces all have one is recalled from the cache by them.
   */
  source?: unknown;
  /** The case-relative path of the evidence it is printed from. */
  file: string;
  /** What it shows (its data without thumbnails): where a character Chromium could not draw is looked for. */
  shows: object;
}

/** Where a piece's pages are: pages [first, first + count) of the PDF `file`, with their digests. */
export interface PrintedPiece {
  file: string;
  first: number;
  count: number;
  pageDigests: string[];
  /** The other named destinations on its pages (the anchors of its redacted spans), by the page of the piece (0-based). */
  anchors: Record<string, number>;
}

export interface PrintContext {
  printer: Printer;
  /** Page count, named destinations and page digests of a printed PDF (kept in the build cache). */
  facts(pdf: Uint8Array): Promise<RenderedBatchFacts>;
  /** Keep a printed PDF (in the work folder); returns its path. */
  write(pdf: Uint8Array): Promise<string>;
}

export const PIECES_PER_PRINT = 32;
export const WEIGHT_PER_PRINT = 1000;
const CUT_ONE_IN = 16;
/** Prints in flight: Chromium lays out one while it prints the other. */
const PRINTS_AT_ONCE = 2;

const cutsAfter = (name: string) => createHash("sha256").update(name).digest()[0]! % CUT_ONE_IN === 0;

/** The pieces, in order, cut into groups printed together. */
export function groupPieces<T extends Pick<DocumentPiece, "name" | "weight">>(pieces: readonly T[]): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let weight = 0;
  pieces.forEach((piece, i) => {
    group.push(piece);
    weight += piece.weight;
    const next = pieces[i + 1];
    if (!next || group.length >= PIECES_PER_PRINT || weight + next.weight > WEIGHT_PER_PRINT || cutsAfter(piece.name)) {
      groups.push(group);
      group = [];
      weight = 0;
    }
  });
  return groups;
}

/** Print every piece; the result is in the pieces' order. */
export async function printPieces(pieces: readonly DocumentPiece[], ctx: PrintContext): Promise<PrintedPiece[]> {
  const groups = groupPieces(pieces);
  const printed = await mapLimit(groups, PRINTS_AT_ONCE, async (group) => {
    const anchor = (k: number) => `document-${k + 1}`;
    const source = group.every((p) => p.source !== undefined)
      ? ["documents", templatesIdentity(), group.map((p, k) => [anchor(k), p.template, p.source])]
      : undefined;
    // Laid out only when the print is not kept (the pieces' data, thumbnails included, is made then).
    const print = ctx.printer.print(source, async () => {
      const documents = await Promise.all(
        group.map(async (p, k) => ({ anchor: anchor(k), partial: `document-${p.template}`, data: await p.data() })),
      );
      return renderTemplate("documents", { documents });
    });
    const files = [...new Set(group.map((p) => p.file))];
    const pdf = await naming(print, `the rendered evidence of ${files.join(", ")}`, (ch) =>
      group.flatMap((p) => pathsHolding(p.shows, ch).map((path) => ({ file: p.file, field: documentField(p.shows, path) }))),
    );
    const facts = await ctx.facts(pdf);
    const file = await ctx.write(pdf);
    const starts = group.map((_, k) => facts.starts[anchor(k)]);
    return group.map((p, k): PrintedPiece => {
      const first = starts[k];
      const end = k + 1 < group.length ? starts[k + 1] : facts.pages;
      if (first === undefined || end === undefined || (k === 0 && first !== 0) || end <= first) {
        throw new EnvironmentError(
          `Chromium printed ${group.length} documents together but did not mark where each begins (piece ` +
            `${p.name.replaceAll("\0", " ")}: ${JSON.stringify(starts)} of ${facts.pages} pages)`,
        );
      }
      // Anchor names are unique in a print and each lies on its own piece's pages.
      const anchors = Object.fromEntries(
        Object.entries(facts.starts)
          .filter(([name, page]) => !/^document-\d+$/.test(name) && page >= first && page < end)
          .map(([name, page]) => [name, page - first]),
      );
      return { file, first, count: end - first, pageDigests: facts.pageDigests.slice(first, end), anchors };
    });
  });
  return printed.flat();
}
