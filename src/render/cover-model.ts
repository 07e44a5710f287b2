/** The data a cover sheet shows, built from a planned exhibit and its evidence items. */
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { formatInZone, formatUtc } from "../util/time.js";
import { hexOf } from "../util/hash.js";
import type { Twin } from "../model/twin.js";
import { captureRows, type CoverRow } from "./capture-rows.js";

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
  /** Live captures: how the page was reached and captured. */
  capture?: CoverRow[];
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
  /** Many sources: a compact table instead of one block per source, so the sheet stays one page. */
  compact: boolean;
  /** Tighter spacing: many sources, or a live capture's extra rows. */
  dense: boolean;
  /** A description shared by every source (a grouped exhibit), shown once. */
  description?: string;
  /** Twin notice: "PUBLIC — redacted …" or "FILED UNDER SEAL …"; absent when there are no twins. */
  twinLine?: string;
  sealed: boolean;
}

const TIME_SOURCE_WORDS: Record<string, string> = {
  capture: "recorded by the capture tool",
  sidecar: "stated in the evidence's metadata file",
  case: "stated in case.yaml",
  export: "recorded in the platform export",
  exif: "read from the image's EXIF data",
  unknown: "not recorded",
};

const PLATFORM_WORDS: Record<string, string> = { instagram: "Instagram", messenger: "Facebook Messenger", whatsapp: "WhatsApp", csv: "Message CSV" };
const FORMAT_WORDS: Record<string, string> = {
  "amazon-orders": "Amazon Retail.OrderHistory CSV",
  "paypal-activity": "PayPal activity CSV",
  "purchases-csv": "purchases CSV",
  "purchases-json": "purchases JSON",
};

function transformation(item: EvidenceItem, exhibit: PlannedExhibit): string {
  const pages = exhibit.pages.filter((p) => p.kind !== "cover" && p.itemId === item.id);
  const p = item.payload;
  const n = pages.length;
  const pl = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  if (p.type === "conversation") {
    const c = p.conversation;
    return `${PLATFORM_WORDS[c.platform]} export parsed and rendered as a chronological transcript of ${pl(c.messages.length, "message")} on ${pl(n, "page")}: each message with its reference number, sender, time in UTC and case zone, full text, every link in full, and attached images; ${c.timeNote ?? "times from the export (UTC)"}. The export file is the original; the transcript is a derivative.`;
  }
  if (p.type === "purchases") {
    return `Purchase records (${FORMAT_WORDS[item.media] ?? item.media}) parsed and rendered as a summary of ${pl(p.orders.length, "order")} on ${pl(n, "page")}; amounts exactly as exported (no rounding); the export file is the original.`;
  }
  if (p.type === "email") {
    return `Email (RFC 5322 .eml) rendered on ${pl(n, "page")}: authentication headers, the text body, and a list of attachments with their SHA-256; the .eml file is the original.`;
  }
  if (p.type === "pdf") {
    const scaled = pages.some((pg) => pg.kind === "pdf-page" && pg.placement.width < (pg.rotate % 180 ? p.pages[pg.pageIndex].height : p.pages[pg.pageIndex].width) - 0.01);
    return `PDF document of ${p.pages.length} page${p.pages.length === 1 ? "" : "s"}; each page carried in unchanged as vector content${scaled ? ", scaled down to keep the stamp margins clear" : ""}.`;
  }
  const codec = item.media === "jpeg" ? "JPEG data embedded unchanged (no re-compression)" : item.media === "png" ? "PNG pixels embedded losslessly" : "WebP decoded and embedded without further loss";
  const first = pages[0];
  if (item.capture && pages.length > 0 && first?.kind === "image") {
    const ppx = first.placement.width / p.width;
    const split = pages.length > 1 ? `split into ${pages.length} pages of consecutive pixel rows at ${(72 / ppx).toFixed(0)} dpi, every row shown once, none scaled away` : `fitted to one page at ${(72 / ppx).toFixed(0)} dpi`;
    return `Full-page screenshot of ${p.width} × ${p.height} px taken by the capture tool, ${split}; ${codec}. An invisible text layer from the page's DOM lies over the pixels where each line of text appears, so the pages are searchable without OCR.`;
  }
  if (pages.length > 1 && first?.kind === "image") {
    const ppx = first.placement.width / (p.orientation >= 5 ? p.height : p.width);
    return `Full-page image of ${p.width} × ${p.height} px split into ${pages.length} pages of consecutive pixel rows at ${(72 / ppx).toFixed(0)} dpi, every row shown once, none scaled away; ${codec}.`;
  }
  const rotated = p.orientation !== 1 ? "; EXIF orientation applied" : "";
  return `Image of ${p.width} × ${p.height} px fitted to one page; ${codec}${rotated}.`;
}

