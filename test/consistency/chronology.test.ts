/**
 * received-before-order: goods-received items dated before their test buy's order (capture time, or the `received.on`
 * day in the case's zone), and chat photos sent before the order that show a goods-received photo's scene.
 */
import { describe, expect, it } from "vitest";
import { receivedBeforeOrderFindings, testBuyOrder } from "../../src/consistency/chronology.js";
import { type ImageFingerprint, type ScenePair, nearIdenticalPairs } from "../../src/consistency/duplicates.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import type { PurchaseOrder } from "../../src/model/purchase.js";
import { screenshot } from "../helpers/items.js";

const ZONE = "America/Chicago";
const ORDERED = "2026-03-15T02:38:12Z"; // March 14, 9:38 p.m. in Chicago

const order = (orderId: string, orderedAt: string | undefined): PurchaseOrder => ({
  source: "amazon-order-history",
  orderId,
  ...(orderedAt ? { orderedAt } : {}),
  lines: [],
  amounts: [],
  details: [],
  origin: "line 2",
});
const orders = (id: string, list: PurchaseOrder[], over: Partial<EvidenceItem> = {}): EvidenceItem =>
  ({
    ...screenshot(id, 1),
    kind: "purchase",
    media: "amazon-orders",
    defendantId: "kpg",
    payload: { type: "purchases", orders: list },
    ...over,
  }) as EvidenceItem;
const photo = (id: string, over: Partial<EvidenceItem> = {}): EvidenceItem =>
  screenshot(id, 1200, { kind: "photo", media: "jpeg", defendantId: "kpg", capturedAtSource: "exif", ...over });

const CSV = "evidence/kpg/03-test-buy/Retail.OrderHistory.1.csv";
const BOX = "evidence/kpg/03-test-buy/05-box.jpg";

describe("the test buy's order", () => {
  it("is the entry's order when the item is in an entry, else the earliest dated one in its folder", () => {
    const items = [
      orders(CSV, [order("114-1", ORDERED)], { entryIndex: 0 }),
      orders(`${CSV}#evidence[1]`, [order("114-0", "2026-03-01T00:00:00Z")], { entryIndex: 1 }),
      photo(BOX, { entryIndex: 0 }),
      photo("evidence/kpg/03-test-buy/06-loose.jpg"),
      photo("evidence/kpg/other/07.jpg"),
    ];
    expect(testBuyOrder(items[2]!, items)?.order.orderId).toBe("114-1");
    expect(testBuyOrder(items[3]!, items)?.order.orderId).toBe("114-0");
    expect(testBuyOrder(items[4]!, items)).toBeUndefined();
  });

  it("an order without a time cannot be compared with", () => {
    const items = [orders(CSV, [order("114-1", undefined)]), photo(BOX)];
    expect(testBuyOrder(items[1]!, items)).toBeUndefined();
  });
});

describe("goods received before the order", () => {
  it("a goods-received photo taken before the order is an error naming the order and its time", () => {
    const items = [orders(CSV, [order("114-7730215-6620491", ORDERED)]), photo(BOX, { capturedAt: "2026-03-12T15:00:00Z" })];
    const [f, ...rest] = receivedBeforeOrderFindings(items, [], { timeZone: ZONE });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ check: "received-before-order", class: "chronology", severity: "error", defendantId: "kpg" });
    expect(f!.id).toMatch(/^received-before-order:kpg:[0-9a-f]{8}$/);
    expect(f!.items).toEqual([
      { itemId: BOX, what: "capture time" },
      { itemId: CSV, what: "order 114-7730215-6620491, placed 2026-03-14 21:38:12 UTC−05:00 (America/Chicago) (line 2)" },
    ]);
    expect(f!.message).toContain("its capture time (exif) is 2026-03-12 10:00:00 UTC−05:00");
  });

  it("taken after the order: nothing", () => {
    const items = [orders(CSV, [order("114-1", ORDERED)]), photo(BOX, { capturedAt: "2026-03-20T21:07:48Z" })];
    expect(receivedBeforeOrderFindings(items, [], { timeZone: ZONE })).toEqual([]);
  });

  it("`received.on` is a day in the case's zone: the order's day there is not before it, the day before is", () => {
    // Ordered 02:38 UTC on March 15 = March 14 in Chicago: received on March 14 is possible, March 13 is not.
    const onDay = (on: string) => [
      orders(CSV, [order("114-1", ORDERED)]),
      photo("evidence/kpg/box.jpg", { received: { on, at: "Chicago, Illinois" }, entryIndex: 0 }),
    ];
    const withEntry = (its: EvidenceItem[]) => [{ ...its[0]!, entryIndex: 0 }, its[1]!];
    expect(receivedBeforeOrderFindings(withEntry(onDay("2026-03-14")), [], { timeZone: ZONE })).toEqual([]);
    const [f] = receivedBeforeOrderFindings(withEntry(onDay("2026-03-13")), [], { timeZone: ZONE });
    expect(f!.message).toContain("it records the package as received on 2026-03-13");
    expect(f!.items[0]!.what).toBe("received on");
    // In UTC the order's day is March 15, so March 14 would be before it: the zone decides.
    expect(receivedBeforeOrderFindings(withEntry(onDay("2026-03-14")), [])).toHaveLength(1);
  });

  it("a screenshot or a photo outside any test buy is not goods received", () => {
    const items = [
      orders(CSV, [order("114-1", ORDERED)]),
      screenshot("evidence/kpg/03-test-buy/01-cart.png", 900, { defendantId: "kpg", capturedAt: "2026-03-14T00:00:00Z" }),
    ];
    expect(receivedBeforeOrderFindings(items, [], { timeZone: ZONE })).toEqual([]);
  });
});

