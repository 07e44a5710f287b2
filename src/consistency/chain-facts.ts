/**
 * Stage 5, consistency (pure): what each defendant's items say at each step of the chain — the chats it was found
 * through, its listings, its test buys (records grouped by order id) and the photographs of goods received — as
 * identifiers with where each was read. links.ts links them; identity.ts compares them.
 */
import type { Defendant } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PurchaseOrder } from "../model/purchase.js";
import {
  type Identifier,
  isMarketplace,
  KIND_WORDS,
  lineItemId,
  normaliseTracking,
  PRODUCT_KINDS,
  sellerIdentifier,
  textIdentifiers,
  trackingNumbers,
  urlIdentifiers,
} from "./identifiers.js";

export interface LinkInputs {
  defendants: readonly Defendant[];
  items: readonly EvidenceItem[];
  /** Text layers by item id (the words OCR read, lines joined by "\n"): where a label's tracking number is found. */
  texts?: ReadonlyMap<string, string>;
}

/** An identifier as one item records it, and where. */
export interface Mention {
  itemId: string;
  /** Where in the item: "URL", "message M00003", "order 114-…, line 2", "OCR words". */
  what: string;
  id: Identifier;
  /** The URL it was read from, when it came from one. */
  url?: string;
  /** Read by OCR (not the record's own text). */
  ocr?: boolean;
}

export interface ListingFacts {
  item: EvidenceItem;
  /** What the listing itself shows: its URL and the words on it. */
  own: Mention[];
  /** What its record says led to it (reachedVia). */
  via: Mention[];
}

export interface TestBuyRecord {
  itemId: string;
  what: string;
  entryIndex?: number;
  /** A row of an order export (the order as the platform records it), not a document about it. */
  exported?: boolean;
  mentions: Mention[];
}

/** One test buy: the records of one order (the export's row, the e-mail, the receipt), or one purchase item without. */
export interface TestBuy {
  key: string;
  orderId?: string;
  /** "order 114-7730215-6620491", or the record's title. */
  label: string;
  records: TestBuyRecord[];
}

export interface ReceivedFacts {
  item: EvidenceItem;
  mentions: Mention[];
  /** Whether any words were read from it (else nothing on its label could be compared). */
  read: boolean;
}

export interface DefendantFacts {
  defendant: Defendant;
  chats: { item: EvidenceItem; mentions: Mention[] }[];
  listings: ListingFacts[];
  testBuys: TestBuy[];
  received: ReceivedFacts[];
  /** The defendant's own store domains (not marketplaces): a shared one ties a listing to a checkout. */
  ownDomains: Set<string>;
}

