/**
 * Stage 5, consistency (pure): each defendant's chain found → listing → test buy → goods received, linked from the
 * records themselves. A link is established when two items share an identifier (the same ASIN in a DM's link and a
 * listing's URL; the same order id in a chat and an order record; the tracking number read from a label photo and the
 * order's); one the filer's grouping alone suggests is listed, not established, with what the records lack; a step
 * nothing reaches is a missing link. The evidence map prints the result (appendices/evidence-map.ts).
 */
import type { ChainEnd, ChainLink, DefendantChain, MissingLink } from "../model/chain.js";
import { type DefendantFacts, defendantFacts, idWords, type LinkInputs, type Mention, type TestBuy } from "./chain-facts.js";
import { PRODUCT_KINDS, sameProduct } from "./identifiers.js";

export type { LinkInputs } from "./chain-facts.js";

const key = (m: Mention) => `${m.id.kind}:${m.id.value}`;
const end = (m: Pick<Mention, "itemId" | "what">, step: ChainEnd["step"]): ChainEnd => ({ itemId: m.itemId, step, what: m.what });
const products = (ms: readonly Mention[]) => ms.filter((m) => PRODUCT_KINDS.has(m.id.kind));
const inMessage = (m: Mention) => `${m.what}${m.url ? ` (${m.url})` : ""}`;

/** The first pair of mentions, one from each side, naming the same product; else the same store domain of the defendant. */
function sharedId(a: readonly Mention[], b: readonly Mention[], ownDomains: ReadonlySet<string>): [Mention, Mention] | undefined {
  for (const x of products(a)) for (const y of products(b)) if (sameProduct(x.id, y.id)) return [x, y];
  for (const x of a.filter((m) => m.id.kind === "domain" && ownDomains.has(m.id.value)))
    for (const y of b) if (y.id.kind === "domain" && y.id.value === x.id.value) return [x, y];
  return undefined;
}

function foundToListing(f: DefendantFacts, links: ChainLink[], missing: MissingLink[]) {
  for (const l of f.listings) {
    let linked = false;
    for (const chat of f.chats) {
      const pair = sharedId(chat.mentions, l.own, f.ownDomains);
      if (!pair) continue;
      const [dm, shown] = pair;
      linked = true;
      links.push({
        from: end(dm, "found"),
        to: end(shown, "listing"),
        by: `same ${idWords(dm.id)} in the chat's ${inMessage(dm)} and the listing's ${inMessage(shown)}`,
        established: true,
        shared: [key(dm)],
      });
    }
    if (linked) continue;
    const rv = l.item.reachedVia;
    const ids = products(l.own).map((m) => idWords(m.id));
    const named = ids.length ? [...new Set(ids)].join(", ") : "this listing";
    const why = !rv
      ? "no record says how the listing was found (no reachedVia; no chat of this defendant links to it)"
      : rv.how === "dm"
        ? `the listing's record says it was reached by a link in a direct message (${rv.url}), ` +
          `but no chat of this defendant links to ${named}`
        : `how the listing was found rests on its record alone (reachedVia ${rv.how}: ${rv.url}); no chat or other record shows it`;
    missing.push({ from: "found", to: "listing", itemId: l.item.id, why });
  }
  if (!f.listings.length) missing.push({ from: "found", to: "listing", why: "the case holds no listing of this defendant" });
}

function listingToTestBuy(f: DefendantFacts, links: ChainLink[], missing: MissingLink[]) {
  for (const t of f.testBuys) {
    let linked = false;
    for (const l of f.listings)
      for (const r of t.records) {
        const pair = sharedId(l.own, r.mentions, f.ownDomains);
        if (!pair || linked) continue;
        const [shown, bought] = pair;
        linked = true;
        links.push({
          from: end(shown, "listing"),
          to: end(bought, "test-buy"),
          by: `same ${idWords(shown.id)} in the listing's ${inMessage(shown)} and ${recordWhere(t, bought)}`,
          established: true,
          shared: [key(shown)],
        });
      }
    if (linked) continue;
    const ids = [...new Set(t.records.flatMap((r) => products(r.mentions).map((m) => idWords(m.id))))];
    const why = f.listings.length
      ? ids.length
        ? `no listing of this defendant in the case shows ${ids.join(" or ")} of ${t.label}`
        : `no listing of this defendant in the case shares an item id or the store's domain with ${t.label}`
      : `the case holds no listing for ${t.label}`;
    missing.push({ from: "listing", to: "test-buy", itemId: t.records[0]!.itemId, why });
  }
  if (!f.testBuys.length) missing.push({ from: "listing", to: "test-buy", why: "the case holds no test buy of this defendant" });
}

const recordWhere = (t: TestBuy, m: Mention) => (m.what.startsWith("order ") ? `the order record (${m.what})` : `${t.label} (${m.what})`);

