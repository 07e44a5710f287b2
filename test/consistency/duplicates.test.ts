/**
 * duplicate-scene: near-identical photos in different items, from their fingerprints; which images are fingerprinted
 * (photos and chat photos, never page captures); severity by what the pair means; stable ids.
 */
import { describe, expect, it } from "vitest";
import {
  type ImageFingerprint,
  SCENE_THRESHOLD,
  depictsReceivedGoods,
  duplicateSceneFindings,
  imageFingerprints,
  nearIdenticalPairs,
  testBuyOf,
} from "../../src/consistency/duplicates.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import { screenshot } from "../helpers/items.js";

const H0 = "c68616168c8ed2c0";
/** `h` with its lowest `n` bits flipped. */
const flip = (h: string, n: number) => (BigInt(`0x${h}`) ^ ((1n << BigInt(n)) - 1n)).toString(16).padStart(16, "0");

const chatPhoto = (over: Partial<ImageFingerprint> = {}): ImageFingerprint => ({
  itemId: "evidence/kpg/06-dm/message_1.json",
  file: "evidence/kpg/06-dm/photos/1.jpg",
  hash: flip(H0, 2),
  kind: "chat-photo",
  capturedAt: "2026-03-10T18:12:05Z",
  defendantId: "kpg",
  sentBy: "KPG Boutique",
  messageRef: "M00006",
  sentByInvestigator: false,
  ...over,
});
const receivedPhoto = (over: Partial<ImageFingerprint> = {}): ImageFingerprint => ({
  itemId: "evidence/kpg/03-test-buy/05-box.jpg",
  file: "evidence/kpg/03-test-buy/05-box.jpg",
  hash: H0,
  kind: "photo",
  capturedAt: "2026-03-20T21:07:48Z",
  defendantId: "kpg",
  received: true,
  testBuy: "evidence[0]",
  ...over,
});

describe("near-identical pairs", () => {
  it("pairs images of different items within the threshold, at the threshold but not one bit past it", () => {
    const prints = [
      receivedPhoto(),
      receivedPhoto({ itemId: "x/at.jpg", file: "x/at.jpg", hash: flip(H0, SCENE_THRESHOLD) }),
      receivedPhoto({ itemId: "x/past.jpg", file: "x/past.jpg", hash: flip(H0, SCENE_THRESHOLD + 1) }),
    ];
    const pairs = nearIdenticalPairs(prints);
    const names = pairs.map((p) => [p.a.file, p.b.file, p.distance]);
    expect(names).toContainEqual(["evidence/kpg/03-test-buy/05-box.jpg", "x/at.jpg", SCENE_THRESHOLD]);
    expect(names.some((n) => n.includes("x/past.jpg") && n.includes("evidence/kpg/03-test-buy/05-box.jpg"))).toBe(false);
    // at.jpg and past.jpg differ in one bit: a pair.
    expect(names).toContainEqual(["x/at.jpg", "x/past.jpg", 1]);
  });

  it("never pairs two images of the same item (a chat's own photos)", () => {
    const a = chatPhoto();
    const b = chatPhoto({ file: "evidence/kpg/06-dm/photos/2.jpg", hash: a.hash });
    expect(nearIdenticalPairs([a, b])).toEqual([]);
  });

  it("orders a pair earlier first, whatever the input order; unknown times go last", () => {
    const [x, y] = [chatPhoto(), receivedPhoto()];
    for (const input of [
      [x, y],
      [y, x],
    ]) {
      const [p] = nearIdenticalPairs(input);
      expect([p!.a.kind, p!.b.kind, p!.distance]).toEqual(["chat-photo", "photo", 2]);
    }
    const [q] = nearIdenticalPairs([chatPhoto({ capturedAt: undefined }), receivedPhoto()]);
    expect(q!.a.kind).toBe("photo");
  });
});

describe("duplicate-scene findings", () => {
  it("a chat photo sent by the seller before the goods-received photo of its scene is an error, with both items", () => {
    const [f] = duplicateSceneFindings([receivedPhoto(), chatPhoto()], { timeZone: "America/Chicago" });
    expect(f).toMatchObject({ check: "duplicate-scene", class: "chronology", severity: "error", defendantId: "kpg" });
    expect(f!.id).toMatch(/^duplicate-scene:kpg:[0-9a-f]{8}$/);
    expect(f!.items.map((i) => i.file)).toEqual(["evidence/kpg/06-dm/photos/1.jpg", "evidence/kpg/03-test-buy/05-box.jpg"]);
    expect(f!.items[0]!.what).toBe("photo in message M00006 sent by KPG Boutique");
    expect(f!.message).toContain("sent by KPG Boutique");
    expect(f!.message).toContain("2026-03-10 13:12:05 UTC−05:00 (America/Chicago)");
    expect(f!.message).toContain("differ in 2 of 64 bits");
    expect(f!.opponent).toMatch(/existed before they were received/);
  });

  it("the id is the same for the same two files whatever else changes (order, times, hashes), and differs for others", () => {
    const one = duplicateSceneFindings([receivedPhoto(), chatPhoto()])[0]!.id;
    const two = duplicateSceneFindings([chatPhoto({ capturedAt: "2026-03-11T00:00:00Z" }), receivedPhoto({ hash: flip(H0, 1) })])[0]!.id;
    const other = duplicateSceneFindings([receivedPhoto(), chatPhoto({ file: "evidence/kpg/06-dm/photos/9.jpg" })])[0]!.id;
    expect(two).toBe(one);
    expect(other).not.toBe(one);
  });

  it("the investigator's own chat photo is a note; a chat photo sent after the goods arrived is a warning", () => {
    const mine = duplicateSceneFindings([receivedPhoto(), chatPhoto({ sentByInvestigator: true, sentBy: "Renata Delgado" })]);
    expect(mine.map((f) => f.severity)).toEqual(["note"]);
    const later = duplicateSceneFindings([receivedPhoto(), chatPhoto({ capturedAt: "2026-03-22T09:00:00Z" })]);
    expect(later.map((f) => f.severity)).toEqual(["warning"]);
  });

  it("one photo offered for two test buys is an error; the same photo twice in one test buy a warning", () => {
    const second = { itemId: "evidence/kpg/07-buy-2/box.jpg", file: "evidence/kpg/07-buy-2/box.jpg" };
    const two = duplicateSceneFindings([receivedPhoto(), receivedPhoto({ ...second, testBuy: "evidence[3]" })]);
    expect(two.map((f) => [f.severity, f.opponent.startsWith("One photograph is offered")])).toEqual([["error", true]]);
    const same = duplicateSceneFindings([receivedPhoto(), receivedPhoto(second)]);
    expect(same.map((f) => f.severity)).toEqual(["warning"]);
  });

  it("pictures too far apart give no finding", () => {
    expect(duplicateSceneFindings([receivedPhoto(), chatPhoto({ hash: flip(H0, 21) })])).toEqual([]);
  });
});

