/**
 * Stage 5, consistency (pure): identity findings from each defendant's chain facts — what an opponent would point at
 * where the records name different things: the tracking number on a label photo vs the order's; the order's seller
 * vs the listing's (and the defendant's); the item id in the order vs the listing vs the hidden link that led to it.
 * Each is a ConsistencyFinding with a stable id (the same evidence gives the same id on every run and machine).
 */
import type { ConsistencyFinding, FindingItem } from "../model/consistency.js";
import { hexOf, sha256Bytes } from "../util/hash.js";
import { type DefendantFacts, defendantFacts, fileOf, idWords, type LinkInputs, type Mention } from "./chain-facts.js";
import { PRODUCT_KINDS, sameProduct, storeKey } from "./identifiers.js";

const stableId = (check: string, defendantId: string, parts: readonly string[]) =>
  `${check}:${defendantId}:${hexOf(sha256Bytes([...parts].sort().join("\n"))).slice(0, 8)}`;
const item = (m: Pick<Mention, "itemId" | "what">, value?: string): FindingItem => ({
  itemId: m.itemId,
  what: value ? `${m.what}: ${value}` : m.what,
});
const products = (ms: readonly Mention[]) => ms.filter((m) => PRODUCT_KINDS.has(m.id.kind));
const overlap = (a: readonly Mention[], b: readonly Mention[]) => a.some((x) => b.some((y) => sameProduct(x.id, y.id)));
const values = (ms: readonly Mention[]) => [...new Set(ms.map((m) => idWords(m.id)))].join(", ");

function finding(
  check: string,
  f: DefendantFacts,
  items: FindingItem[],
  message: string,
  opponent: string,
  parts: readonly string[],
): ConsistencyFinding {
  return {
    id: stableId(check, f.defendant.id, parts),
    check,
    class: "identity",
    severity: "warning",
    defendantId: f.defendant.id,
    items,
    message,
    opponent,
  };
}

/** The tracking number read on a label photo of goods received vs the tracking its order records. */
function trackingMismatch(f: DefendantFacts): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  for (const t of f.testBuys) {
    const recorded = t.records.flatMap((r) => r.mentions).filter((m) => m.id.kind === "tracking");
    const entries = new Set(t.records.map((r) => r.entryIndex).filter((e) => e !== undefined));
    if (!recorded.length) continue;
    for (const r of f.received) {
      const onLabel = r.mentions.filter((m) => m.id.kind === "tracking");
      const grouped = r.item.entryIndex !== undefined && entries.has(r.item.entryIndex);
      const namesOrder = r.mentions.some((m) => m.id.kind === "order-id" && m.id.raw === t.orderId);
      if (!onLabel.length || !(grouped || namesOrder) || onLabel.some((m) => recorded.some((x) => x.id.value === m.id.value))) continue;
      const read = [...new Set(onLabel.map((m) => m.id.value))];
      const rec = recorded[0]!;
      out.push(
        finding(
          "tracking-mismatch",
          f,
          [item(onLabel[0]!, read.join(", ")), item(rec, `tracking ${rec.id.value}`)],
          `The shipping label in the photograph ${fileOf(r.item.id)} reads tracking number ${read.join(", ")}; ${t.label} records ` +
            `tracking ${[...new Set(recorded.map((m) => m.id.value))].join(", ")} (${fileOf(rec.itemId)}, ${rec.what}).`,
          "The package photographed is not the package of this order: its label belongs to another shipment, so nothing shows " +
            "that the goods photographed came from the defendant's sale.",
          [r.item.id, t.key, ...read, ...recorded.map((m) => m.id.value)],
        ),
      );
    }
  }
  return out;
}

