/**
 * Stage 5, consistency (pure): the identifiers that tie evidence items together, found in URLs and text and
 * normalised so the same thing written two ways compares equal: item ids (Amazon ASINs, eBay, Walmart and Etsy item
 * ids, a store's product handles), domains, order ids, tracking numbers, seller ids and store names. links.ts builds
 * each defendant's chain from them; identity.ts compares them.
 */

export const IDENTIFIER_KINDS = [
  "asin",
  "ebay-item",
  "walmart-item",
  "etsy-listing",
  "item-id",
  "product-handle",
  "domain",
  "order-id",
  "tracking",
  "seller-id",
  "store-name",
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Identifier {
  kind: IdentifierKind;
  /** Normalised: compared for equality ("B0FAKE1234", "TBA318840021577", "studline-outlet.example/rock-stud-pump"). */
  value: string;
  /** As written in the record (a store name keeps its case; a tracking number its spaces). */
  raw: string;
  /** For tracking numbers: the carrier the number's shape (or its label) says. */
  carrier?: "Amazon Logistics" | "UPS" | "USPS" | "FedEx";
}

/** Kinds that name one product (an offer): what ties a hidden link, a listing and an order line together. */
export const PRODUCT_KINDS: ReadonlySet<IdentifierKind> = new Set(IDENTIFIER_KINDS.slice(0, IDENTIFIER_KINDS.indexOf("domain")));

/** Words for each kind, as a sentence names them ("same ASIN B0FAKE1234"). */
export const KIND_WORDS: Record<IdentifierKind, string> = {
  asin: "ASIN",
  "ebay-item": "eBay item",
  "walmart-item": "Walmart item",
  "etsy-listing": "Etsy listing",
  "item-id": "item id",
  "product-handle": "product page",
  domain: "domain",
  "order-id": "order id",
  tracking: "tracking number",
  "seller-id": "seller id",
  "store-name": "store name",
};

/** Query parameters that say how a link was reached, not what it names (dropped from canonical URLs). */
const NOISE = new RegExp(
  "^(ref|ref_|th|psc|tag|qid|sr|crid|sprefix|keywords|smid|igshid|igsh|fbclid|gclid|msclkid|spm|si|_encoding|content-id|" +
    "mc_cid|mc_eid|utm_.*|pd_rd_.*|pf_rd_.*)$",
  "i",
);

const ASIN = /^(?:B0[A-Z0-9]{8}|\d{9}[\dX])$/;
const AMAZON_SELLER = /^A[0-9A-Z]{9,20}$/;

const hostOf = (u: URL) =>
  u.hostname
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
const isAmazon = (host: string) => /(^|\.)amazon\.[a-z.]+$/.test(host);
const isEbay = (host: string) => /(^|\.)ebay\.[a-z.]+$/.test(host);
const isWalmart = (host: string) => /(^|\.)walmart\.[a-z.]+$/.test(host);
const isEtsy = (host: string) => /(^|\.)etsy\.com$/.test(host);

/** Marketplaces: their domain names no seller, so a shared domain links nothing there. */
export function isMarketplace(domain: string): boolean {
  return (
    isAmazon(domain) ||
    isEbay(domain) ||
    isWalmart(domain) ||
    isEtsy(domain) ||
    /(^|\.)(aliexpress|temu|shein|wish|dhgate)\.com$/.test(domain)
  );
}

function parseUrl(url: string): URL | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The URL without what only says how it was reached (ref=, th=, utm_*…), host in lower case without www. */
export function canonicalUrl(url: string): string {
  const u = parseUrl(url);
  if (!u) return url.trim();
  const path = u.pathname.replace(/\/ref=[^/]*$/i, "").replace(/\/+$/, "") || "/";
  const kept = [...u.searchParams].filter(([k]) => !NOISE.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.length ? `?${kept.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}` : "";
  return `${u.protocol}//${hostOf(u)}${path}${query}`;
}

/** Identifiers a URL names: its domain, the item it shows, the seller or order in its query. */
export function urlIdentifiers(url: string): Identifier[] {
  const u = parseUrl(url);
  if (!u) return [];
  const host = hostOf(u);
  const out: Identifier[] = [{ kind: "domain", value: host, raw: host }];
  const segs = u.pathname.split("/").filter(Boolean).map(decodeSegment);
  const query = (name: string) => [...u.searchParams].find(([k]) => k.toLowerCase() === name)?.[1];
  if (isAmazon(host)) {
    const after = (...names: string[]) => {
      for (let i = 0; i < segs.length - 1; i++) if (names.includes(segs[i]!.toLowerCase())) return segs[i + 1];
      return undefined;
    };
    const gp = segs.findIndex((s, i) => s.toLowerCase() === "gp" && ["product", "aw"].includes(segs[i + 1]?.toLowerCase() ?? ""));
    const gpAsin = gp >= 0 ? (segs[gp + 1]!.toLowerCase() === "aw" ? segs[gp + 3] : segs[gp + 2]) : undefined;
    const asin = [after("dp"), gpAsin, after("obidos", "asin"), query("asin")].find((a) => a && ASIN.test(a.toUpperCase()));
    if (asin) out.push({ kind: "asin", value: asin.toUpperCase(), raw: asin });
    const seller = query("seller") ?? query("me");
    if (seller && AMAZON_SELLER.test(seller.toUpperCase())) out.push({ kind: "seller-id", value: seller.toUpperCase(), raw: seller });
    const order = query("orderid");
    if (order) out.push({ kind: "order-id", value: order.toUpperCase(), raw: order });
  } else if (isEbay(host)) {
    const id = segs[0]?.toLowerCase() === "itm" ? segs[segs.length - 1] : query("item");
    if (id && /^\d{9,15}$/.test(id)) out.push({ kind: "ebay-item", value: id, raw: id });
  } else if (isWalmart(host)) {
    const id = segs[0]?.toLowerCase() === "ip" ? segs[segs.length - 1] : undefined;
    if (id && /^\d{5,15}$/.test(id)) out.push({ kind: "walmart-item", value: id, raw: id });
  } else if (isEtsy(host)) {
    const i = segs.findIndex((s) => s.toLowerCase() === "listing");
    const id = i >= 0 ? segs[i + 1] : undefined;
    if (id && /^\d{5,15}$/.test(id)) out.push({ kind: "etsy-listing", value: id, raw: id });
  } else {
    const i = segs.findIndex((s) => s.toLowerCase() === "products");
    const handle = i >= 0 ? segs[i + 1] : undefined;
    if (handle) out.push({ kind: "product-handle", value: `${host}/${handle.toLowerCase()}`, raw: handle });
  }
  return out;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A tracking number with spaces and dashes removed, in upper case. */
export function normaliseTracking(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/**
 * Tracking numbers in a text, by their shapes: Amazon Logistics TBA + 12 digits, UPS 1Z + 16, USPS 20–22 digits from
 * 92–95; FedEx's 12 or 15 digits only where "FedEx" labels them (bare, they could be anything).
 */
export function trackingNumbers(text: string): Identifier[] {
  const out: Identifier[] = [];
  const add = (raw: string, carrier: NonNullable<Identifier["carrier"]>) =>
    out.push({ kind: "tracking", value: normaliseTracking(raw), raw: raw.trim(), carrier });
  for (const m of text.matchAll(/\bTBA(?:[ -]?\d){12}(?!\d)/gi)) add(m[0], "Amazon Logistics");
  for (const m of text.matchAll(/\b1Z(?:[ -]?[0-9A-Z]){16}\b/gi)) add(m[0], "UPS");
  for (const m of text.matchAll(/(?<![\d-])9[2-5](?:[ -]?\d){18,20}(?![\d-])/g)) add(m[0], "USPS");
  for (const m of text.matchAll(/\bfedex\b[^\d\n]{0,30}((?:\d[ -]?){14}\d|(?:\d[ -]?){11}\d)(?![\d-])/gi)) add(m[1]!, "FedEx");
  return out;
}

/** URLs written in a text (trailing punctuation is the sentence's, not the URL's). */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)].map((m) => m[0].replace(/[).,;:!?\]}]+$/, ""));
}

