/**
 * The data a cover sheet shows, built from a planned exhibit and its evidence items. What it says of each source's
 * format comes from the format's own words in the registry (intake/formats/index.ts).
 */
import type { CaseConfig, ReachedVia } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { formatInZone, formatUtc } from "../util/time.js";
import { hexOf } from "../util/hash.js";
import { wordsOf } from "../intake/formats/index.js";
import type { Placement, Twin } from "../model/twin.js";
import type { ExhibitRedactions } from "../model/redaction.js";
import { declarantOf, declarationParagraph, exhibitHeading, maskStrings, scheduleANumber, type IdentityMask } from "../plan/index.js";
import { courtProfile, legalCaps } from "../court/index.js";
import { captureFacts, captureRows, type CoverRow } from "./capture-rows.js";
import { ocrWords } from "./ocr-words.js";
import type { OcrLayer } from "../model/ocr.js";
import type { PdfRedactions } from "../model/redaction.js";
import { ATTACHED, ATTACHED_BESIDE, twinSources } from "./redacted-pages.js";

const HOW_REACHED: Record<ReachedVia["how"], string> = {
  dm: "a link sent in a direct message",
  "link-in-bio": "the link in the seller's profile (link in bio)",
  search: "a search",
  ad: "an advertisement",
  marketplace: "the marketplace's own pages",
  other: "a link",
};

/**
 * "a link sent in a direct message: https://… (Instagram DM from @kpgboutique, M00014); as typed in x.meta.yaml": how
 * the item was reached is a person's statement in its sidecar (or case.yaml), and the cover says whose.
 */
function reachedViaWords(r: ReachedVia, typedIn: string): string {
  return `${HOW_REACHED[r.how]}: ${r.url}${r.note ? ` (${r.note})` : ""}; as typed in ${typedIn}`;
}

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
  /** How the investigator reached the item (the link followed), when the records say so. */
  reachedVia?: string;
  transformation: string;
  /** Live captures: how the page was reached and captured (provenance summary). */
  capture?: CoverRow[];
  /** The other files the source is made of (a thread's further message files, its photos), each with its SHA-256. */
  related: { file: string; bytes: string; sha256: string }[];
  /** The capture facts the records give (tool, browser, OS, HTTP response, when first hashed). */
  facts: CoverRow[];
  /** The capture facts no record gives ("egress IP, logged-in account"), said to be not recorded. */
  notRecorded?: string;
}

export interface CoverModel {
  /** The heading, per the court profile's `exhibitTo`: "EXHIBIT 2" large, "to the Declaration of …" beneath. */
  heading: string;
  headingTail?: string;
  label: string;
  title: string;
  /** The exhibit's Schedule A number, when it is listed under a defendant ("Doe 1"). */
  doe?: string;
  /** The declaration paragraph that speaks of this exhibit (the provenance summary cites it). */
  paragraph?: number;
  defendant?: string;
  defendantDetail?: string;
  /** Other defendants the exhibit concerns (it is listed under `defendant`). */
  alsoDefendants?: string;
  court: string;
  caseNumber: string;
  shortTitle: string;
  batesFirst: string;
  batesLast: string;
  pageCount: number;
  sources: CoverSource[];
  /** Many sources: a compact table instead of one block per source, so the sheet stays one page. */
  compact: boolean;
  /** Capture facts every source shares (a grouped exhibit), stated once. */
  sharedFacts?: CoverRow[];
  sharedNotRecorded?: string;
  /** Tighter spacing: many sources, or a live capture's extra rows. */
  dense: boolean;
  /** What the exhibit's OCR text layer covers (pages, engine), or why image pages have none. */
  ocr?: string;
  /** Twin notice: what the public copy redacts, or what the sealed copy highlights; absent when there is nothing to say. */
  twinLine?: string;
  sealed: boolean;
  /** The sealing legend (sealed twin), at the top of the sheet. */
  legend?: string;
  /** A slip sheet in the public tree for an exhibit filed under seal: the pages its Bates range spans there. */
  slip?: { pages: number };
}

/** What a twin's covers say of sealing: its legend, where each exhibit goes, and (public, identities) the mask. */
export interface CoverSealing {
  legend?: string;
  placement?: Placement;
  mask?: IdentityMask;
}

const TIME_SOURCE_WORDS: Record<string, string> = {
  capture: "recorded by the capture tool",
  sidecar: "stated in the evidence's metadata file",
  case: "stated in case.yaml",
  export: "recorded in the platform export",
  exif: "read from the image's EXIF data",
  unknown: "not recorded",
};

/** The words of the item's format (the registry's: render/ imports nothing else from intake). */
function wordsOfItem(item: EvidenceItem) {
  return wordsOf(item.media, item.payload.type === "conversation" ? item.payload.conversation.platform : undefined);
}

