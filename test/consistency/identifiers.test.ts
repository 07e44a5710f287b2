import { describe, expect, it } from "vitest";
import {
  canonicalUrl,
  lineItemId,
  normaliseTracking,
  sameProduct,
  sellerIdentifier,
  storeKey,
  textIdentifiers,
  trackingNumbers,
  urlIdentifiers,
} from "../../src/consistency/identifiers.js";

const pick = (ids: { kind: string; value: string }[], kind?: string) =>
  ids.filter((i) => !kind || i.kind === kind).map((i) => `${i.kind}:${i.value}`);

describe("identifiers in URLs", () => {
  const cases: [string, string[]][] = [
    ["https://www.amazon.com/dp/B0FAKE1234?ref=kpg_ig_dm&th=1", ["domain:amazon.com", "asin:B0FAKE1234"]],
    ["https://www.amazon.com/Womens-Studded-Pumps/dp/B0FAKE1234/ref=sr_1_1?keywords=pumps", ["domain:amazon.com", "asin:B0FAKE1234"]],
    ["https://amazon.com/gp/product/b0fake1234/", ["domain:amazon.com", "asin:B0FAKE1234"]],
    ["https://www.amazon.co.uk/gp/aw/d/B0FAKE1234", ["domain:amazon.co.uk", "asin:B0FAKE1234"]],
    ["https://www.amazon.com/s?asin=B0FAKE1234", ["domain:amazon.com", "asin:B0FAKE1234"]],
    ["https://www.amazon.com/sp?seller=A3KPG7EXAMPLE01", ["domain:amazon.com", "seller-id:A3KPG7EXAMPLE01"]],
    ["https://www.amazon.com/gp/css/summary/print.html?orderID=114-7730215-6620491", ["domain:amazon.com", "order-id:114-7730215-6620491"]],
    ["https://www.ebay.com/itm/Studded-Pumps/325123456789?hash=x", ["domain:ebay.com", "ebay-item:325123456789"]],
    ["https://www.ebay.com/itm/325123456789", ["domain:ebay.com", "ebay-item:325123456789"]],
    ["https://www.walmart.com/ip/Studded-Pumps/123456789", ["domain:walmart.com", "walmart-item:123456789"]],
    ["https://www.etsy.com/listing/1234567890/studded-pumps", ["domain:etsy.com", "etsy-listing:1234567890"]],
    [
      "https://studline-outlet.example/products/Rock-Stud-Pump?variant=1&utm_source=ig",
      ["domain:studline-outlet.example", "product-handle:studline-outlet.example/rock-stud-pump"],
    ],
    [
      "https://studline-outlet.example/collections/all/products/rock-stud-pump",
      ["domain:studline-outlet.example", "product-handle:studline-outlet.example/rock-stud-pump"],
    ],
    ["https://studline-outlet.example/checkouts/c/7f3e2a91", ["domain:studline-outlet.example"]],
    ["ftp://amazon.com/dp/B0FAKE1234", []],
    ["not a url", []],
  ];
  for (const [url, want] of cases) it(url, () => expect(pick(urlIdentifiers(url))).toEqual(want));

  it("drops the query's noise and keeps what names the page", () => {
    expect(canonicalUrl("https://WWW.Amazon.com/dp/B0FAKE1234/ref=sr_1_1?th=1&psc=1&utm_medium=x")).toBe(
      "https://amazon.com/dp/B0FAKE1234",
    );
    expect(canonicalUrl("https://shop.example/products/a?variant=2&fbclid=z&color=red")).toBe(
      "https://shop.example/products/a?color=red&variant=2",
    );
  });
});