describe("which images are fingerprinted", () => {
  const photo = (id: string, over: Partial<EvidenceItem> = {}): EvidenceItem =>
    screenshot(id, 1200, { kind: "photo", media: "jpeg", defendantId: "kpg", ...over });
  const chat: EvidenceItem = {
    ...screenshot("evidence/kpg/06-dm/message_1.json", 1),
    kind: "message-log",
    media: "meta-thread",
    defendantId: "kpg",
    capturedBy: "R. Delgado (investigator, Northbridge Brand Protection)",
    payload: {
      type: "conversation",
      conversation: {
        platform: "instagram",
        title: "KPG Boutique",
        participants: ["KPG Boutique", "Renata Delgado"],
        messages: [
          ["M00001", "KPG Boutique ✨", "photos/1.jpg", "photo"],
          ["M00002", "Renata Delgado", "photos/2.jpg", "photo"],
          ["M00003", "KPG Boutique ✨", "video.mp4", "video"],
          ["M00004", "KPG Boutique ✨", undefined, "photo"], // not exported: no path
        ].map(([ref, sender, path, kind]) => ({
          ref: ref!,
          at: "2026-03-10T18:12:05Z",
          sender: sender!,
          system: false,
          links: [],
          reactions: [],
          notes: [],
          origin: "message_1.json",
          attachments: [{ kind: kind as "photo", name: path ?? "x.jpg", ...(path ? { path: `evidence/kpg/06-dm/${path}` } : {}) }],
        })),
      },
    },
  } as EvidenceItem;

  it("photos and chat photos, never screenshots, listings or a purchase page; images without a hash are left out", () => {
    const items = [
      photo("evidence/kpg/03-test-buy/04-shoe.jpg", { capturedAt: "2026-03-20T21:05:31Z", entryIndex: 0 }),
      photo("evidence/kpg/09-street.jpg"),
      screenshot("evidence/kpg/01-listing.png", 8000, { kind: "listing" }),
      screenshot("evidence/kpg/02-store.png", 2000),
      screenshot("evidence/kpg/02-checkout.png", 2000, { kind: "purchase" }),
      photo("evidence/kpg/10-unhashed.jpg"),
      chat,
    ];
    const hashes = new Map(items.map((it) => [it.source.path, H0]));
    hashes.delete("evidence/kpg/10-unhashed.jpg");
    for (const p of ["photos/1.jpg", "photos/2.jpg", "video.mp4"]) hashes.set(`evidence/kpg/06-dm/${p}`, H0);
    const prints = imageFingerprints(items, (f) => hashes.get(f));
    expect(prints.map((p) => [p.file, p.kind, p.received ?? false, p.testBuy, p.sentByInvestigator])).toEqual([
      ["evidence/kpg/03-test-buy/04-shoe.jpg", "photo", true, "evidence[0]", undefined],
      ["evidence/kpg/09-street.jpg", "photo", false, undefined, undefined],
      ["evidence/kpg/06-dm/photos/1.jpg", "chat-photo", false, undefined, false],
      ["evidence/kpg/06-dm/photos/2.jpg", "chat-photo", false, undefined, true],
    ]);
    expect(prints[2]).toMatchObject({
      itemId: chat.id,
      capturedAt: "2026-03-10T18:12:05Z",
      sentBy: "KPG Boutique ✨",
      messageRef: "M00001",
    });
  });

  it("goods received: a sidecar's `received`, or a photo in a test-buy folder; the test buy is the entry, else the folder", () => {
    expect(depictsReceivedGoods(photo("evidence/kpg/05-box.jpg", { received: { on: "2026-03-20", at: "Chicago" } }))).toBe(true);
    expect(depictsReceivedGoods(photo("evidence/kpg/03-test-buy/05-box.jpg"))).toBe(true);
    expect(depictsReceivedGoods(photo("evidence/kpg/Test Purchase 2/05-box.jpg"))).toBe(true);
    expect(depictsReceivedGoods(photo("evidence/kpg/05-box.jpg"))).toBe(false);
    expect(depictsReceivedGoods(photo("evidence/kpg/03-test-buy/checkout.png", { kind: "screenshot" }))).toBe(false);
    expect(testBuyOf(photo("evidence/kpg/03-test-buy/05-box.jpg"))).toBe("evidence/kpg/03-test-buy");
    expect(testBuyOf(photo("evidence/kpg/03-test-buy/05-box.jpg", { entryIndex: 2 }))).toBe("evidence[2]");
    expect(testBuyOf(photo("evidence/kpg/05-box.jpg"))).toBeUndefined();
  });
});