function formatOf(item: EvidenceItem): string {
  const p = item.payload;
  const related = item.related?.length ? ` + ${item.related.length} related file${item.related.length === 1 ? "" : "s"} (hashes in manifest.json)` : "";
  if (p.type === "pdf") return `PDF, ${p.pages.length} page${p.pages.length === 1 ? "" : "s"}`;
  if (p.type === "image") return `${item.media.toUpperCase()}, ${p.width} × ${p.height} px`;
  if (p.type === "conversation") return `${PLATFORM_WORDS[p.conversation.platform]} export${related}`;
  if (p.type === "purchases") return `${FORMAT_WORDS[item.media] ?? item.media}${related}`;
  return `email (.eml)${related}`;
}

function sharedDescription(items: EvidenceItem[]): string | undefined {
  const d = items[0]?.description;
  return items.length > 1 && d && items.every((i) => i.description === d) ? d : undefined;
}

/** Defendants and marks by id, made once per configuration (a Schedule A case has hundreds of defendants and thousands of covers). */
const lookups = new WeakMap<CaseConfig, { defendants: Map<string, CaseConfig["defendants"][number]>; marks: Map<string, CaseConfig["marks"][number]> }>();
function lookupsOf(config: CaseConfig) {
  let l = lookups.get(config);
  if (!l) lookups.set(config, (l = { defendants: new Map(config.defendants.map((d) => [d.id, d])), marks: new Map(config.marks.map((m) => [m.id, m])) }));
  return l;
}

export function coverModel(config: CaseConfig, exhibit: PlannedExhibit, items: ReadonlyMap<string, EvidenceItem>, twin: Twin = "single", redactionsInExhibit = 0): CoverModel {
  const { defendants } = lookupsOf(config);
  const defendant = exhibit.defendantId === undefined ? undefined : defendants.get(exhibit.defendantId);
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
    sealed: twin === "sealed",
    twinLine:
      twin === "public"
        ? `Public copy: ${redactionsInExhibit === 0 ? "nothing in this exhibit is redacted" : `${redactionsInExhibit} redaction${redactionsInExhibit === 1 ? "" : "s"} under Fed. R. Civ. P. 5.2, listed in redaction-log.csv`}. An unredacted copy is filed under seal.`
        : twin === "sealed"
          ? `FILED UNDER SEAL — unredacted copy${redactionsInExhibit ? `; the ${redactionsInExhibit} redaction${redactionsInExhibit === 1 ? "" : "s"} of the public copy are highlighted` : ""}.`
          : undefined,
    compact: exhibit.itemIds.length > 2 || (exhibit.itemIds.length > 1 && exhibit.itemIds.some((id) => items.get(id)?.capture)),
    dense: exhibit.itemIds.length > 2 || exhibit.itemIds.some((id) => items.get(id)?.capture),
    description: sharedDescription(exhibit.itemIds.map((id) => items.get(id) as EvidenceItem)),
    sources: coverSources(config, exhibit, items),
  };
}

/** What a cover says of each source, kept per exhibit: the appendices ask for it again (the index, the certification). */
const sourcesOf = new WeakMap<PlannedExhibit, { config: CaseConfig; items: ReadonlyMap<string, EvidenceItem>; sources: CoverSource[] }>();

export function coverSources(config: CaseConfig, exhibit: PlannedExhibit, items: ReadonlyMap<string, EvidenceItem>): CoverSource[] {
  const kept = sourcesOf.get(exhibit);
  if (kept && kept.config === config && kept.items === items) return kept.sources;
  const { marks } = lookupsOf(config);
  const sources = exhibit.itemIds.map((id): CoverSource => {
    const item = items.get(id) as EvidenceItem;
    return {
      file: item.source.path,
      url: item.url,
      kind: item.kind,
      format: formatOf(item),
      bytes: item.source.bytes.toLocaleString("en-US"),
      sha256: hexOf(item.source.sha256),
      capturedUtc: item.capturedAt ? formatUtc(item.capturedAt) : "UNKNOWN — no capture time was recorded for this file",
      capturedLocal: item.capturedAt ? formatInZone(item.capturedAt, config.timeZone) : undefined,
      capturedHow: item.capturedAtNote ?? TIME_SOURCE_WORDS[item.capturedAtSource],
      capturedBy: item.capturedBy,
      marks: item.marks.length ? item.marks.map((m) => { const mk = marks.get(m); return mk ? `${mk.name} (Reg. No. ${mk.registration})` : m; }).join("; ") : undefined,
      transformation: transformation(item, exhibit),
      ...(item.capture ? { capture: captureRows(item) } : {}),
      description: exhibit.itemIds.length > 1 && sharedDescription(exhibit.itemIds.map((x) => items.get(x) as EvidenceItem)) ? undefined : item.description,
    };
  });
  sourcesOf.set(exhibit, { config, items, sources });
  return sources;
}