describe("tracking numbers", () => {
  const cases: [string, string[], string?][] = [
    ["AMZN_US(TBA318840021577)", ["TBA318840021577"], "Amazon Logistics"],
    ["TRK# tba 3188 2204 6000", ["TBA318822046000"], "Amazon Logistics"],
    ["TRK# TBA-3188-2204-6000", ["TBA318822046000"], "Amazon Logistics"],
    ["TBA31882204600", [], undefined], // 11 digits: not Amazon's shape
    ["UPS 1Z 999A A101 2345 6784", ["1Z999AA10123456784"], "UPS"],
    ["USPS(9400111899560312345678)", ["9400111899560312345678"], "USPS"],
    ["USPS 9400 1118 9956 0312 3456 78", ["9400111899560312345678"], "USPS"],
    ["FedEx tracking: 7712 3456 7890", ["771234567890"], "FedEx"],
    ["Ref 771234567890", [], undefined], // 12 bare digits are not a FedEx number
    ["card 4532 7153 0446 4417; order 114-7730215-6620491", [], undefined],
  ];
  for (const [text, want, carrier] of cases)
    it(text, () => {
      const found = trackingNumbers(text);
      expect(found.map((t) => t.value)).toEqual(want);
      if (carrier) expect(found[0]!.carrier).toBe(carrier);
    });

  it("normalises spaces, dashes and case", () => expect(normaliseTracking(" tba-3188 4002 1577 ")).toBe("TBA318840021577"));
});

describe("identifiers in text", () => {
  const cases: [string, string, string[]][] = [
    ["a shared link", "Use this link https://www.amazon.com/dp/B0FAKE1234?ref=kpg_ig_dm&th=1.", ["domain:amazon.com", "asin:B0FAKE1234"]],
    [
      "an ASIN labelled on a receipt",
      "Sold by: KPG Boutique (seller profile)\nASIN: B0FAKE1234",
      ["asin:B0FAKE1234", "store-name:kpgboutique"],
    ],
    ["an OCR'd ASIN with O for 0", "ASIN BOFAKE1234 KPG Boutique", ["asin:B0FAKE1234"]],
    ["a bare B0 id far from any ASIN label", "Model B0FAKE1234 in stock", []],
    ["an Amazon order id", "Ordered! Order # 114-7730215-6620491", ["order-id:114-7730215-6620491"]],
    ["a labelled order id", "Order number: SO-20260316-0042 confirmed", ["order-id:SO-20260316-0042"]],
    ["an order with no id", "order on Amazon with the link so you get it fast", []],
    ["a seller id", "Seller ID: A3KPG7EXAMPLE01", ["seller-id:A3KPG7EXAMPLE01"]],
    ["sold by a third party is no store", "This item was sold by a third-party seller and fulfilled by Amazon.", []],
    ["a tracking number", "Carrier: AMZN_US(TBA318840021577)", ["tracking:TBA318840021577"]],
  ];
  for (const [name, text, want] of cases) it(name, () => expect(pick(textIdentifiers(text))).toEqual(want));

  it("gives one identifier per kind and value", () => {
    expect(pick(textIdentifiers("Order # 114-7730215-6620491 (order 114-7730215-6620491)"), "order-id")).toEqual([
      "order-id:114-7730215-6620491",
    ]);
  });
});

describe("order lines, sellers and store names", () => {
  it("reads an Amazon line's item id as an ASIN and others as item ids", () => {
    expect(lineItemId("b0fake1234", "amazon-order-history")).toMatchObject({ kind: "asin", value: "B0FAKE1234" });
    expect(lineItemId("325123456789", "ebay-orders")).toMatchObject({ kind: "ebay-item", value: "325123456789" });
    expect(lineItemId("SKU-9", "shopify-orders")).toMatchObject({ kind: "item-id", value: "SKU-9" });
    expect(lineItemId("  ", "x")).toBeUndefined();
  });
  it("tells a seller id from a store name", () => {
    expect(sellerIdentifier("A3KPG7EXAMPLE01")).toMatchObject({ kind: "seller-id" });
    expect(sellerIdentifier("KPG Boutique")).toMatchObject({ kind: "store-name", value: "kpgboutique" });
    expect(storeKey("KPG-Boutique ✨")).toBe(storeKey("kpg boutique"));
  });
  it("compares products by value across item-id kinds, never a domain", () => {
    const asin = { kind: "asin" as const, value: "B0FAKE1234", raw: "" };
    expect(sameProduct(asin, { kind: "item-id", value: "B0FAKE1234", raw: "" })).toBe(true);
    expect(sameProduct(asin, { kind: "ebay-item", value: "B0FAKE1234", raw: "" })).toBe(false);
    expect(sameProduct(asin, { kind: "asin", value: "B0FAKE9999", raw: "" })).toBe(false);
    expect(sameProduct({ kind: "domain", value: "a.example", raw: "" }, { kind: "domain", value: "a.example", raw: "" })).toBe(false);
  });
});