/** The seller an order's records name vs the listing's seller (or, without one, the defendant's names and seller id). */
function sellerMismatch(f: DefendantFacts): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  const d = f.defendant;
  const listingSellers = f.listings.flatMap((l) => l.own.filter((m) => m.id.kind === "seller-id" || m.id.kind === "store-name"));
  const knownIds = new Set([d.sellerId?.toUpperCase(), ...listingSellers.filter((m) => m.id.kind === "seller-id").map((m) => m.id.value)]);
  const otherIds = f.chats.flatMap((c) => c.mentions).filter((m) => m.id.kind === "seller-id");
  for (const m of otherIds) knownIds.add(m.id.value);
  knownIds.delete(undefined);
  const listingNames = listingSellers.filter((m) => m.id.kind === "store-name");
  const knownNames = new Set([storeKey(d.name), ...d.aliases.map(storeKey), ...listingNames.map((m) => m.id.value)]);
  for (const t of f.testBuys) {
    const named = t.records.flatMap((r) => r.mentions).filter((m) => m.id.kind === "seller-id" || m.id.kind === "store-name");
    const wrong = named.filter((m) =>
      m.id.kind === "seller-id" ? knownIds.size > 0 && !knownIds.has(m.id.value) : !knownNames.has(m.id.value),
    );
    if (!wrong.length) continue;
    const against = listingSellers.length
      ? `the listing names ${values(listingSellers)}`
      : `the defendant is ${d.name}${d.aliases.length ? ` (${d.aliases.join(", ")})` : ""}${d.sellerId ? `, seller id ${d.sellerId}` : ""}`;
    out.push(
      finding(
        "seller-mismatch",
        f,
        [...wrong.map((m) => item(m, idWords(m.id))), ...listingSellers.slice(0, 1).map((m) => item(m, idWords(m.id)))],
        `${t.label} names the seller as ${values(wrong)}; ${against}.`,
        "The test buy was made from someone else: the order does not show a sale by this defendant.",
        [t.key, ...wrong.map((m) => `${m.id.kind}:${m.id.value}`)],
      ),
    );
  }
  return out;
}

/** The item id of the hidden link vs the listing captured vs the order the chain leads to. */
function itemMismatch(f: DefendantFacts): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  for (const l of f.listings) {
    const shown = products(l.own);
    if (!shown.length) continue;
    const dmLinks = l.item.reachedVia?.how === "dm" ? f.chats.flatMap((c) => products(c.mentions).filter((m) => m.url)) : [];
    const hidden = [...products(l.via), ...dmLinks];
    if (hidden.length && !overlap(hidden, shown))
      out.push(
        finding(
          "item-mismatch",
          f,
          [...hidden.map((m) => item(m, idWords(m.id))), item(shown[0]!, idWords(shown[0]!.id))],
          `The link that led to the listing names ${values(hidden)}; the listing captured shows ${values(shown)}.`,
          "The listing in evidence is not the one the seller's link pointed to: the hidden link proves nothing about it.",
          [l.item.id, ...hidden.map((m) => m.id.value), ...shown.map((m) => m.id.value)],
        ),
      );
    // An order the chain leads to: named in a chat that also holds a link to this listing's item.
    const chatsToListing = f.chats.filter((c) => overlap(products(c.mentions), [...shown, ...products(l.via)]));
    for (const t of f.testBuys) {
      const named = chatsToListing.flatMap((c) => c.mentions).find((m) => m.id.kind === "order-id" && m.id.raw === t.orderId);
      const bought = t.records.filter((r) => r.exported).flatMap((r) => products(r.mentions));
      if (!named || !bought.length || overlap(bought, shown)) continue;
      out.push(
        finding(
          "item-mismatch",
          f,
          [item(named), ...bought.map((m) => item(m, idWords(m.id))), item(shown[0]!, idWords(shown[0]!.id))],
          `${t.label}, named in the chat's ${named.what}, is for ${values(bought)}; the listing (and the link that led to it) ` +
            `shows ${values(shown)}.`,
          "The goods bought are not the goods listed: the test buy does not prove the listing's offer.",
          [t.key, l.item.id, ...bought.map((m) => m.id.value), ...shown.map((m) => m.id.value)],
        ),
      );
    }
  }
  // The records of one order disagreeing on what was bought (the export's row vs the e-mail or printed details).
  for (const t of f.testBuys) {
    const exported = t.records.filter((r) => r.exported).flatMap((r) => products(r.mentions));
    for (const r of t.records.filter((x) => !x.exported)) {
      const said = products(r.mentions);
      if (!exported.length || !said.length || overlap(exported, said)) continue;
      out.push(
        finding(
          "item-mismatch",
          f,
          [item(exported[0]!, values(exported)), item(said[0]!, values(said))],
          `${t.label}: the order record names ${values(exported)}; its ${r.what} names ${values(said)}.`,
          "The records of the test buy do not agree on what was bought.",
          [t.key, r.itemId, ...exported.map((m) => m.id.value), ...said.map((m) => m.id.value)],
        ),
      );
    }
  }
  return out;
}

/** The identity findings of every defendant, in case.yaml's order. */
export function identityFindings(inputs: LinkInputs, facts: readonly DefendantFacts[] = defendantFacts(inputs)): ConsistencyFinding[] {
  return facts.flatMap((f) => [...trackingMismatch(f), ...sellerMismatch(f), ...itemMismatch(f)]);
}
