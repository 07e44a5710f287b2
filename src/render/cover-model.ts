/** The data a cover sheet shows, built from a planned exhibit and its evidence items. */
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { formatInZone, formatUtc } from "../util/time.js";
import { hexOf } from "../util/hash.js";

export interface CoverSource {
  file: string;
  url?: string;
  kind: string;
  format: string;
  bytes: string;
  sha256: string;
  capturedUtc: string;
  capturedLocal?: string;
  capturedHow: string;
  capturedBy?: string;
  marks?: string;
  transformation: string;
  description?: string;
}

export interface CoverModel {
  exhibitWord: string;
  label: string;
  title: string;
  defendant?: string;
  defendantDetail?: string;
  court: string;
  caseNumber: string;
  shortTitle: string;
  batesFirst: string;
  batesLast: string;
  pageCount: number;
  sources: CoverSource[];
}

const TIME_SOURCE_WORDS: Record<string, string> = {
  capture: "recorded by the capture tool",
  sidecar: "stated in the evidence's metadata file",
  case: "stated in case.yaml",
  export: "recorded in the platform export",
  exif: "read from the image's EXIF data",
  unknown: "not recorded",
};

function transformation(item: EvidenceItem, exhibit: PlannedExhibit): string {
  const pages = exhibit.pages.filter((p) => p.kind !== "cover" && p.itemId === item.id);
  const p = item.payload;
  if (p.type === "pdf") {
    const scaled = pages.some((pg) => pg.kind === "pdf-page" && pg.placement.width < (pg.rotate % 180 ? p.pages[pg.pageIndex].height : p.pages[pg.pageIndex].width) - 0.01);
    return `PDF document of ${p.pages.length} page${p.pages.length === 1 ? "" : "s"}; each page carried in unchanged as vector content${scaled ? ", scaled down to keep the stamp margins clear" : ""}.`;
  }
  const codec = item.media === "jpeg" ? "JPEG data embedded unchanged (no re-compression)" : item.media === "png" ? "PNG pixels embedded losslessly" : "WebP decoded and embedded without further loss";
  const first = pages[0];
  if (pages.length > 1 && first?.kind === "image") {
    const ppx = first.placement.width / (p.orientation >= 5 ? p.height : p.width);
    return `Full-page image of ${p.width} × ${p.height} px split into ${pages.length} pages of consecutive pixel rows at ${(72 / ppx).toFixed(0)} dpi, every row shown once, none scaled away; ${codec}.`;
  }
  const rotated = p.orientation !== 1 ? "; EXIF orientation applied" : "";
  return `Image of ${p.width} × ${p.height} px fitted to one page; ${codec}${rotated}.`;
}

export function coverModel(config: CaseConfig, exhibit: PlannedExhibit, items: Map<string, EvidenceItem>): CoverModel {
  const defendant = config.defendants.find((d) => d.id === exhibit.defendantId);
  const marks = new Map(config.marks.map((m) => [m.id, m]));
  return {
    exhibitWord: "EXHIBIT",
    label: exhibit.label,
    title: exhibit.title,
    defendant: defendant?.name,
    defendantDetail: defendant ? [defendant.platform, defendant.sellerId ? `seller ID ${defendant.sellerId}` : undefined].filter(Boolean).join(" · ") || undefined : undefined,
    court: config.caption.court,
    caseNumber: config.caption.caseNumber,
    shortTitle: config.caption.shortTitle,
    batesFirst: exhibit.bates.first,
    batesLast: exhibit.bates.last,
    pageCount: exhibit.pages.length,
    sources: exhibit.itemIds.map((id) => {
      const item = items.get(id) as EvidenceItem;
      const p = item.payload;
      return {
        file: item.source.path,
        url: item.url,
        kind: item.kind,
        format: p.type === "pdf" ? `PDF, ${p.pages.length} page${p.pages.length === 1 ? "" : "s"}` : `${item.media.toUpperCase()}, ${p.width} × ${p.height} px`,
        bytes: item.source.bytes.toLocaleString("en-US"),
        sha256: hexOf(item.source.sha256),
        capturedUtc: item.capturedAt ? formatUtc(item.capturedAt) : "UNKNOWN — no capture time was recorded for this file",
        capturedLocal: item.capturedAt ? formatInZone(item.capturedAt, config.timeZone) : undefined,
        capturedHow: item.capturedAtNote ?? TIME_SOURCE_WORDS[item.capturedAtSource],
        capturedBy: item.capturedBy,
        marks: item.marks.length ? item.marks.map((m) => { const mk = marks.get(m); return mk ? `${mk.name} (Reg. No. ${mk.registration})` : m; }).join("; ") : undefined,
        transformation: transformation(item, exhibit),
        description: item.description,
      };
    }),
  };
}
