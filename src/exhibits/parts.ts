/**
 * An exhibit's pages, composed and stamped (pdf/) part by part into the build cache, keyed by everything they
 * are made from: the plan of the exhibit, its items (by their readings' digests) and rendered documents, its
 * own cover page, the Bates settings and the part sizes. The parts stay in the cache, so bundle.pdf is joined
 * from the very same pages; a rebuild composes only the exhibits whose key changed.
 */
import { join, sep } from "node:path";
import type { BuildContext } from "../model/build-context.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { Twin } from "../model/twin.js";
import type { ExhibitPartFile } from "../model/written.js";
import { composeExhibitParts, PART_PAGES, type PdfDocument } from "../pdf/index.js";
import { burnRegions, prepareImage, preparePng } from "../images/index.js";
import { formatBates, identityMask } from "../plan/index.js";
import { readFile, writePieces } from "../util/fs.js";
import { sha256Bytes, sha256Pieces, shortHex } from "../util/hash.js";
import { formatStampTime } from "../util/time.js";
import type { RecentlyLoaded } from "../util/recently-loaded.js";
import type { CoverPage } from "./cover-pages.js";
import { captureText } from "./capture-text.js";
import { ocrDigest, ocrText } from "./ocr-text.js";
import { pdfRedactionSources, pdfRedactionsKey } from "./pdf-redactions.js";

/** A cached set of parts: the files of one exhibit's pages. */
interface PartsIndex {
  parts: { file: string; first: number; pages: number; bytes: number; sha256: string }[];
}

export interface ComposedParts {
  parts: ExhibitPartFile[];
  /** The parts' key: what the files made from them are keyed by. */
  key: string;
  /** True when this build composed them (nothing of an earlier build's files can then be reused). */
  composedNow: boolean;
}

