/** The certification's parts made from per-item facts: capture methods, transformations, the item table, redaction and footer text. */
import type { AppendixContext, AppendixSource } from "../model/appendix.js";
import type { EvidenceKind } from "../model/case.js";
import { hexOf } from "../util/hash.js";
import { formatInZone, formatUtc } from "../util/time.js";
import type { CaptureMethod, CertificationItem, TransformationEntry } from "./certification-types.js";
import {
  NO_TIMESTAMP,
  UNKNOWN_CAPTURE,
  BLANK_PLACE,
  pl,
  baseName,
  bytesText,
  batesOf,
  exhibitRefs,
  joinWords,
  distinct,
  said,
  formatWord,
  isPdf,
  type Located,
} from "./certification-words.js";

// ---------------------------------------------------------------------------------------------------------
// How each kind of evidence was captured or exported (§3.2 point 3, §3.3).
// ---------------------------------------------------------------------------------------------------------

export const KIND_GROUPS: { kinds: EvidenceKind[]; heading: string; method: (sources: AppendixSource[]) => string }[] = [
  {
    kinds: ["listing", "screenshot"],
    heading: "Web listings and screenshots",
    method: (ss) =>
      `Each was captured from the live web page at the URL shown in Table 1 as a full-page screenshot (the whole page, top to bottom, ` +
      `not only the visible window) and saved as a ${joinWords(distinct(ss.map(formatWord)))} ` +
      `file${ss.some((s) => !s.url) ? "; where no URL was recorded, Table 1 says so" : ""}. ` +
      `Table 1 gives the capture time of each and how it was recorded.`,
  },
  {
    kinds: ["photo"],
    heading: "Photographs of goods received",
    method: (ss) =>
      `Each is a photograph of goods received from a test purchase, taken with a digital camera or phone and kept as the original ` +
      `${joinWords(distinct(ss.map(formatWord)))} file; the capture time is read from the image's EXIF data where the camera recorded ` +
      `it (Table 1 states, for each photograph, how its time was obtained).`,
  },
  {
    kinds: ["document"],
    heading: "Documents",
    method: (ss) =>
      `Each is a document kept as received, or as printed to PDF from the screen that showed ` +
      `it${ss.some((s) => !isPdf(s)) ? ` (formats: ${joinWords(distinct(ss.map(formatWord)))})` : ""}; the file is the original and ` +
      `was not edited.`,
  },
  {
    kinds: ["message-log"],
    heading: "Message logs",
    method: (ss) => {
      const ways = distinct(ss.map((s) => said(s).messageLog));
      return (
        `Each conversation was exported from the messaging account by ${joinWords(ways)}, and the export files were kept as ` +
        `delivered; the export is the original, and the exhibit is a transcript rendered from it (paragraph on derived items below).`
      );
    },
  },
  {
    kinds: ["purchase"],
    heading: "Purchase records",
    method: (ss) => {
      const ways = distinct(ss.map((s) => said(s).purchase));
      return `Each test purchase is documented by ${joinWords(ways)}, kept as received or downloaded; the file is the original.`;
    },
  },
];

export function captureMethods(all: Located[]): CaptureMethod[] {
  const out: CaptureMethod[] = [];
  for (const g of KIND_GROUPS) {
    const here = all.filter((l) => g.kinds.includes(l.source.kind));
    if (!here.length) continue;
    out.push({
      kinds: g.kinds.filter((k) => here.some((l) => l.source.kind === k)),
      heading: g.heading,
      exhibits: exhibitRefs(here.map((l) => l.exhibit.label)),
      files: here.length,
      method: g.method(here.map((l) => l.source)),
    });
  }
  return out;
}

export function transformations(all: Located[]): TransformationEntry[] {
  const byText = new Map<string, string[]>();
  for (const { exhibit, source } of all) {
    const text = source.transformation.trim();
    const list = byText.get(text) ?? [];
    list.push(`Ex. ${exhibit.label} (${baseName(source.path)})`);
    byText.set(text, list);
  }
  return [...byText].map(([text, refs]) => ({ text, appliesTo: refs.join("; ") }));
}

/** Why the exhibit is a rendering of the source (§3.2 point 6), or undefined for a copy. */
export function derivedReason(s: AppendixSource, twin: AppendixContext["twin"]): string | undefined {
  const reasons: string[] = [];
  const rendered = said(s).derived(s.kind);
  if (rendered) reasons.push(rendered);
  if (twin === "public" && s.redactions > 0)
    reasons.push(
      `${pl(s.redactions, "redaction")} (under ${s.redactionBases.join("; ")}) ${s.redactions === 1 ? "is" : "are"} applied to ` +
        "this public copy",
    );
  return reasons.length ? reasons.join("; ") : undefined;
}