const byId = (a: EvidenceItem, b: EvidenceItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function mentionsOf(itemId: string, what: string, ids: Identifier[], extra: Partial<Mention> = {}): Mention[] {
  return ids.map((id) => ({ itemId, what, id, ...extra }));
}

/** The item's URL, its e-mail or chat text, and the words read on it (no orders: those are the test buy's). */
function itemMentions(item: EvidenceItem, text: string | undefined): Mention[] {
  const out: Mention[] = [];
  if (item.url) out.push(...mentionsOf(item.id, "URL", urlIdentifiers(item.url), { url: item.url }));
  const p = item.payload;
  if (p.type === "conversation")
    for (const m of p.conversation.messages) {
      const what = `message ${m.ref}`;
      out.push(...mentionsOf(item.id, what, textIdentifiers(m.text ?? "")));
      for (const l of m.links) out.push(...mentionsOf(item.id, what, urlIdentifiers(l.url), { url: l.url }));
    }
  if (p.type === "email") out.push(...mentionsOf(item.id, "e-mail", textIdentifiers(`${p.email.subject ?? ""}\n${p.email.text}`)));
  if (text) out.push(...mentionsOf(item.id, "OCR words", textIdentifiers(text), { ocr: true }));
  return out;
}

function orderMentions(itemId: string, o: PurchaseOrder): Mention[] {
  const where = `order ${o.orderId}, ${o.origin}`;
  const ids: Identifier[] = [{ kind: "order-id", value: o.orderId.toUpperCase(), raw: o.orderId }];
  for (const l of o.lines) {
    const id = l.itemId ? lineItemId(l.itemId, o.source) : undefined;
    if (id) ids.push(id);
  }
  if (o.tracking) {
    const found = trackingNumbers(o.tracking);
    ids.push(...(found.length ? found : [{ kind: "tracking" as const, value: normaliseTracking(o.tracking), raw: o.tracking }]));
  }
  const seller = o.seller ? sellerIdentifier(o.seller) : undefined;
  if (seller) ids.push(seller);
  for (const d of o.details) ids.push(...textIdentifiers(d.value).filter((i) => i.kind !== "order-id"));
  return mentionsOf(itemId, where, ids);
}

function testBuysOf(items: readonly EvidenceItem[], texts: LinkInputs["texts"]): TestBuy[] {
  const buys = new Map<string, TestBuy>();
  const add = (key: string, orderId: string | undefined, label: string, record: TestBuyRecord) => {
    const b = buys.get(key) ?? { key, ...(orderId ? { orderId } : {}), label, records: [] };
    b.records.push(record);
    buys.set(key, b);
  };
  for (const item of items.filter((i) => i.kind === "purchase")) {
    const entry = item.entryIndex === undefined ? {} : { entryIndex: item.entryIndex };
    if (item.payload.type === "purchases") {
      for (const o of item.payload.orders) {
        const mentions = orderMentions(item.id, o);
        add(`order:${o.orderId.toUpperCase()}`, o.orderId, `order ${o.orderId}`, {
          itemId: item.id,
          what: mentions[0]!.what,
          ...entry,
          exported: true,
          mentions,
        });
      }
      continue;
    }
    const mentions = itemMentions(item, texts?.get(item.id));
    const orders = [...new Set(mentions.filter((m) => m.id.kind === "order-id").map((m) => m.id.raw))];
    const record = (what: string) => ({ itemId: item.id, what, ...entry, mentions });
    if (orders.length) for (const o of orders) add(`order:${o.toUpperCase()}`, o, `order ${o}`, record(recordWords(item)));
    else add(`item:${item.id}`, undefined, `the purchase “${item.title}”`, record(recordWords(item)));
  }
  // The order record (an export's row) first: it is what the other records of the order are compared with.
  const rank = (r: TestBuyRecord) => (r.exported ? 0 : 1);
  return [...buys.values()].map((b) => ({ ...b, records: [...b.records].sort((x, y) => rank(x) - rank(y)) }));
}

const recordWords = (item: EvidenceItem) =>
  item.payload.type === "email" ? "confirmation e-mail" : item.payload.type === "pdf" ? "printed order details" : "purchase capture";

/** Each defendant's facts, in case.yaml's order; items are taken in id order so the result is the same every run. */
export function defendantFacts(inputs: LinkInputs): DefendantFacts[] {
  // Items by the defendants they concern, once (a 500-defendant case has thousands of items).
  const byDefendant = new Map<string, EvidenceItem[]>();
  for (const i of [...inputs.items].sort(byId))
    for (const d of new Set([i.defendantId, ...(i.alsoDefendants ?? [])]))
      if (d !== undefined) byDefendant.set(d, [...(byDefendant.get(d) ?? []), i]);
  return inputs.defendants.map((defendant) => {
    const mine = byDefendant.get(defendant.id) ?? [];
    const text = (i: EvidenceItem) => inputs.texts?.get(i.id);
    const chats = mine.filter((i) => i.payload.type === "conversation").map((item) => ({ item, mentions: itemMentions(item, undefined) }));
    const listings = mine
      .filter(
        (i) => i.kind === "listing" || (i.kind === "screenshot" && i.url && urlIdentifiers(i.url).some((x) => PRODUCT_KINDS.has(x.kind))),
      )
      .map((item) => ({
        item,
        own: itemMentions(item, text(item)),
        via: item.reachedVia ? mentionsOf(item.id, "reachedVia", urlIdentifiers(item.reachedVia.url), { url: item.reachedVia.url }) : [],
      }));
    const testBuys = testBuysOf(mine, inputs.texts);
    const entries = new Set(mine.filter((i) => i.kind === "purchase" && i.entryIndex !== undefined).map((i) => i.entryIndex));
    const received = mine
      .filter((i) => i.received || (i.kind === "photo" && i.entryIndex !== undefined && entries.has(i.entryIndex)))
      .map((item) => ({ item, mentions: itemMentions(item, text(item)), read: Boolean(text(item)?.trim()) }));
    const ownDomains = new Set(
      [defendant.domain, defendant.storeUrl ? urlIdentifiers(defendant.storeUrl)[0]?.value : undefined]
        .filter((d): d is string => Boolean(d))
        .map((d) => d.toLowerCase().replace(/^www\./, ""))
        .filter((d) => !isMarketplace(d)),
    );
    return { defendant, chats, listings, testBuys, received, ownDomains };
  });
}

/** "ASIN B0FAKE1234", "store name “KPG Boutique”": normalised values, a store name as written. */
export const idWords = (i: Identifier) => `${KIND_WORDS[i.kind]} ${i.kind === "store-name" ? `“${i.raw}”` : i.value}`;

/** The file an item id names, without its folder or its case.yaml entry ("Retail.OrderHistory.1.csv"). */
export const fileOf = (itemId: string) => itemId.replace(/#.*$/, "").split("/").pop() ?? itemId;
