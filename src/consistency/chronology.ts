/**
 * Stage 5, consistency: goods received before they were ordered (check "received-before-order", class chronology).
 * Pure. Two ways the records can show it:
 *  - an item that depicts goods received (depictsReceivedGoods) is dated, by its capture time or its `received.on`
 *    date, before the order of its test buy;
 *  - a chat photo sent before that order shows the same scene as a goods-received photo (a pair from duplicates.ts).
 * The test buy's order: the orders of the purchase records in the item's case.yaml entry; without one, those of the
 * purchase records in the item's folder. With several, the earliest is taken, so a finding holds against every one.
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { PurchaseOrder } from "../model/purchase.js";
import type { ConsistencyFinding, FindingItem } from "../model/consistency.js";
import { formatDateInZone } from "../util/time.js";
import { type ScenePair, depictsReceivedGoods, describeImage, describeTime, stableFindingId } from "./duplicates.js";

interface TestBuyOrder {
  item: EvidenceItem;
  order: PurchaseOrder & { orderedAt: string };
}

const folderOf = (item: EvidenceItem) => item.id.split("#")[0]!.split("/").slice(0, -1).join("/");

/** The dated orders of the case's purchase records, by case.yaml entry and by folder and defendant (built once per item list). */
interface OrderIndex {
  byEntry: Map<number, TestBuyOrder[]>;
  byFolder: Map<string, TestBuyOrder[]>;
}
const indexes = new WeakMap<readonly EvidenceItem[], OrderIndex>();

function orderIndex(items: readonly EvidenceItem[]): OrderIndex {
  let index = indexes.get(items);
  if (index) return index;
  index = { byEntry: new Map(), byFolder: new Map() };
  const add = <K>(map: Map<K, TestBuyOrder[]>, key: K, o: TestBuyOrder) => map.set(key, [...(map.get(key) ?? []), o]);
  for (const it of items) {
    if (it.payload.type !== "purchases") continue;
    for (const order of it.payload.orders) {
      if (!order.orderedAt) continue;
      const o = { item: it, order: { ...order, orderedAt: order.orderedAt } };
      if (it.entryIndex !== undefined) add(index.byEntry, it.entryIndex, o);
      add(index.byFolder, `${folderOf(it)}\u0000${it.defendantId ?? ""}`, o);
    }
  }
  indexes.set(items, index);
  return index;
}

/** The earliest dated order of the test buy `item` belongs to, if its records hold one. */
export function testBuyOrder(item: EvidenceItem, items: readonly EvidenceItem[]): TestBuyOrder | undefined {
  const index = orderIndex(items);
  let found = item.entryIndex !== undefined ? [...(index.byEntry.get(item.entryIndex) ?? [])] : [];
  if (found.length === 0) found = [...(index.byFolder.get(`${folderOf(item)}\u0000${item.defendantId ?? ""}`) ?? [])];
  return found.sort((x, y) => Date.parse(x.order.orderedAt) - Date.parse(y.order.orderedAt) || (x.item.id < y.item.id ? -1 : 1))[0];
}

export interface ChronologyOptions {
  /** The case's time zone: `received.on` dates are days there, and messages name times there (UTC when absent). */
  timeZone?: string;
}

function orderItem(o: TestBuyOrder, zone: string | undefined): FindingItem {
  return { itemId: o.item.id, what: `order ${o.order.orderId}, placed ${describeTime(o.order.orderedAt, zone)} (${o.order.origin})` };
}

const before = (at: string, o: TestBuyOrder) => Date.parse(at) < Date.parse(o.order.orderedAt);

const OPPONENT_RECEIVED =
  "Goods cannot be photographed as received before they were ordered: either the photo shows something other than this " +
  "test buy's goods, or the dates in the evidence are wrong, and the declaration that relies on them is unreliable.";

/** Items depicting goods received, dated before their test buy's order. */
function receivedItemsBeforeOrder(items: readonly EvidenceItem[], zone: string | undefined): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  for (const it of items) {
    if (!depictsReceivedGoods(it)) continue;
    const o = testBuyOrder(it, items);
    if (!o) continue;
    const takenBefore = it.capturedAt !== undefined && before(it.capturedAt, o);
    const orderDay = zone ? formatDateInZone(o.order.orderedAt, zone) : o.order.orderedAt.slice(0, 10);
    const receivedBefore = it.received !== undefined && it.received.on < orderDay;
    if (!takenBefore && !receivedBefore) continue;
    const what: string[] = [];
    if (takenBefore) what.push(`its capture time (${it.capturedAtSource}) is ${describeTime(it.capturedAt, zone)}`);
    if (receivedBefore) what.push(`it records the package as received on ${it.received!.on}`);
    out.push({
      id: stableFindingId("received-before-order", it.defendantId, [it.id, o.order.orderId]),
      check: "received-before-order",
      class: "chronology",
      severity: "error",
      ...(it.defendantId ? { defendantId: it.defendantId } : {}),
      items: [
        { itemId: it.id, what: [takenBefore ? "capture time" : "", receivedBefore ? "received on" : ""].filter(Boolean).join(", ") },
        orderItem(o, zone),
      ],
      message:
        `${it.source.path} depicts goods received, but ${what.join(" and ")}: before order ${o.order.orderId} ` +
        `was placed (${describeTime(o.order.orderedAt, zone)}).`,
      opponent: OPPONENT_RECEIVED,
    });
  }
  return out;
}

/** Chat photos sent before the order that show the scene of a goods-received photo of that test buy. */
function scenesBeforeOrder(items: readonly EvidenceItem[], pairs: readonly ScenePair[], zone: string | undefined): ConsistencyFinding[] {
  const byId = new Map(items.map((it) => [it.id, it]));
  const out: ConsistencyFinding[] = [];
  for (const { a, b } of pairs) {
    for (const [chat, photo] of [
      [a, b],
      [b, a],
    ] as const) {
      if (chat.kind !== "chat-photo" || !photo.received || !chat.capturedAt) continue;
      const received = byId.get(photo.itemId);
      const o = received && testBuyOrder(received, items);
      if (!o || !before(chat.capturedAt, o)) continue;
      const defendantId = photo.defendantId ?? chat.defendantId;
      out.push({
        id: stableFindingId("received-before-order", defendantId, [chat.file, photo.file, o.order.orderId]),
        check: "received-before-order",
        class: "chronology",
        severity: "error",
        ...(defendantId ? { defendantId } : {}),
        items: [
          { itemId: chat.itemId, file: chat.file, what: `photo in message ${chat.messageRef ?? "?"} sent by ${chat.sentBy || "?"}` },
          { itemId: photo.itemId, file: photo.file, what: "goods-received photograph" },
          orderItem(o, zone),
        ],
        message:
          `${describeImage(chat, zone).replace(/^the/, "The")} shows the scene of ${describeImage(photo, zone)}, ` +
          `yet was sent before order ${o.order.orderId} was placed (${describeTime(o.order.orderedAt, zone)}).`,
        opponent:
          "The goods were pictured before they were ordered: the photos of the goods received cannot show what this test buy " +
          "delivered, which breaks the chain from order to goods, and the dates in the evidence cannot be trusted.",
      });
    }
  }
  return out;
}

/** All "received-before-order" findings, in a stable order (by id). */
export function receivedBeforeOrderFindings(
  items: readonly EvidenceItem[],
  pairs: readonly ScenePair[],
  opts: ChronologyOptions = {},
): ConsistencyFinding[] {
  const all = [...receivedItemsBeforeOrder(items, opts.timeZone), ...scenesBeforeOrder(items, pairs, opts.timeZone)];
  return all.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