/** A store name compared without case, punctuation or spacing ("KPG Boutique" = "kpg-boutique"). */
export function storeKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** OCR reads an ASIN's 0 as O now and then; only where the text labels it an ASIN is that mended. */
const mendAsin = (raw: string) => (raw.length === 10 ? `B0${raw.slice(2)}` : raw).toUpperCase();

/**
 * Identifiers written in a text (a chat message, an e-mail, the words OCR read): URLs and what they name, ASINs where
 * "ASIN" labels them, Amazon order ids (3-7-7 digits) and others where "order" labels them, tracking numbers, Amazon
 * seller ids where "seller ID" labels them, and the store after "Sold by".
 */
export function textIdentifiers(text: string): Identifier[] {
  const out: Identifier[] = [];
  for (const url of urlsIn(text)) out.push(...urlIdentifiers(url));
  for (const m of text.matchAll(/\bASIN\b[^A-Za-z0-9\n]{0,4}(?:[^\n]{0,40}?)\b([B8][0O][A-Z0-9]{8})\b/g))
    out.push({ kind: "asin", value: mendAsin(m[1]!), raw: m[1]! });
  for (const m of text.matchAll(/(?<![\d-])(\d{3}-\d{7}-\d{7})(?![\d-])/g)) out.push({ kind: "order-id", value: m[1]!, raw: m[1]! });
  for (const m of text.matchAll(/\border\s*(?:id|no\.?|number|#)\s*[:#]?\s*#?\s*([A-Z0-9][A-Z0-9-]{4,30}[A-Z0-9])\b/gi))
    if (/\d/.test(m[1]!)) out.push({ kind: "order-id", value: m[1]!.toUpperCase(), raw: m[1]! });
  out.push(...trackingNumbers(text));
  for (const m of text.matchAll(/\bseller\s*id\b\s*[:#]?\s*(A[0-9A-Z]{9,20})\b/gi))
    out.push({ kind: "seller-id", value: m[1]!.toUpperCase(), raw: m[1]! });
  for (const m of text.matchAll(/\bsold by\b\s*:?[ \t]*([^\n(|,;]{2,60})/gi)) {
    const raw = m[1]!
      .trim()
      .replace(/\s+(and|&)\s+(fulfilled|shipped)\b.*$/i, "")
      .replace(/[.\s]+$/, "");
    if (storeKey(raw) && !/^(a |the )?(third-party )?seller$/i.test(raw)) out.push({ kind: "store-name", value: storeKey(raw), raw });
  }
  return dedupe(out);
}

/** One identifier per kind and value, the first as written. */
export function dedupe(ids: readonly Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return ids.filter((i) => {
    const k = `${i.kind}\u0000${i.value}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** An order line's item id, by its shape and the record's source: an ASIN for Amazon, an item id otherwise. */
export function lineItemId(itemId: string, source: string): Identifier | undefined {
  const v = itemId.trim();
  if (!v) return undefined;
  if (ASIN.test(v.toUpperCase()) && (source.startsWith("amazon") || /^B0/i.test(v)))
    return { kind: "asin", value: v.toUpperCase(), raw: v };
  if (source.startsWith("ebay") && /^\d{9,15}$/.test(v)) return { kind: "ebay-item", value: v, raw: v };
  return { kind: "item-id", value: v.toUpperCase(), raw: v };
}

/** A seller as an order records it: an Amazon seller id by its shape, else a store name. */
export function sellerIdentifier(seller: string): Identifier | undefined {
  const v = seller.trim();
  if (!v) return undefined;
  if (AMAZON_SELLER.test(v) && /\d/.test(v)) return { kind: "seller-id", value: v.toUpperCase(), raw: v };
  return storeKey(v) ? { kind: "store-name", value: storeKey(v), raw: v } : undefined;
}

/** Two identifiers of product kinds name the same product (an item id compares with any item-id kind by value). */
export function sameProduct(a: Identifier, b: Identifier): boolean {
  if (!PRODUCT_KINDS.has(a.kind) || !PRODUCT_KINDS.has(b.kind) || a.value !== b.value) return false;
  return a.kind === b.kind || a.kind === "item-id" || b.kind === "item-id";
}
