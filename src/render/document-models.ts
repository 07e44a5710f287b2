/**
 * View models of rendered evidence (transcripts, purchase summaries, emails). Every evidence string passes
 * through the Redactor once, here, so the log counts each redaction once and both twins render from the
 * same segments. Headings name the format in its own words (the registry's).
 */
import type { CaseConfig } from "../model/case.js";
import type { ChatMessage, Conversation } from "../model/conversation.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { EmailReceipt, PurchaseOrder, Address } from "../model/purchase.js";
import type { TextSegment } from "../model/redaction.js";
import type { TextRedactor } from "../model/redaction.js";
import { formatMoney } from "../util/money.js";
import { formatInZone, formatUtc } from "../util/time.js";
import { chatWordsOf, messageTally } from "../intake/formats/index.js";
import { hasRedaction } from "./text-parts.js";

export interface Segmented {
  segments: TextSegment[];
}

export interface MessageModel {
  ref: string;
  local: string;
  utc: string;
  sender: Segmented;
  system: boolean;
  text?: Segmented;
  links: { url: Segmented; label?: Segmented }[];
  attachments: { kind: string; name: string; path?: string; thumbnail?: string; missing: boolean }[];
  reactions: string[];
  notes: string[];
}

export interface TranscriptModel {
  kind: "transcript";
  heading: string;
  platform: string;
  title: Segmented;
  participants: Segmented[];
  threadPath?: string;
  timeNote: string;
  source: string;
  /** "42 messages and 1 system line": system lines are shown, but not counted as messages. */
  tally: string;
  messages: MessageModel[];
  redacted: boolean;
}

