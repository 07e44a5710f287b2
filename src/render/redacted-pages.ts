/**
 * Stage 3 (covers): what a cover says of a carried-in PDF whose pages carry redactions (BuildContext.pdfRedactions).
 * The format's own words say each page is carried in unchanged; in the public twin the pages with a redaction are not,
 * and its original is withheld, so the cover says so; the sealed twin's cover says where the outlines are.
 */
import type { PlannedExhibit } from "../model/exhibit.js";
import type { PdfRedactions } from "../model/redaction.js";
import type { Twin } from "../model/twin.js";
import { REDACT_DPI } from "../pdf/index.js";
import type { CoverSource } from "./cover-model.js";

/** "source page 2", "source pages 1 and 3", "source pages 1, 3 and 4". */
function pageWords(pages: readonly number[]): string {
  const n = pages.map((p) => String(p + 1));
  const list = n.length === 1 ? n[0]! : `${n.slice(0, -1).join(", ")} and ${n[n.length - 1]}`;
  return `source page${n.length === 1 ? "" : "s"} ${list}`;
}

/** What a source's transformation says of its original (intake's words), and the same where it is kept beside the PDF. */
export const ATTACHED = "the original is attached unchanged";
export const ATTACHED_BESIDE = "the original is kept unchanged beside this exhibit, in the bundle's natives/ folder";

export function redactedPagesSentence(twin: Twin, pages: readonly number[]): string | undefined {
  if (pages.length === 0 || twin === "single") return undefined;
  const one = pages.length === 1;
  if (twin === "sealed")
    return `In this sealed copy, the words redacted from the public copy on ${pageWords(pages)} are outlined in orange.`;
  return (
    `In this public copy, ${pageWords(pages)} ${one ? "is" : "are"} shown instead as ${one ? "an image" : "images"} of the page ` +
    `made at ${REDACT_DPI} dpi, with the redacted words blacked out and the page's other words laid invisibly over ` +
    `${one ? "it" : "them"}; nothing else of ${one ? "that page" : "those pages"} is carried, and the original file is withheld ` +
    "from this public copy."
  );
}

/** The exhibit's sources, with what this twin did to the pages of each carried-in PDF with a redaction. */
export function withRedactedPages(
  sources: readonly CoverSource[],
  exhibit: PlannedExhibit,
  twin: Twin,
  pdfRedactions: PdfRedactions | undefined,
): CoverSource[] {
  return sources.map((s, i) => {
    const pages = [...(pdfRedactions?.get(exhibit.itemIds[i]!) ?? [])].filter(([, r]) => r.length > 0).map(([p]) => p);
    const sentence = redactedPagesSentence(
      twin,
      pages.sort((a, b) => a - b),
    );
    if (!sentence) return s;
    const before =
      twin === "public" ? s.transformation.replace(ATTACHED, "the original is withheld from this public copy") : s.transformation;
    return { ...s, transformation: `${before} ${sentence}` };
  });
}

const JPEG_UNCHANGED = "JPEG data embedded unchanged (no re-compression)";

/** What a cover says of an image with burned regions (a sidecar's boxes, or words the redaction hunt found). */
export function burnedRegionsSentence(twin: Twin, regions: number): string | undefined {
  if (regions === 0 || twin === "single") return undefined;
  const n = regions === 1 ? "1 region" : `${regions} regions`;
  if (twin === "sealed")
    return `In this sealed copy, the ${n} blacked out in the public copy ${regions === 1 ? "is" : "are"} outlined in orange.`;
  return (
    `In this public copy, ${n} of the image ${regions === 1 ? "is" : "are"} blacked out (the pixels are replaced, not covered, ` +
    "and the image embedded losslessly from them); the original file is withheld from this public copy."
  );
}

/** The exhibit's sources, with what this twin did to each image with burned regions. */
export function withBurnedRegions(
  sources: readonly CoverSource[],
  exhibit: PlannedExhibit,
  twin: Twin,
  regionsOf: (itemId: string) => number,
): CoverSource[] {
  return sources.map((s, i) => {
    const sentence = burnedRegionsSentence(twin, regionsOf(exhibit.itemIds[i]!));
    if (!sentence) return s;
    const before = twin === "public" ? s.transformation.replace(JPEG_UNCHANGED, "JPEG decoded for the redaction") : s.transformation;
    return { ...s, transformation: `${before} ${sentence}` };
  });
}

/** The exhibit's sources as this twin shows them: carried-in PDF pages rasterised, image regions burned. */
export function twinSources(
  sources: readonly CoverSource[],
  exhibit: PlannedExhibit,
  twin: Twin,
  ctx: { pdfRedactions?: PdfRedactions; items: ReadonlyMap<string, { payload: { type: string }; redact?: readonly unknown[] }> },
): CoverSource[] {
  const regions = (id: string) => (ctx.items.get(id)?.payload.type === "image" ? (ctx.items.get(id)?.redact?.length ?? 0) : 0);
  const shown = withBurnedRegions(withRedactedPages(sources, exhibit, twin, ctx.pdfRedactions), exhibit, twin, regions);
  if (twin !== "public") return shown;
  // The public copy withholds every file of an item with a redaction in its pixels or pages (exhibits/files.ts): where a
  // capture's rows say its archive or token is attached or kept beside, this copy says it is withheld.
  const withheld = (id: string) => Boolean(ctx.items.get(id)?.redact?.length) || Boolean(ctx.pdfRedactions?.get(id)?.size);
  return shown.map((s, i) =>
    s.capture && withheld(exhibit.itemIds[i]!)
      ? { ...s, capture: s.capture.map((r) => ({ ...r, value: r.value.replace(KEPT_OR_ATTACHED, WITHHELD) })) }
      : s,
  );
}

/** How a capture row says where a native is (render/capture-rows.ts), and what the public copy says instead. */
const KEPT_OR_ATTACHED =
  /kept beside this exhibit in the bundle's natives\/ folder(?:, not embedded in this PDF)?|attached to this PDF|\battached(?=\))/g;
const WITHHELD = "withheld from this public copy (the sealed copy keeps it)";