describe("a chat photo of the received scene sent before the order", () => {
  const items = [orders(CSV, [order("114-7730215-6620491", ORDERED)], { entryIndex: 0 }), photo(BOX, { entryIndex: 0 })];
  const received: ImageFingerprint = {
    itemId: BOX,
    file: BOX,
    hash: "c68616168c8ed2c0",
    kind: "photo",
    capturedAt: "2026-03-20T21:07:48Z",
    defendantId: "kpg",
    received: true,
    testBuy: "evidence[0]",
  };
  const sent = (at: string, over: Partial<ImageFingerprint> = {}): ImageFingerprint => ({
    itemId: "evidence/kpg/06-dm/message_1.json",
    file: "evidence/kpg/06-dm/photos/1.jpg",
    hash: "c68616168c8cd0c0",
    kind: "chat-photo",
    capturedAt: at,
    defendantId: "kpg",
    sentBy: "KPG Boutique",
    messageRef: "M00006",
    sentByInvestigator: false,
    ...over,
  });

  it("is an error citing the chat photo, the goods-received photo and the order", () => {
    const pairs = nearIdenticalPairs([received, sent("2026-03-10T18:12:05Z")]);
    const [f, ...rest] = receivedBeforeOrderFindings(items, pairs, { timeZone: ZONE });
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("error");
    expect(f!.items.map((i) => [i.itemId, i.file])).toEqual([
      ["evidence/kpg/06-dm/message_1.json", "evidence/kpg/06-dm/photos/1.jpg"],
      [BOX, BOX],
      [CSV, undefined],
    ]);
    expect(f!.message).toMatch(/^The photo evidence\/kpg\/06-dm\/photos\/1\.jpg sent by KPG Boutique/);
    expect(f!.message).toContain("yet was sent before order 114-7730215-6620491 was placed (2026-03-14 21:38:12 UTC−05:00");
  });

  it("whoever sent it: the investigator's own photo before the order is as impossible", () => {
    const pairs = nearIdenticalPairs([received, sent("2026-03-10T18:12:05Z", { sentByInvestigator: true })]);
    expect(receivedBeforeOrderFindings(items, pairs, { timeZone: ZONE })).toHaveLength(1);
  });

  it("sent after the order (a complaint about what arrived): nothing", () => {
    const pairs: ScenePair[] = nearIdenticalPairs([received, sent("2026-03-21T10:00:00Z")]);
    expect(pairs).toHaveLength(1);
    expect(receivedBeforeOrderFindings(items, pairs, { timeZone: ZONE })).toEqual([]);
  });

  it("a match with a photo that is not goods received: nothing", () => {
    const pairs = nearIdenticalPairs([{ ...received, received: false }, sent("2026-03-10T18:12:05Z")]);
    expect(receivedBeforeOrderFindings(items, pairs, { timeZone: ZONE })).toEqual([]);
  });
});
