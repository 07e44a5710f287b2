/**
 * Stage 9, appendices: what the record says of one evidence item, fact by fact, for the investigator's declaration
 * (FRE 901(b)(1): I visited the URL, at this time with zone, reviewed it, the exhibit accurately reflects it). A fact
 * the record gives is stated with where it comes from (the capture tool's capture.json; a sidecar, as typed by whom;
 * the photograph's EXIF data; the platform export); a fact it does not give is a blank for counsel, never a sentence.
 */
import type { Declarant } from "../plan/index.js";
import type { EvidenceItem } from "../model/evidence.js";
import { offsetMinutes } from "../util/time.js";
import { wordsOf } from "../intake/formats/index.js";
import { baseName } from "./certification-words.js";
import type { Mark, ReachedVia } from "../model/case.js";
import { markCitation } from "../util/marks.js";
import { posix } from "node:path";

/** A fact as the declaration states it: its value and where the record has it, or a blank for counsel. */
export type Fact = { text: string; how?: string } | { blank: string };

const blank = (what: string): Fact => ({ blank: `[COUNSEL: ${what} not recorded]` });

/** What the paragraph says of one item; the template words it by its kind. */
export interface DeclarationItem {
  web?: true;
  printout?: true;
  photo?: true;
  messages?: true;
  orders?: true;
  email?: true;
  document?: true;
  /** A copy of a public record (Fed. R. Evid. 902(1)/(4)): named, not authenticated by the declarant. */
  publicRecord?: true;
  file: string;
  title: string;
  /** A web page's URL (other kinds have none to state). */
  url?: Fact;
  time: Fact;
  /** A document: how the declarant obtained it (no record says: a blank). */
  obtained?: Fact;
  /** Who the record says made it, when that is not the declarant (or is not recorded): a blank before the first person. */
  attribution?: string;
  /** A live capture: the tool that recorded it, and the server's answer. */
  tool?: string;
  status?: string;
  platform?: string;
  /** An export of several files (message_1.json, message_2.json, its photos): all of them, by their paths in the export. */
  files?: string;
  participants?: string;
  orderIds?: string;
  orderedAt?: Fact;
  shipTo?: Fact;
  received?: Fact;
  subject?: string;
  from?: string;
  emailDate?: Fact;
  /** The marks asserted in the case that the page or photograph shows, as its record names them. */
  marks?: Fact;
  /** A web page: the link the declarant followed to it, and where that link was found (sidecar `reachedVia`). */
  reachedVia?: Fact;
  /** Where the record has the facts above, said once for the item: "Source: the time and the URL as typed in …". */
  sources?: string;
}

/** Each fact as the item's source sentence names it, in the order the paragraph states them. */
const FACT_NAMES: [keyof DeclarationItem, string][] = [
  ["time", "the time"],
  ["url", "the URL"],
  ["orderedAt", "the time of the order"],
  ["shipTo", "the place it was shipped to"],
  ["received", "where and when the package was received"],
  ["emailDate", "the email's date"],
  ["marks", "the marks shown"],
  ["reachedVia", "how the page was reached"],
];

const and = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

/**
 * One sentence for the item saying where its record has each fact, facts from the same place named together
 * ("Source: the time and the URL as typed in x.meta.yaml by R. Delgado."), instead of a note after each fact.
 */
