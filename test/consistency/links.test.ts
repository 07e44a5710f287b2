/**
 * Each defendant's chain and the identity findings, on items shaped like the fixture case's (the DM with the hidden
 * link, the listing reached through it, the order export, the e-mail, the label photo): the chain is established
 * from the records; changing one id breaks exactly the link that id made; each identity finding is reported with its
 * values, and the consistent variant reports none.
 */
import { describe, expect, it } from "vitest";
import { defendantChains, identityFindings, type LinkInputs } from "../../src/consistency/index.js";
import type { Defendant } from "../../src/model/case.js";
import type { DefendantChain } from "../../src/model/chain.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import type { PurchaseOrder } from "../../src/model/purchase.js";
import { screenshot } from "../helpers/items.js";

const DM = "evidence/kpg/dm/message_1.json";
const LISTING = "evidence/kpg/01-listing.png";
const ORDERS = "evidence/kpg/buy/Retail.OrderHistory.1.csv";
const EMAIL = "evidence/kpg/buy/confirmation.eml";
const BOX = "evidence/kpg/buy/05-box.jpg";
const STORE = "evidence/shop/01-product.png";
const CHECKOUT = "evidence/shop/02-checkout.png";

const defendants: Defendant[] = [
  { id: "kpg", name: "Kestrel Pan Group, LLC", aliases: ["KPG Boutique"], platform: "Amazon", sellerId: "A3KPG7EXAMPLE01" },
  { id: "shop", name: "Studline Outlet", aliases: [], storeUrl: "https://studline-outlet.example/" },
];

interface Variant {
  dmLink?: string;
  orderAsin?: string;
  orderTracking?: string;
  label?: string;
  emailSeller?: string;
  listingUrl?: string;
  listingOcrAsin?: string;
}

function items(v: Variant = {}): EvidenceItem[] {
  const order: PurchaseOrder = {
    source: "amazon-order-history",
    orderId: "114-7730215-6620491",
    lines: [{ name: "Pumps", quantity: 1, itemId: v.orderAsin ?? "B0FAKE1234" }],
    amounts: [],
    details: [],
    tracking: `AMZN_US(${v.orderTracking ?? "TBA318840021577"})`,
    origin: "line 2",
  };
  const msg = (ref: string, text: string, links: string[] = []) => ({
    ref,
    at: "2026-03-10T18:00:00Z",
    sender: "KPG Boutique",
    system: false,
    text,
    links: links.map((url) => ({ url })),
    attachments: [],
    reactions: [],
    notes: [],
    origin: `message_1.json #${ref}`,
  });
  return [
    {
      ...screenshot(DM, 1),
      kind: "message-log",
      media: "meta-thread",
      defendantId: "kpg",
      payload: {
        type: "conversation",
        conversation: {
          platform: "instagram",
          title: "KPG Boutique",
          participants: [],
          messages: [
            msg("M00003", "Use this link, search is hidden", [v.dmLink ?? "https://www.amazon.com/dp/B0FAKE1234?ref=kpg_ig_dm&th=1"]),
            msg("M00009", "Ordered! Order # 114-7730215-6620491"),
          ],
        },
      },
    },
    {
      ...screenshot(LISTING, 4000),
      kind: "listing",
      defendantId: "kpg",
      url: v.listingUrl ?? "https://www.amazon.com/dp/B0FAKE1234",
      reachedVia: { url: "https://www.amazon.com/dp/B0FAKE1234?ref=kpg_ig_dm&th=1", how: "dm" },
    },
    {
      ...screenshot(ORDERS, 1),
      kind: "purchase",
      media: "amazon-orders",
      defendantId: "kpg",
      entryIndex: 0,
      payload: { type: "purchases", orders: [order] },
    },
    {
      ...screenshot(EMAIL, 1),
      kind: "purchase",
      media: "eml",
      defendantId: "kpg",
      entryIndex: 0,
      payload: {
        type: "email",
        email: {
          headers: [],
          authentication: [],
          attachments: [],
          text: `Order # 114-7730215-6620491\nSold by: ${v.emailSeller ?? "KPG Boutique"}\nQuantity: 1`,
        },
      },
    },
    {
      ...screenshot(BOX, 3000),
      kind: "photo",
      media: "jpeg",
      defendantId: "kpg",
      entryIndex: 0,
      received: { on: "2026-03-20", at: "Chicago, Illinois" },
    },
    { ...screenshot(STORE, 3000), kind: "listing", defendantId: "shop", url: "https://studline-outlet.example/products/rock-stud-pump" },
    { ...screenshot(CHECKOUT, 2000), kind: "purchase", defendantId: "shop", url: "https://studline-outlet.example/checkouts/c/7f3e2a91" },
  ];
}