/** How the exhibit's pages were made from the item, as its format says it of the item's own pages. */
function transformation(item: EvidenceItem, exhibit: PlannedExhibit): string {
  const pages = exhibit.pages.filter((p) => p.kind !== "cover" && p.itemId === item.id);
  return wordsOfItem(item).transformation(item, pages);
}

/** Defendants by id, made once per configuration (a Schedule A case has hundreds of defendants and thousands of covers). */
const lookups = new WeakMap<CaseConfig, { defendants: Map<string, CaseConfig["defendants"][number]> }>();
function lookupsOf(config: CaseConfig) {
  let l = lookups.get(config);
  if (!l) lookups.set(config, (l = { defendants: new Map(config.defendants.map((d) => [d.id, d])) }));
  return l;
}

export function coverModel(
  config: CaseConfig,
  exhibit: PlannedExhibit,
  items: ReadonlyMap<string, EvidenceItem>,
  twin: Twin = "single",
  redactions: ExhibitRedactions = { count: 0, pages: [], bases: [] },
  ocr?: OcrLayer,
  sealing: CoverSealing = {},
  pdfRedactions?: PdfRedactions,
): CoverModel {
  const { defendants } = lookupsOf(config);
  const ocrNote = ocrWords(exhibit, items, ocr);
  const defendant = exhibit.defendantId === undefined ? undefined : defendants.get(exhibit.defendantId);
  const slip = exhibit.filedUnderSeal;
  const mask = sealing.mask ?? ((s: string) => s);
  const declarant = declarantOf(config);
  const heading = exhibitHeading(courtProfile(config.court).exhibitTo, exhibit.label, declarant?.name);
  const doe = scheduleANumber(config, exhibit.defendantId);
  return {
    heading: legalCaps(heading.head),
    ...(heading.tail ? { headingTail: heading.tail } : {}),
    label: exhibit.label,
    title: exhibit.title,
    ...(doe !== undefined ? { doe: `Doe ${doe}` } : {}),
    ...(declarant ? { paragraph: declarationParagraph(exhibit.number) } : {}),
    defendant: exhibit.defendantName ?? defendant?.name,
    ...(exhibit.alsoDefendantIds
      ? { alsoDefendants: exhibit.alsoDefendantIds.map((id) => defendants.get(id)?.name ?? id).join("; ") }
      : {}),
    defendantDetail: defendant
      ? [defendant.platform, defendant.sellerId ? `seller ID ${defendant.sellerId}` : undefined].filter(Boolean).join(" · ") || undefined
      : undefined,
    court: legalCaps(config.caption.court),
    caseNumber: config.caption.caseNumber,
    shortTitle: config.caption.shortTitle,
    batesFirst: exhibit.bates.first,
    batesLast: exhibit.bates.last,
    pageCount: exhibit.pages.length,
    sealed: twin === "sealed",
    legend: twin === "sealed" ? sealing.legend : undefined,
    slip,
    twinLine: twinLineOf(twin, redactions, slip ? "sealed" : sealing.placement),
    compact: exhibit.itemIds.length > 2 || (exhibit.itemIds.length > 1 && exhibit.itemIds.some((id) => items.get(id)?.capture)),
    dense: exhibit.itemIds.length > 2 || exhibit.itemIds.some((id) => items.get(id)?.capture),
    ...(slip
      ? { sources: [] }
      : shareFacts(
          maskSources(
            keptBeside(twinSources(coverSources(config, exhibit, items), exhibit, twin, { pdfRedactions, items }), config),
            sealing.mask,
          ),
        )),
    ...(ocrNote && !slip ? { ocr: mask(ocrNote) } : {}),
  };
}

/**
 * The capture facts every source of a grouped exhibit shares (the same value, or not recorded for each), said once
 * beneath its table instead of in every row, so that the sheet keeps to one page; each source keeps the rest.
 */
function shareFacts(sources: CoverSource[]): Pick<CoverModel, "sources" | "sharedFacts" | "sharedNotRecorded"> {
  if (sources.length < 2) return { sources };
  const key = (r: CoverRow) => `${r.label}\0${r.value}`;
  const common = sources[0]!.facts.filter((f) => sources.every((s) => s.facts.some((g) => key(g) === key(f))));
  const missing = (s: CoverSource) => (s.notRecorded ? s.notRecorded.split(", ") : []);
  const none = missing(sources[0]!).filter((m) => sources.every((s) => missing(s).includes(m)));
  const shared = new Set(common.map(key));
  return {
    sources: sources.map((s) => {
      const rest = missing(s).filter((m) => !none.includes(m));
      const { notRecorded: _n, ...kept } = s;
      return { ...kept, facts: s.facts.filter((f) => !shared.has(key(f))), ...(rest.length ? { notRecorded: rest.join(", ") } : {}) };
    }),
    ...(common.length ? { sharedFacts: common } : {}),
    ...(none.length ? { sharedNotRecorded: none.join(", ") } : {}),
  };
}