export function itemRow(ctx: AppendixContext, { exhibit, source }: Located): CertificationItem {
  const known = source.capturedAt !== undefined;
  const related = source.related.length;
  return {
    exhibitLabel: exhibit.label,
    exhibitTitle: exhibit.title,
    bates: batesOf(exhibit),
    batesFirst: exhibit.batesFirst,
    batesLast: exhibit.batesLast,
    fileName: baseName(source.path),
    filePath: source.path,
    bytes: bytesText(source.bytes),
    url: source.url,
    source: source.url ?? source.path,
    related: related
      ? `+ ${pl(related, "related file")} of the same ${source.kind === "message-log" ? "export" : "original"} (names, sizes and ` +
        `SHA-256 in manifest.json)`
      : undefined,
    capturedKnown: known,
    capturedUtc: known ? formatUtc(source.capturedAt as string) : UNKNOWN_CAPTURE,
    capturedLocal: known ? formatInZone(source.capturedAt as string, ctx.config.timeZone) : UNKNOWN_CAPTURE,
    capturedHow: source.capturedHow,
    capturedBy: source.capturedBy,
    sourceSha256: hexOf(source.sha256),
    exhibitSha256: hexOf(exhibit.file.sha256),
    exhibitFile: exhibit.file.path,
    rfc3161: NO_TIMESTAMP,
    derived: derivedReason(source, ctx.twin),
    redaction:
      ctx.twin === "sealed" && source.redactions > 0
        ? `${pl(source.redactions, "redaction")} (under ${source.redactionBases.join("; ")}) in the public copy; unredacted here`
        : undefined,
  };
}

export function accompaniesText(ctx: AppendixContext): string {
  if (ctx.twin === "public") return "the redacted public copy of the exhibits";
  if (ctx.twin === "sealed") return "the unredacted copy of the exhibits filed under seal";
  return "the exhibits as produced (a single set; no separate public and sealed copies)";
}

export function redactionText(ctx: AppendixContext, all: Located[]): string {
  if (ctx.redactions > 0) {
    const where = exhibitRefs(all.filter((l) => l.source.redactions > 0).map((l) => l.exhibit.label));
    return (
      `Redaction: information was redacted in the public copy of the exhibits — ${pl(ctx.redactions, "redaction")} in all` +
      `${all.some((l) => l.source.redactions > 0) ? `, in ${where}` : ""}, ` +
      `on ${ctx.redactionBases.length === 1 ? "this basis" : "these bases"}: ${ctx.redactionBases.join("; ")}. ` +
      "Redacted text is replaced by a marker before the page is rendered, and redacted areas of images are overwritten with black " +
      "pixels in a new lossless copy of the image, so nothing under a redaction survives in the public PDF; nothing is merely covered " +
      "over. " +
      "Each redaction is listed in a redaction log (redaction-log.csv) giving the exhibit, the Bates page, the original file, the " +
      "place and layer in it, and the rule and basis applied, never the removed text; the sealed copy's appendices hold the same list " +
      "as a reference list under Fed. R. Civ. P. 5.2(g) (redaction-reference-list.pdf). " +
      "An unredacted copy of the same exhibits, with the same Bates numbers, is filed under seal. " +
      `This certification accompanies ${accompaniesText(ctx)}, and the exhibit-PDF digests in Table 1 are those of that copy.`
    );
  }
  return (
    `Redaction: no redaction was applied to any exhibit. This certification accompanies ${accompaniesText(ctx)}, and the ` +
    `exhibit-PDF digests in Table 1 are those of that copy.`
  );
}

export function placeOf(at: { city: string; state?: string; country?: string } | undefined, inUnitedStates: boolean): string {
  if (!at) return BLANK_PLACE;
  const parts = [
    at.city,
    at.state,
    inUnitedStates && (!at.country || /^(us|usa|united states( of america)?)$/i.test(at.country)) ? undefined : at.country,
  ];
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(", ");
}

export function footerText(ctx: AppendixContext): string {
  return `Draft generated by ${ctx.tool.name} ${ctx.tool.version} on ${formatUtc(ctx.builtAt)}; counsel must review before use.`;
}