/** Order ids named in a chat (the investigator's "Ordered! Order # …"), and the records of one order agreeing on its id. */
function orderIdLinks(f: DefendantFacts, links: ChainLink[]) {
  for (const t of f.testBuys) {
    if (!t.orderId) continue;
    const id = t.orderId.toUpperCase();
    const first = t.records[0]!;
    for (const chat of f.chats) {
      const m = chat.mentions.find((x) => x.id.kind === "order-id" && x.id.value === id);
      if (m)
        links.push({
          from: end(m, "found"),
          to: { itemId: first.itemId, step: "test-buy", what: first.what },
          by: `order id ${t.orderId} in the chat's ${m.what} and ${recordWhere(t, { ...m, what: first.what })}`,
          established: true,
          shared: [key(m)],
        });
    }
    for (const r of t.records.slice(1))
      if (r.itemId !== first.itemId)
        links.push({
          from: { itemId: first.itemId, step: "test-buy", what: first.what },
          to: { itemId: r.itemId, step: "test-buy", what: r.what },
          by: `same order id ${t.orderId} in ${recordWhere(t, { ...r.mentions[0]!, what: first.what })} and the ${r.what}`,
          established: true,
          shared: [`order-id:${id}`],
        });
  }
}

/** A tracking number read on the photograph that the order records: [as read, as recorded]. */
function labelMatch(onLabel: readonly Mention[], recorded: readonly Mention[]): [Mention, Mention] | undefined {
  for (const m of onLabel) {
    const x = recorded.find((y) => y.id.value === m.id.value);
    if (x) return [m, x];
  }
  return undefined;
}

/** The order's id read on the photograph (a packing slip): [as read, as read] (the order record is the test buy's first). */
function orderMatch(mentions: readonly Mention[], orderIds: ReadonlySet<string>): [Mention, Mention] | undefined {
  const m = mentions.find((x) => x.id.kind === "order-id" && orderIds.has(x.id.value));
  return m ? [m, m] : undefined;
}

function testBuyToReceived(f: DefendantFacts, links: ChainLink[], missing: MissingLink[]) {
  const tied = new Set<string>();
  for (const t of f.testBuys) {
    const recorded = t.records.flatMap((r) => r.mentions);
    const tracking = recorded.filter((m) => m.id.kind === "tracking");
    const orderIds = new Set(recorded.filter((m) => m.id.kind === "order-id").map((m) => m.id.value));
    const entries = new Set(t.records.map((r) => r.entryIndex).filter((e) => e !== undefined));
    const first = t.records[0]!;
    let any = false;
    for (const r of f.received) {
      const onLabel = r.mentions.filter((m) => m.id.kind === "tracking");
      const match = labelMatch(onLabel, tracking) ?? orderMatch(r.mentions, orderIds);
      const grouped = r.item.entryIndex !== undefined && entries.has(r.item.entryIndex);
      if (!match && !grouped) continue;
      any = true;
      tied.add(r.item.id);
      const to: ChainEnd = { itemId: r.item.id, step: "received", what: match ? `${match[0].what} ${match[0].id.value}` : "photograph" };
      if (match) {
        const [seen, rec] = match;
        const from = rec === seen ? first : { itemId: rec.itemId, what: rec.what };
        links.push({
          from: { itemId: from.itemId, step: "test-buy", what: from.what },
          to,
          by: `${idWords(seen.id)} read from the photograph matches ${recordWhere(t, { ...rec, what: from.what })}`,
          established: true,
          shared: [key(seen)],
        });
        continue;
      }
      const ordered = tracking.length
        ? `${t.label} records tracking ${[...new Set(tracking.map((m) => m.id.value))].join(", ")}`
        : `${t.label} records no tracking number`;
      const by = onLabel.length
        ? `the label in the photograph reads ${onLabel.map((m) => m.id.value).join(", ")}; ${ordered}`
        : r.read
          ? `grouped with ${t.label} in one case.yaml evidence entry only: no tracking number or order id was read on the photograph`
          : `grouped with ${t.label} in one case.yaml evidence entry only: no words were read on the photograph (no OCR text)`;
      links.push({ from: { itemId: first.itemId, step: "test-buy", what: first.what }, to, by, established: false, shared: [] });
    }
    if (!any)
      missing.push({
        from: "test-buy",
        to: "received",
        itemId: first.itemId,
        why: `no photograph of goods received is tied to ${t.label}`,
      });
  }
  for (const r of f.received)
    if (!tied.has(r.item.id))
      missing.push({
        from: "test-buy",
        to: "received",
        itemId: r.item.id,
        why: "the photograph of goods received is tied to no test buy of this defendant",
      });
}

/** Each defendant's chain, in case.yaml's order. */
export function defendantChains(inputs: LinkInputs, facts: readonly DefendantFacts[] = defendantFacts(inputs)): DefendantChain[] {
  return facts.map((f) => {
    const links: ChainLink[] = [];
    const missing: MissingLink[] = [];
    foundToListing(f, links, missing);
    listingToTestBuy(f, links, missing);
    orderIdLinks(f, links);
    testBuyToReceived(f, links, missing);
    return { defendantId: f.defendant.id, links, missing };
  });
}