/**
 * What a twin's cover says of the other twin, as the redaction log records this exhibit: in the public copy of an
 * exhibit in both trees, how many redactions, on which Bates pages and under which bases (a basis not stated stays the
 * blank for counsel), and that an unredacted copy is filed under seal; in the sealed copy, what it highlights or that
 * it is filed under seal only. Nothing for an exhibit only the public tree holds, or a slip sheet (which says it all).
 */
function twinLineOf(twin: Twin, r: ExhibitRedactions, placement: Placement | undefined): string | undefined {
  if (twin === "single") return undefined;
  const n = `${r.count} redaction${r.count === 1 ? "" : "s"}`;
  const where = `on ${listWords(r.pages, 8, "page")}, under ${r.bases.join("; ")}`;
  const listed = `${r.count === 1 ? "listed" : "each listed"} with its basis in redaction-log.csv`;
  if (twin === "public") {
    if (placement === "public" || placement === "sealed") return undefined;
    return r.count === 0
      ? "Public copy: nothing in this exhibit is redacted. An unredacted copy is filed under seal."
      : `Public copy: ${n} (${where}), ${listed}. An unredacted copy is filed under seal.`;
  }
  if (r.count > 0)
    return (
      `Unredacted copy: ${r.count === 1 ? "the redaction of the public copy is" : `the ${n} of the public copy are`} ` +
      `highlighted (${where}).`
    );
  if (placement === "sealed") return "Filed under seal only: the public filing holds a slip sheet in its place.";
  return undefined;
}

/** "A", "A and B", "A, B and C"; past `max`, "A, B … and 3 more pages". */
function listWords(words: readonly string[], max: number, noun: string): string {
  const shown = words.length > max ? [...words.slice(0, max - 1), `${words.length - max + 1} more ${noun}s`] : [...words];
  return shown.length < 2 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** Where the court takes no embedded files, an original said to be attached is kept beside the exhibit instead. */
function keptBeside(sources: CoverSource[], config: CaseConfig): CoverSource[] {
  if (courtProfile(config.court).ecfEmbeddedFiles) return sources;
  return sources.map((s) => ({ ...s, transformation: s.transformation.replace(ATTACHED, ATTACHED_BESIDE) }));
}

function maskSources(sources: CoverSource[], mask: IdentityMask | undefined): CoverSource[] {
  if (!mask) return sources;
  return sources.map((s) => maskStrings(s, mask));
}

/** What a cover says of each source, kept per exhibit: the appendices ask for it again (the index, the certification). */
const sourcesOf = new WeakMap<PlannedExhibit, { config: CaseConfig; items: ReadonlyMap<string, EvidenceItem>; sources: CoverSource[] }>();

export function coverSources(config: CaseConfig, exhibit: PlannedExhibit, items: ReadonlyMap<string, EvidenceItem>): CoverSource[] {
  const kept = sourcesOf.get(exhibit);
  if (kept && kept.config === config && kept.items === items) return kept.sources;
  const sources = exhibit.itemIds.map((id): CoverSource => {
    const item = items.get(id) as EvidenceItem;
    const facts = captureFacts(item);
    return {
      file: item.source.path,
      url: item.url,
      kind: item.kind,
      format: wordsOfItem(item).cover(item),
      bytes: item.source.bytes.toLocaleString("en-US"),
      sha256: hexOf(item.source.sha256),
      capturedUtc: item.capturedAt ? formatUtc(item.capturedAt) : "UNKNOWN — no capture time was recorded for this file",
      capturedLocal: item.capturedAt ? formatInZone(item.capturedAt, config.timeZone) : undefined,
      capturedHow: item.capturedAtNote ?? TIME_SOURCE_WORDS[item.capturedAtSource],
      capturedBy: item.capturedBy,
      ...(item.reachedVia
        ? { reachedVia: reachedViaWords(item.reachedVia, item.sidecar ? item.sidecar.path.split("/").pop()! : "case.yaml") }
        : {}),
      transformation: transformation(item, exhibit),
      ...(item.capture ? { capture: captureRows(item, !courtProfile(config.court).ecfEmbeddedFiles) } : {}),
      related: (item.related ?? []).map((f) => ({ file: f.path, bytes: f.bytes.toLocaleString("en-US"), sha256: hexOf(f.sha256) })),
      facts: facts.recorded,
      ...(facts.missing.length ? { notRecorded: facts.missing.join(", ") } : {}),
    };
  });
  sourcesOf.set(exhibit, { config, items, sources });
  return sources;
}