const inputs = (v: Variant = {}): LinkInputs => ({
  defendants,
  items: items(v),
  texts: new Map([
    [BOX, `KPG BOUTIQUE\nTRK# ${v.label ?? "TBA318840021577"}\nRenata Delgado`],
    [LISTING, `Sold by KPG Boutique\nASIN ${v.listingOcrAsin ?? "BOFAKE1234"}`],
  ]),
});

const chainOf = (v: Variant, id = "kpg") => defendantChains(inputs(v)).find((c) => c.defendantId === id)!;
const linkKey = (l: DefendantChain["links"][number]) => `${l.from.step}>${l.to.step} ${l.from.itemId} → ${l.to.itemId}`;
const established = (c: DefendantChain) =>
  c.links
    .filter((l) => l.established)
    .map(linkKey)
    .sort();

describe("the chain found → listing → test buy → goods received", () => {
  it("establishes the hidden-link chain from the records: DM link, listing URL, order item id, label tracking number", () => {
    const c = chainOf({});
    expect(established(c)).toEqual(
      [
        `found>listing ${DM} → ${LISTING}`,
        `listing>test-buy ${LISTING} → ${ORDERS}`,
        `found>test-buy ${DM} → ${ORDERS}`,
        `test-buy>test-buy ${ORDERS} → ${EMAIL}`,
        `test-buy>received ${ORDERS} → ${BOX}`,
      ].sort(),
    );
    expect(c.missing).toEqual([]);
    const hidden = c.links.find((l) => l.from.step === "found" && l.to.step === "listing")!;
    expect(hidden.from.what).toBe("message M00003");
    expect(hidden.shared).toEqual(["asin:B0FAKE1234"]);
    expect(hidden.by).toContain(
      "same ASIN B0FAKE1234 in the chat's message M00003 (https://www.amazon.com/dp/B0FAKE1234?ref=kpg_ig_dm&th=1)",
    );
    expect(c.links.find((l) => l.to.step === "received")!.by).toMatch(
      /^tracking number TBA318840021577 read from the photograph matches the order record \(order 114-7730215-6620491, line 2\)$/,
    );
  });

  const breaks: [string, Variant, string][] = [
    ["the ASIN in the order", { orderAsin: "B0FAKE9999" }, `listing>test-buy ${LISTING} → ${ORDERS}`],
    ["the ASIN of the DM's link", { dmLink: "https://www.amazon.com/dp/B0FAKE7777?ref=kpg_ig_dm" }, `found>listing ${DM} → ${LISTING}`],
    ["the tracking number on the label", { label: "TBA318822046000" }, `test-buy>received ${ORDERS} → ${BOX}`],
  ];
  for (const [what, variant, link] of breaks)
    it(`changing ${what} breaks exactly the link it made`, () => {
      const before = established(chainOf({}));
      const after = established(chainOf(variant));
      expect(before.filter((l) => !after.includes(l))).toEqual([link]);
      expect(after.filter((l) => !before.includes(l))).toEqual([]);
    });

  it("lists what is missing, saying why", () => {
    const c = chainOf({ orderAsin: "B0FAKE9999" });
    expect(c.missing).toEqual([
      {
        from: "listing",
        to: "test-buy",
        itemId: ORDERS,
        why: "no listing of this defendant in the case shows ASIN B0FAKE9999 of order 114-7730215-6620491",
      },
    ]);
    const dm = chainOf({ dmLink: "https://www.amazon.com/dp/B0FAKE7777" }).missing[0]!;
    expect(dm).toMatchObject({ from: "found", to: "listing", itemId: LISTING });
    expect(dm.why).toMatch(
      /reached by a link in a direct message \(https:\/\/www\.amazon\.com\/dp\/B0FAKE1234\?ref=kpg_ig_dm&th=1\), but no chat/,
    );
    const label = chainOf({ label: "TBA318822046000" }).links.find((l) => l.to.step === "received")!;
    expect(label).toMatchObject({ established: false });
    expect(label.by).toBe("the label in the photograph reads TBA318822046000; order 114-7730215-6620491 records tracking TBA318840021577");
  });

  it("ties an own-website listing to its checkout by the store's domain, and says the rest is missing", () => {
    const c = chainOf({}, "shop");
    expect(established(c)).toEqual([`listing>test-buy ${STORE} → ${CHECKOUT}`]);
    expect(c.links[0]!.by).toMatch(/^same domain studline-outlet\.example in the listing's URL/);
    expect(c.missing.map((m) => `${m.from}>${m.to}`)).toEqual(["found>listing", "test-buy>received"]);
  });

  it("never ties items by a marketplace's domain alone", () => {
    const c = chainOf({
      orderAsin: "B0FAKE9999",
      dmLink: "https://www.amazon.com/gp/help",
      listingUrl: "https://www.amazon.com/s?k=pumps",
    });
    expect(
      c.links
        .filter((l) => l.to.step === "listing" || l.to.step === "test-buy")
        .filter((l) => l.from.step !== "found" && l.from.step !== "test-buy"),
    ).toEqual([]);
  });

  it("is the same on every run, whatever order the items come in", () => {
    const a = defendantChains(inputs());
    const b = defendantChains({ ...inputs(), items: [...items()].reverse() });
    expect(b).toEqual(a);
  });
});

describe("identity findings", () => {
  it("reports none for the consistent case", () => expect(identityFindings(inputs())).toEqual([]));

  it("the tracking number on the label vs the order's, with both values and where each was read", () => {
    const [f, ...rest] = identityFindings(inputs({ label: "TBA318822046000" }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ check: "tracking-mismatch", class: "identity", defendantId: "kpg" });
    expect(f!.id).toMatch(/^tracking-mismatch:kpg:[0-9a-f]{8}$/);
    expect(f!.message).toBe(
      "The shipping label in the photograph 05-box.jpg reads tracking number TBA318822046000; order 114-7730215-6620491 records " +
        "tracking TBA318840021577 (Retail.OrderHistory.1.csv, order 114-7730215-6620491, line 2).",
    );
    expect(f!.items).toEqual([
      { itemId: BOX, what: "OCR words: TBA318822046000" },
      { itemId: ORDERS, what: "order 114-7730215-6620491, line 2: tracking TBA318840021577" },
    ]);
    expect(f!.opponent).toMatch(/not the package of this order/);
    // Stable: the same evidence, the same id; other values, another id.
    expect(identityFindings(inputs({ label: "TBA318822046000" }))[0]!.id).toBe(f!.id);
    expect(identityFindings(inputs({ label: "TBA318822046999" }))[0]!.id).not.toBe(f!.id);
  });

  it("the order's seller vs the listing's", () => {
    const [f, ...rest] = identityFindings(inputs({ emailSeller: "Golden Heels Store" }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ check: "seller-mismatch", defendantId: "kpg" });
    expect(f!.message).toBe(
      "order 114-7730215-6620491 names the seller as store name “Golden Heels Store”; the listing names store name “KPG Boutique”.",
    );
    expect(f!.items.map((i) => i.itemId)).toEqual([EMAIL, LISTING]);
  });

  it("the item id in the order vs the listing and the hidden link", () => {
    const [f, ...rest] = identityFindings(inputs({ orderAsin: "B0FAKE9999" }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ check: "item-mismatch", defendantId: "kpg" });
    expect(f!.message).toBe(
      "order 114-7730215-6620491, named in the chat's message M00009, is for ASIN B0FAKE9999; " +
        "the listing (and the link that led to it) shows ASIN B0FAKE1234.",
    );
  });

  it("the hidden link vs the listing captured", () => {
    const found = identityFindings(inputs({ listingUrl: "https://www.amazon.com/dp/B0FAKE5555", listingOcrAsin: "B0FAKE5555" }));
    // And the order the chat names (for the hidden link's ASIN) is not for the listing captured: a second finding.
    expect(found.map((f) => f.check)).toEqual(["item-mismatch", "item-mismatch"]);
    expect(found[1]!.message).toMatch(
      /^order 114-7730215-6620491, named in the chat's message M00009, is for ASIN B0FAKE1234; .* shows ASIN B0FAKE5555\.$/,
    );
    expect(found[0]!.message).toBe("The link that led to the listing names ASIN B0FAKE1234; the listing captured shows ASIN B0FAKE5555.");
    expect(found[0]!.items.map((i) => i.itemId)).toEqual([LISTING, DM, LISTING]);
  });
});