export function transcriptModel(
  item: EvidenceItem,
  c: Conversation,
  config: CaseConfig,
  redactor: TextRedactor,
  thumbnails: Map<string, string>,
): TranscriptModel {
  const seg = (text: string, place: string): Segmented => ({ segments: redactor.apply(text, item.id, place) });
  const messages = c.messages.map((m: ChatMessage) => ({
    ref: m.ref,
    local: formatInZone(m.at, config.timeZone)
      .replace(/ \(.*\)$/, "")
      .replace(" UTC", " "),
    utc: formatUtc(m.at),
    sender: seg(m.sender, `message ${m.ref} sender`),
    system: m.system,
    text: m.text !== undefined ? seg(m.text, `message ${m.ref}`) : undefined,
    links: m.links.map((l) => ({
      url: seg(l.url, `message ${m.ref} link`),
      label: l.label ? seg(l.label, `message ${m.ref} link text`) : undefined,
    })),
    attachments: m.attachments.map((a) => ({
      kind: a.kind,
      name: a.name,
      path: a.path,
      thumbnail: a.path ? thumbnails.get(a.path) : undefined,
      missing: !a.path,
    })),
    reactions: m.reactions.map((r) => `${r.reaction} ${r.actor}`),
    notes: m.notes,
  }));
  const model: TranscriptModel = {
    kind: "transcript",
    heading: chatWordsOf(c.platform).transcriptHeading,
    platform: c.platform,
    title: seg(c.title || item.title, "thread title"),
    participants: c.participants.map((p, i) => seg(p, `participant ${i + 1}`)),
    threadPath: c.threadPath,
    timeNote: sentence(c.timeNote ?? "Times are UTC in the export"),
    source: item.source.path,
    tally: messageTally(c),
    messages,
    redacted: false,
  };
  model.redacted = anyRedaction(model);
  return model;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export interface OrderModel {
  orderId: string;
  orderedUtc?: string;
  orderedLocal?: string;
  seller?: Segmented;
  lines: { name: Segmented; quantity: number; unitPrice?: string; lineTotal?: string; itemId?: string }[];
  amounts: { label: string; amount: string }[];
  status?: string;
  payment?: Segmented;
  shipTo?: { lines: Segmented[]; cityState?: string };
  tracking?: string;
  details: { label: string; value: Segmented }[];
  origin: string;
}

export interface PurchasesModel {
  kind: "purchases";
  heading: string;
  source: string;
  orders: OrderModel[];
  redacted: boolean;
}

export function purchasesModel(
  item: EvidenceItem,
  orders: PurchaseOrder[],
  config: CaseConfig,
  redactor: TextRedactor,
  formatName: string,
): PurchasesModel {
  const model: PurchasesModel = {
    kind: "purchases",
    heading: `Purchase records — ${formatName}`,
    source: item.source.path,
    orders: orders.map((o) => {
      const seg = (text: string, field: string, as?: "street-address"): Segmented => ({
        segments: redactor.apply(text, item.id, `order ${o.orderId} ${field}`, as),
      });
      return {
        orderId: o.orderId,
        orderedUtc: o.orderedAt ? formatUtc(o.orderedAt) : undefined,
        orderedLocal: o.orderedAt ? formatInZone(o.orderedAt, config.timeZone) : undefined,
        seller: o.seller ? seg(o.seller, "seller") : undefined,
        lines: o.lines.map((l) => ({
          name: seg(l.name, "item"),
          quantity: l.quantity,
          unitPrice: l.unitPrice ? formatMoney(l.unitPrice) : undefined,
          lineTotal: l.unitPrice ? formatMoney({ ...l.unitPrice, units: l.unitPrice.units * BigInt(l.quantity) }) : undefined,
          itemId: l.itemId,
        })),
        amounts: o.amounts.map((a) => ({ label: a.label, amount: formatMoney(a.amount) })),
        status: o.status,
        payment: o.payment ? seg(o.payment, "payment") : undefined,
        shipTo: o.shipTo ? shipToModel(o.shipTo, seg) : undefined,
        tracking: o.tracking,
        details: o.details.map((d) => ({ label: d.label, value: seg(d.value, d.label) })),
        origin: o.origin,
      };
    }),
    redacted: false,
  };
  model.redacted = anyRedaction(model);
  return model;
}

/** The ship-to block: its street field is a street line whole (the Redactor decides whether it is shown). */
function shipToModel(a: Address, seg: (t: string, f: string, field?: "street-address") => Segmented) {
  const cityState = [a.city, a.state, a.postalCode].filter(Boolean).join(", ") || undefined;
  // The bold forum line: city, state and the five-digit ZIP only (a ZIP+4's "+4" narrows the address to a building).
  const forum = [a.city, a.state, a.postalCode?.replace(/^(\d{5})[ \t]*[-–][ \t]*\d{4}$/, "$1")].filter(Boolean).join(", ") || undefined;
  const lines: Segmented[] = [];
  if (a.name) lines.push(seg(a.name, "ship-to name"));
  if (a.street) lines.push(seg(a.street, "ship-to street", "street-address"));
  if (!a.street && !a.city && a.raw) lines.push(seg(a.raw, "ship-to address"));
  // Forum-state evidence: city, state and five-digit ZIP stay; the rules still apply (a ZIP+4's "+4" goes with the street).
  if (cityState) lines.push(seg(cityState, "ship-to city, state and ZIP"));
  if (a.country) lines.push({ segments: [{ text: a.country }] });
  return { lines, cityState: forum };
}

export interface EmailModel {
  kind: "email";
  heading: string;
  source: string;
  headers: { name: string; value: Segmented }[];
  authentication: string[];
  body: Segmented;
  attachments: { filename: string; contentType: string; bytes: string; sha256: string }[];
  dateUtc?: string;
  dateLocal?: string;
  redacted: boolean;
}

const SHOWN_HEADERS = new Set(["date", "from", "to", "cc", "reply-to", "subject", "message-id", "return-path"]);

export function emailModel(item: EvidenceItem, e: EmailReceipt, config: CaseConfig, redactor: TextRedactor): EmailModel {
  const model: EmailModel = {
    kind: "email",
    heading: "Email",
    source: item.source.path,
    headers: e.headers
      .filter((h) => SHOWN_HEADERS.has(h.name.toLowerCase()))
      .map((h) => ({ name: h.name, value: { segments: redactor.apply(h.value, item.id, `header ${h.name}`, undefined, "email-header") } })),
    authentication: e.authentication,
    body: { segments: redactor.apply(e.text, item.id, "email body", undefined, "email-body") },
    attachments: e.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      bytes: a.bytes.toLocaleString("en-US"),
      sha256: a.sha256.slice(7),
    })),
    dateUtc: e.date ? formatUtc(e.date) : undefined,
    dateLocal: e.date ? formatInZone(e.date, config.timeZone) : undefined,
    redacted: false,
  };
  model.redacted = anyRedaction(model);
  return model;
}

/** Whether any text in a model was redacted (then the two twins must be rendered separately). */
function anyRedaction(model: object): boolean {
  let found = false;
  const walk = (v: unknown): void => {
    if (found || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if ("segments" in v && Array.isArray((v as Segmented).segments)) {
      if (hasRedaction((v as Segmented).segments)) found = true;
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(model);
  return found;
}