export function sourcesSentence(item: DeclarationItem): string | undefined {
  const groups = new Map<string, string[]>();
  for (const [key, name] of FACT_NAMES) {
    const f = item[key] as Fact | undefined;
    if (f && "how" in f && f.how) groups.set(f.how, [...(groups.get(f.how) ?? []), name]);
  }
  if (groups.size === 0) return undefined;
  const parts = [...groups].map(([how, names]) => `${and(names)} ${how}`);
  return `${parts.length > 1 ? "Sources" : "Source"}: ${parts.join("; ")}.`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const two = (n: number) => String(n).padStart(2, "0");

/** "March 20, 2026": a calendar day (YYYY-MM-DD) as a declaration states it. */
function dayWords(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/**
 * "March 14, 2026, at 12:22:05 p.m. CDT (UTC−05:00)": an instant as a declaration states it; a zone without a US
 * abbreviation by its offset and name ("… at 1:22:05 a.m. (UTC+08:00, Asia/Shanghai)").
 */
export function declarationTime(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  const offset = offsetMinutes(timeZone, ms);
  const t = new Date(ms + offset * 60_000);
  const h = t.getUTCHours();
  const clock = `${h % 12 === 0 ? 12 : h % 12}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} ${h < 12 ? "a.m." : "p.m."}`;
  const abs = Math.abs(offset);
  const utc = `UTC${offset < 0 ? "−" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  const abbr = zoneAbbreviation(ms, timeZone);
  const zone = abbr ? `${abbr} (${utc})` : `(${utc}, ${timeZone})`;
  return `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}, ${t.getUTCFullYear()}, at ${clock} ${zone}`;
}

/** "CDT", "EST": the zone's US abbreviation at that instant, when it has one (else undefined: the offset and zone name say it). */
function zoneAbbreviation(ms: number, timeZone: string): string | undefined {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName")?.value;
  return name && /^[A-Z]{3,4}$/.test(name) ? name : undefined;
}

/** Whether the record's "captured by" names the declarant (their surname as a word of it). */
export function namesDeclarant(by: string, declarant: Declarant): boolean {
  const surname = declarant.name.trim().split(/\s+/).at(-1)?.toLowerCase();
  return (
    Boolean(surname) &&
    by
      .toLowerCase()
      .split(/[^\p{L}\p{N}'-]+/u)
      .includes(surname!)
  );
}

/**
 * How a value typed in the item's sidecar is attributed: "as typed in x.meta.yaml". Who typed it is not recorded (a
 * sidecar's `capturedBy` says who captured the item, not who wrote the sidecar), so no one is named.
 */
function typed(item: EvidenceItem): string {
  return `as typed in ${item.sidecar ? baseName(item.sidecar.path) : "case.yaml"}`;
}

const TIME_HOW: Record<string, string> = {
  capture: "as recorded by the capture tool in capture.json",
  case: "as stated in case.yaml",
  export: "as recorded in the platform export",
  exif: "as recorded in the photograph's EXIF data",
};

function timeFact(item: EvidenceItem, timeZone: string): Fact {
  if (!item.capturedAt) return blank("date, time and time zone of capture");
  const how =
    item.capturedAtSource === "sidecar" ? typed(item) : (TIME_HOW[item.capturedAtSource] ?? `as ${item.capturedAtSource} records it`);
  // A note says how an EXIF time was read (its offset, the camera); a sidecar's note only repeats where it was typed.
  const note = item.capturedAtSource === "exif" ? item.capturedAtNote : undefined;
  return { text: declarationTime(item.capturedAt, timeZone), how: note ? `${how}; ${note}` : how };
}

function urlFact(item: EvidenceItem): Fact {
  const r = item.capture?.record;
  if (r) return { text: r.finalUrl, how: "as recorded by the capture tool in capture.json" };
  return item.url ? { text: item.url, how: typed(item) } : blank("URL visited");
}

/** Who made the item, when the record does not name the declarant: the blank counsel resolves before filing. */
function attribution(item: EvidenceItem, declarant: Declarant): string | undefined {
  const r = item.capture?.record;
  const by = r ? r.operator : item.capturedBy;
  if (!by) return "[COUNSEL: who made this record is not recorded; confirm it was the declarant before filing]";
  if (namesDeclarant(by, declarant)) return undefined;
  return `[COUNSEL: the record names ${by}, not the declarant, as who made it; confirm before the declarant states it]`;
}

const place = (a: { city?: string; state?: string; country?: string; raw?: string } | undefined) =>
  a ? [a.city, a.state, a.country].filter(Boolean).join(", ") || undefined : undefined;

/** What the declaration says of `item`, by what it is: a web page, a photograph, a message export, orders, an email. */
export function declarationItem(item: EvidenceItem, declarant: Declarant, timeZone: string, marks: readonly Mark[] = []): DeclarationItem {
  const said = itemFacts(item, declarant, timeZone, marks);
  const sources = sourcesSentence(said);
  return sources ? { ...said, sources } : said;
}

/** The marks an item's record says it shows, cited as the case asserts them ("ROCKSTUD (Reg. No. 4,567,890)"). */
function marksFact(item: EvidenceItem, marks: readonly Mark[]): Fact | undefined {
  const shown = item.marks.flatMap((id) => marks.filter((m) => m.id === id)).map(markCitation);
  return shown.length ? { text: shown.join("; "), how: typed(item) } : undefined;
}

function itemFacts(item: EvidenceItem, declarant: Declarant, timeZone: string, marks: readonly Mark[]): DeclarationItem {
  const p = item.payload;
  // A screenshot or listing is a web page whether or not its URL was recorded (then the URL is a blank).
  const web = item.capture !== undefined || item.url !== undefined || item.kind === "listing" || item.kind === "screenshot";
  // A document no one is recorded to have captured gets its own blank (how it was obtained), not an attribution.
  const document = !web && p.type !== "conversation" && p.type !== "purchases" && p.type !== "email" && item.kind !== "photo";
  // A public record is offered on its own footing, not on the declarant's knowledge: nothing to attribute or time.
  if (item.publicRecord) return { file: baseName(item.source.path), title: item.title, time: { text: "" }, publicRecord: true };
  const by = document && !item.capturedBy ? undefined : attribution(item, declarant);
  const base = {
    file: baseName(item.source.path),
    title: item.title,
    time: timeFact(item, timeZone),
    ...(by ? { attribution: by } : {}),
  };
  if (p.type === "conversation") {
    const c = p.conversation;
    // The declarant's own side of the conversation is not whom it was with.
    const others = c.participants.filter((n) => !namesDeclarant(n, declarant));
    const files = [item.source, ...(item.related ?? [])].map((f) => f.path.slice(posix.dirname(item.source.path).length + 1));
    return {
      ...base,
      ...(files.length > 1 ? { files: and(files) } : {}),
      messages: true,
      platform: wordsOf(item.media, c.platform).certification.name,
      participants: others.join(", ") || c.title,
    };
  }
  if (p.type === "purchases") {
    const orders = p.orders;
    const first = orders.find((o) => o.orderedAt);
    const ship = place(orders.find((o) => o.shipTo)?.shipTo);
    return {
      ...base,
      orders: true,
      orderIds: orders.map((o) => o.orderId).join(", "),
      orderedAt: first?.orderedAt
        ? { text: declarationTime(first.orderedAt, timeZone), how: "as recorded in the order export" }
        : blank("date of the order"),
      shipTo: ship ? { text: ship, how: "as recorded in the order export" } : blank("place the order was shipped to"),
    };
  }
  if (p.type === "email") {
    const e = p.email;
    return {
      ...base,
      email: true,
      subject: e.subject ?? "(no subject)",
      from: e.from ?? "(sender not stated)",
      emailDate: e.date
        ? { text: declarationTime(e.date, timeZone), how: "as its Date header states" }
        : blank("date the email was received"),
    };
  }
  const shown = marksFact(item, marks);
  if (web)
    return {
      ...base,
      web: true,
      url: urlFact(item),
      ...(p.type === "pdf" ? { printout: true as const } : {}),
      ...captureFacts(item),
      ...(shown ? { marks: shown } : {}),
      ...(item.reachedVia ? { reachedVia: reachedViaFact(item.reachedVia, item) } : {}),
    };
  if (item.kind === "photo")
    return {
      ...base,
      photo: true,
      ...(shown ? { marks: shown } : {}),
      received: item.received
        ? { text: `${item.received.at} on ${dayWords(item.received.on)}`, how: typed(item) }
        : blank("where and when the package photographed was received"),
    };
  return {
    ...base,
    document: true,
    obtained: {
      blank:
        "[COUNSEL: how and when the declarant obtained this document not recorded; a public record may be better authenticated " +
        "under Fed. R. Evid. 902(1) or (4)]",
    },
  };
}

const FOUND_IN: Record<ReachedVia["how"], string> = {
  dm: "sent in a direct message",
  "link-in-bio": "in the seller's profile (link in bio)",
  search: "among search results",
  ad: "in an advertisement",
  marketplace: "on the marketplace's own pages",
  other: "elsewhere",
};

/** "the link https://… sent in a direct message (Instagram direct message from kpgboutique, … M00003)". */
function reachedViaFact(r: ReachedVia, item: EvidenceItem): Fact {
  return { text: `the link ${r.url} ${FOUND_IN[r.how]}${r.note ? ` (${r.note})` : ""}`, how: typed(item) };
}

function captureFacts(item: EvidenceItem): Pick<DeclarationItem, "tool" | "status"> {
  const r = item.capture?.record;
  if (!r) return {};
  return { tool: r.tool, status: `HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ""}` };
}
