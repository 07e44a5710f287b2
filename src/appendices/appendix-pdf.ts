/**
 * An appendix PDF: laid out from its template whole, or in pieces (`data` per piece) that are joined (see
 * exhibitIndexChunks), each piece a print kept by what it is laid out from. Its links are made relative to
 * the appendices/ folder. Through the output store an unchanged appendix is the previous build's file, and a
 * changed one is written from its pieces, the unchanged pieces' bytes copied from the previous file.
 */
import { join } from "node:path";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { StoredFile } from "../model/digest.js";
import { finishAppendixPiece, joinPdfParts } from "../pdf/index.js";
import { naming, pathsHolding, renderTemplate, templatesIdentity } from "../render/index.js";
import { mapLimit } from "../util/concurrency.js";
import { sha256Bytes } from "../util/hash.js";
import { PRODUCER } from "../util/version.js";
import { BLANK_PROBLEM, blanksPrinted, courtProfile, legalCaps } from "../court/index.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import type { CaptionView } from "./context.js";

export const APPENDICES_DIR = "appendices";
/** Where the appendices' links to sibling files start from (they sit in appendices/, the bundle one up). */
const LINKS_FROM = "../";

const hex = (d: `sha256:${string}`) => d.slice(7);

export async function writeAppendixPdf(
  ctx: BuildContext,
  tree: TwinTree,
  caption: CaptionView,
  doc: { name: string; template: string; data: object | object[]; title: string },
): Promise<StoredFile> {
  const { config } = ctx.loaded;
  const court = config.court;
  const path = `${APPENDICES_DIR}/${doc.name}`;
  // Every appendix of the sealed tree is a sealed item: the legend heads its first page (court-caption partial).
  // A final build carries no draft banner or draft note, whatever the appendix asked for.
  const views = [doc.data].flat().map((d) => ({
    caption,
    legend: tree.twin === "sealed" ? ctx.sealing.legend : undefined,
    ...d,
    draft: !config.final && draftOf(d),
    titleCaps: legalCaps("docTitle" in d ? String((d as { docTitle: unknown }).docTitle) : doc.title),
  }));
  // A final build files no paper with a blank left for counsel: every one it would print is named, and nothing is printed.
  if (config.final)
    refuseBlanks(
      path,
      views.map((view) => ({ html: renderTemplate(doc.template, view, court), view })),
    );
  const prints = await mapLimit(views, 2, async (view) => {
    const print = ctx.printer.print(["appendix", doc.template, templatesIdentity(court), view], () =>
      renderTemplate(doc.template, view, court),
    );
    // A character Chromium could not draw is named by the appendix and the field of its data that holds it.
    return naming(print, path, (ch) => pathsHolding(view, ch).map((p) => ({ file: path, field: p.join(".") })));
  });
  const info = {
    // "(draft)" belongs to a draft's title only.
    title: config.final ? doc.title.replace(/\s*\(draft\)$/i, "") : doc.title,
    subject: `${config.caption.shortTitle}, No. ${config.caption.caseNumber}`,
    producer: PRODUCER,
    builtAt: ctx.builtAt.at,
  };
  // Pages are numbered through the whole appendix, so each piece's numbers follow from the pieces before it.
  const profile = courtProfile(court);
  const counts = await Promise.all(prints.map((r) => ctx.store.pageCounter(r)));
  const total = counts.reduce((a, b) => a + b, 0);
  const firsts = counts.map((_, i) => 1 + counts.slice(0, i).reduce((a, b) => a + b, 0));
  const numbering = (i: number) => ({ format: profile.pageNumber, first: firsts[i]!, total, bottomMargin: 72, size: profile.bodyPt });
  const key = ctx.store.key("appendix", {
    prints: prints.map((r) => hex(sha256Bytes(r))),
    info,
    linksFrom: LINKS_FROM,
    numbering: prints.map((_, i) => numbering(i)),
  });
  const target = join(tree.dir, path);
  const file = await ctx.outputs.output({ kind: "appendix", key, target, previousAt: join(tree.finalDir, path) }, async (previous) => {
    const pieces = await Promise.all(
      prints.map(async (r, i) => {
        const bytes = await ctx.store.bytes(
          "appendix-piece",
          ctx.store.key("appendix-piece", { print: r, linksFrom: LINKS_FROM, numbering: numbering(i) }),
          () => finishAppendixPiece(r, LINKS_FROM, numbering(i)),
        );
        return { bytes, sha256: hex(sha256Bytes(bytes)), pages: counts[i]! };
      }),
    );
    return joinPdfParts(target, pieces, info, previous);
  });
  return { path, ...file };
}

/** Whether a piece's data asks for the draft banner. */
function draftOf(d: object): boolean {
  return "draft" in d && (d as { draft?: unknown }).draft === true;
}

function refuseBlanks(path: string, pieces: { html: string; view: object }[]): void {
  const found = new Map<string, { count: number; field?: string }>();
  pieces.forEach(({ html, view }, i) => {
    for (const b of blanksPrinted(html, view)) {
      const known = found.get(b.blank);
      const field = b.field !== undefined && pieces.length > 1 ? `piece ${i + 1}.${b.field}` : b.field;
      found.set(b.blank, { count: (known?.count ?? 0) + b.count, field: known?.field ?? field });
    }
  });
  const errors = [...found].map(
    ([blank, { count, field }]) =>
      new InvalidInputError(
        { file: path, field: field ?? "the paper's own words" },
        `${BLANK_PROBLEM} (${blank}${count > 1 ? `, printed ${count} times` : ""}): fill it in case.yaml or the ` +
          "evidence's records, or build without --final",
      ),
  );
  if (errors.length) throw new InvalidInputErrors(errors);
}