/** The parts of `exhibit` (number `index` in the plan) in twin `twin`, from the cache or composed now. */
export async function exhibitParts(
  ctx: BuildContext,
  twin: Twin,
  exhibit: PlannedExhibit,
  cover: CoverPage,
  index: number,
  printed: RecentlyLoaded<PdfDocument>,
): Promise<ComposedParts> {
  const { config, dir } = ctx.loaded;
  const item = (id: string) => ctx.items.get(id) as EvidenceItem;
  const abs = (id: string) => join(dir, item(id).source.path);
  const partBytes = (config.volumes.maxMegabytes * 1_000_000) / 4;
  // A sealed item carries the legend in every footer; a slip sheet (public tree) its sealed exhibit's Bates range.
  const legend = twin === "sealed" ? ctx.sealing.legend : undefined;
  const slipBates = exhibit.filedUnderSeal ? `${exhibit.bates.first}–${exhibit.bates.last}` : undefined;
  // The public tree of a case that seals identities names no seller in a footer (a store URL is one).
  const footerMask = twin === "public" && config.sealing.identities ? identityMask(config) : (t: string) => t;
  const key = ctx.store.key("parts", {
    twin,
    footers: exhibit.itemIds.map((id) => footerOf(item(id), config.timeZone, footerMask)),
    legend: legend ?? null,
    exhibit,
    // Each item by its reading's digest (and what intake added after reading it), when intake gave one.
    items: exhibit.itemIds.map((id) => [
      ctx.itemDigests.get(id) ?? item(id),
      item(id).related ?? null,
      item(id).redact ?? null, // the sidecar's regions and those the redaction hunt found in the item's words
      ctx.documents.get(id)?.digest ?? null,
      ocrDigest(ctx.ocr, id),
      pdfRedactionsKey(ctx, id),
    ]),
    cover: await cover.pageKey(index - cover.batch.first),
    bates: config.bates,
    partPages: PART_PAGES,
    partBytes,
  });
  const footers = new Map(exhibit.itemIds.map((id) => [id, footerOf(item(id), config.timeZone, footerMask)]));
  const provenance = (id: string) => footers.get(id) ?? footerOf(item(id), config.timeZone, footerMask);
  const redacted = pdfRedactionSources(ctx, twin, abs);
  const compose = async () =>
    composeExhibitParts(
      exhibit,
      {
        cover: await (async () => {
          const { first, count } = await cover.pages(index - cover.batch.first);
          return { doc: await cover.doc(), pageIndex: first, pages: count };
        })(),
        image: async (id) => {
          const it = item(id);
          if (it.payload.type !== "image" || (it.media !== "png" && it.media !== "jpeg" && it.media !== "webp"))
            throw new Error(`${id} is not an image`);
          // The public twin gets a new image with the regions' pixels overwritten; the sealed twin the original.
          if (twin === "public" && it.redact?.length) return preparePng(await burnRegions(abs(id), it.redact));
          return prepareImage(abs(id), it.media, it.payload.orientation);
        },
        pdf: (id) => readFile(abs(id)),
        renderedPage: async (id, pageIndex) => {
          const doc = ctx.documents.get(id);
          if (!doc) throw new Error(`no rendering of ${id}`);
          const ranges = doc.printed[doc.redacted ? twin : "single"] ?? doc.printed.single ?? [];
          let skip = pageIndex;
          for (const range of ranges) {
            if (skip < range.count) return { doc: await printed.load(range.file), index: range.first + skip };
            skip -= range.count;
          }
          return undefined; // this twin is shorter: a blank alignment page
        },
        imageText: async (id) => (item(id).capture ? captureText(dir, item(id), twin) : ocrText(ctx.ocr, item(id), twin)?.text),
        pdfPageText: async (id, pageIndex) => redacted.ocrOutsideRegions(id, pageIndex, ocrText(ctx.ocr, item(id), twin, pageIndex)),
        highlights: (id) => (twin === "sealed" ? (item(id).redact ?? []) : []),
        redactedPdfPage: redacted.redactedPdfPage,
        pdfPageHighlights: redacted.pdfPageHighlights,
        ...(legend ? { legend } : {}),
        provenance,
        coverProvenance: slipBates
          ? "Slip sheet in the place of an exhibit filed under seal"
          : `Cover sheet · ` +
            `${provenance(exhibit.itemIds[0]!)}${exhibit.itemIds.length > 1 ? ` · +${exhibit.itemIds.length - 1} more source(s)` : ""}`,
        bates: (n) => slipBates ?? formatBates(config.bates, n),
      },
      PART_PAGES,
      partBytes,
    );
  // Parts this build composes are read back (for the exhibit file and bundle.pdf) without re-checking their
  // digests: the check guards entries left by earlier builds. A part found damaged (a flipped byte, a truncated
  // file) costs its entry: the parts are composed again (the same bytes: composing is deterministic).
  let composedNow = false;
  const fill = async (folder: string) => {
    const index: PartsIndex = { parts: [] };
    composedNow = true;
    for await (const part of await compose()) {
      const file = `${String(index.parts.length + 1).padStart(4, "0")}.pdf`;
      await writePieces(join(folder, file), part.pieces);
      index.parts.push({
        file,
        first: part.first,
        pages: part.pages,
        bytes: part.pieces.reduce((n, p) => n + p.length, 0),
        sha256: sha256Pieces(part.pieces),
      });
    }
    return index;
  };
  const stored =
    (await ctx.store.readFolder<PartsIndex, "parts">("parts", key)) ??
    (await ctx.store.writeFolder<PartsIndex, "parts">("parts", key, fill));
  let again: Promise<{ dir: string; index: PartsIndex }> | undefined;
  const composeAgain = () =>
    (again ??= ctx.store.dropFolder("parts", key).then(() => ctx.store.writeFolder<PartsIndex, "parts">("parts", key, fill)));
  const readChecked = async (k: number): Promise<Uint8Array> => {
    const p = stored.index.parts[k]!;
    const data = await readFile(stored.dir + sep + p.file).catch(() => undefined);
    if (data && sha256Bytes(data) === p.sha256) return data;
    const fresh = await composeAgain();
    const q = fresh.index.parts[k];
    if (!q || q.sha256 !== p.sha256) throw new Error(`the parts of ${key} composed again differ from their stored index`);
    return readFile(fresh.dir + sep + q.file);
  };
  const batesOf = (i: number) => slipBates ?? formatBates(config.bates, exhibit.bates.firstNumber + i);
  // Paths joined by hand: the folder is the cache's own (already normal), the names are its index's "0001.pdf".
  const parts = stored.index.parts.map((p, k): ExhibitPartFile => {
    const file = stored.dir + sep + p.file;
    return {
      file,
      read: () => (composedNow ? readFile(file) : readChecked(k)),
      pageLabels: Array.from({ length: p.pages }, (_, j) => batesOf(p.first + j)),
      bytes: p.bytes,
      key: `${key}/${k}`,
      sha256: p.sha256,
    };
  });
  return { parts, key, composedNow };
}

/**
 * The footer of an item's pages: where it was captured and when, in the case's zone ("https://… · captured
 * 2026-03-12 14:03 CDT (UTC-5)"), and its source's short SHA-256; "capture time not recorded" when the record has none.
 * The stamp shortens a long URL in its middle so the time always shows (pdf/stamp.ts).
 */
export function footerOf(it: EvidenceItem, timeZone: string, mask: (t: string) => string): string {
  const when = it.capturedAt ? `captured ${formatStampTime(it.capturedAt, timeZone)}` : "capture time not recorded";
  return mask([it.url, when, `SHA-256 ${shortHex(it.source.sha256)}`].filter(Boolean).join(" · "));
}
