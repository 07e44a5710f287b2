/**
 * `redaction.streetAddresses` redacts street lines in every rendered text, through the one Redactor: e-mail headers
 * and bodies, chat messages, purchase records' structured ship-to streets and free-text fields. City, state and
 * postal code stay (they prove the sale into the forum); with the setting off nothing changes.
 */
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../src/model/conversation.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import type { EmailReceipt, PurchaseOrder } from "../../src/model/purchase.js";
import type { TextSegment } from "../../src/model/redaction.js";
import { publicText, Redactor } from "../../src/redact/index.js";
import { emailModel, purchasesModel, transcriptModel } from "../../src/render/document-models.js";
import { config } from "../helpers/items.js";

const on = () => new Redactor({ minors: [], patterns: [], streetAddresses: true });
const off = () => new Redactor({ minors: [], patterns: [], streetAddresses: false });
const pub = (text: string, r = on()) => publicText(r.apply(text, "i", "p"));
const R = "[REDACTED]";

const item = (media: EvidenceItem["media"], payload: EvidenceItem["payload"]): EvidenceItem => ({
  id: `evidence/d1/${media}`,
  kind: "purchase",
  media,
  source: { path: `evidence/d1/${media}`, bytes: 1, sha256: `sha256:${"0".repeat(64)}` },
  title: "t",
  marks: [],
  capturedAtSource: "unknown",
  payload,
});
const shown = (s: { segments: TextSegment[] } | undefined) => (s ? publicText(s.segments) : "");

describe("street lines in running text", () => {
  it("takes a line that is an apartment alone only in a text with a street line", () => {
    expect(pub("Lot 5\nSuite 200")).toBe("Lot 5\nSuite 200");
    expect(pub("88 West Loop Rd\nSuite 200\n")).toBe(`${R}\n${R}\n`);
  });

  it.each([
    ["Ship to: Renata Delgado, 2417 N Halsted St Apt 3, Chicago, IL 60614", `Ship to: Renata Delgado, ${R}, Chicago, IL 60614`],
    ["RENATA DELGADO 2417 N HALSTED ST APT 3 CHICAGO IL 60614-3301", `RENATA DELGADO ${R} CHICAGO IL 60614-${R}`],
    ["send it to 88 West Loop Rd, Suite 200, Naperville IL", `send it to ${R}, Naperville IL`],
    ["1401 W 34th Street #5B\nChicago, IL 60608", `${R}\nChicago, IL 60608`],
    ["mail: PO Box 1123, Evanston, IL 60201", `mail: ${R}, Evanston, IL 60201`],
    ["12 Queen St. W, Toronto ON", `${R}, Toronto ON`],
    // A checkout form: the apartment on its own line, under its field's name.
    [
      "Address\n2735 N Halvorsen St\nApartment, suite, etc. (optional)\nUnit 2\nChicago Illinois 60614",
      `Address\n${R}\nApartment, suite, etc. (optional)\n${R}\nChicago Illinois 60614`,
    ],
    ["Chicago, IL 60654 – 2291 (billing)", `Chicago, IL 60654 – ${R} (billing)`],
  ])("redacts the street line of %j and keeps the city, state and five-digit ZIP", (text, expected) => {
    expect(pub(text)).toBe(expected);
  });

  it.each([
    "buy 3 court shoes for the price of 2",
    "Order 114-7730215-6620491 shipped 2 items",
    "size 38, qty 1, $89.99",
    "Ships to CHICAGO, IL 60614",
    "tracking 1Z4E8V270312345678 via UPS Ground",
  ])("leaves %j alone", (text) => {
    expect(pub(text)).toBe(text);
  });

  it("does nothing when the setting is off", () => {
    expect(pub("2417 N Halsted St Apt 3, Chicago", off())).toBe("2417 N Halsted St Apt 3, Chicago");
  });
});

describe("every rendered text goes through the same rule", () => {
  const ADDRESS = "2417 N Halsted St Apt 3";

  it("redacts e-mail headers and bodies, and logs each", () => {
    const email: EmailReceipt = {
      headers: [
        { name: "To", value: `Renata Delgado, ${ADDRESS}, Chicago <renata@example.net>` },
        { name: "Subject", value: "Your order has shipped" },
      ],
      authentication: [],
      text: `Shipping to:\nRenata Delgado\n${ADDRESS}\nCHICAGO, IL 60614\nUnited States`,
      attachments: [],
    };
    const r = on();
    const model = emailModel(item("eml", { type: "email", email }), email, config(), r);
    expect(model.redacted).toBe(true);
    expect(shown(model.headers[0].value)).toBe(`Renata Delgado, ${R}, Chicago <renata@example.net>`);
    expect(shown(model.body)).toBe(`Shipping to:\nRenata Delgado\n${R}\nCHICAGO, IL 60614\nUnited States`);
    expect(r.log.map(({ mark: _m, ...e }) => e)).toEqual([
      { item: "evidence/d1/eml", place: "header To", layer: "email-header", rule: "street-address" },
      { item: "evidence/d1/eml", place: "email body", layer: "email-body", rule: "street-address" },
    ]);
    const sealed = emailModel(item("eml", { type: "email", email }), email, config(), off());
    expect(sealed.redacted).toBe(false);
  });

  it("redacts chat messages", () => {
    const conversation: Conversation = {
      platform: "whatsapp",
      title: "",
      participants: ["Dana"],
      messages: [
        {
          ref: "M00001",
          at: "2026-03-01T18:00:00Z",
          sender: "Dana",
          system: false,
          text: `ship to ${ADDRESS}, Chicago IL 60614`,
          links: [],
          attachments: [],
          reactions: [],
          notes: [],
          origin: "line 1",
        },
      ],
    };
    const model = transcriptModel(item("whatsapp", { type: "conversation", conversation }), conversation, config(), on(), new Map());
    expect(shown(model.messages[0].text)).toBe(`ship to ${R}, Chicago IL 60614`);
  });

  it("redacts a purchase's structured street whole, and street lines in its free-text fields", () => {
    const order: PurchaseOrder = {
      source: "amazon-order-history",
      orderId: "114-7730215-6620491",
      lines: [{ name: "Studded pumps", quantity: 1 }],
      amounts: [],
      shipTo: { name: "Renata Delgado", street: "Unit 7, The Old Mill", city: "Chicago", state: "IL", postalCode: "60614" },
      details: [{ label: "Other Shipping Address", value: `${ADDRESS} CHICAGO IL 60614` }],
      origin: "Retail.OrderHistory.1.csv line 2",
    };
    const r = on();
    const model = purchasesModel(item("amazon-orders", { type: "purchases", orders: [order] }), [order], config(), r, "x");
    const o = model.orders[0];
    expect(o.shipTo?.lines.map(shown)).toEqual(["Renata Delgado", R, "Chicago, IL, 60614"]);
    const zip4 = { ...order, shipTo: { ...order.shipTo!, postalCode: "60614-3318" } };
    const plus4 = purchasesModel(item("amazon-orders", { type: "purchases", orders: [zip4] }), [zip4], config(), on(), "x");
    expect(plus4.orders[0].shipTo?.lines.map(shown)).toEqual(["Renata Delgado", R, `Chicago, IL, 60614-${R}`]);
    expect(shown(o.details[0].value)).toBe(`${R} CHICAGO IL 60614`);
    expect(r.log.map((e) => e.place)).toEqual([
      "order 114-7730215-6620491 ship-to street",
      "order 114-7730215-6620491 Other Shipping Address",
    ]);
    const kept = purchasesModel(item("amazon-orders", { type: "purchases", orders: [order] }), [order], config(), off(), "x");
    expect(kept.orders[0].shipTo?.lines.map(shown)).toEqual(["Renata Delgado", "Unit 7, The Old Mill", "Chicago, IL, 60614"]);
  });
});

describe("a defendant's own published address", () => {
  const address = "Room 1706, Building C, Lanxi Innovation Park, No. 77 Mingzhi Road, Longhua District, Shenzhen 518131";
  const r = () => new Redactor({ minors: [], patterns: [], streetAddresses: true, publicAddresses: [address] });

  it("stays: its street line is public evidence of where the seller is, in any spacing or case", () => {
    expect(pub("Business Address:\nNo. 77 Mingzhi Road, Longhua District", r())).toBe(
      "Business Address:\nNo. 77 Mingzhi Road, Longhua District",
    );
    expect(pub("NO. 77 MINGZHI ROAD", r())).toBe("NO. 77 MINGZHI ROAD");
  });

  it("shields no other street, and no short line that happens to sit inside it", () => {
    expect(pub("Ship to 2735 N Halvorsen St, Chicago, IL 60614-3318", r())).toBe(`Ship to ${R}, Chicago, IL 60614-${R}`);
    const near = new Redactor({ minors: [], patterns: [], streetAddresses: true, publicAddresses: ["Unit 21, 5 Park Pl, Wilmington"] });
    expect(pub("15 Park Pl", near)).toBe(R);
    expect(pub("5 Park Pl", near)).toBe("5 Park Pl");
    const box = new Redactor({ minors: [], patterns: [], streetAddresses: true, publicAddresses: ["PO Box 11234, Dover"] });
    expect(pub("PO Box 1123", box)).toBe(R);
  });
});

describe("an address's second line alone", () => {
  it("is a unit with a number or one letter, never a table heading such as 'Unit price'", () => {
    expect(pub("2735 N Halvorsen St\nUNIT PRICE\n")).toBe(`${R}\nUNIT PRICE\n`);
    expect(pub("2735 N Halvorsen St\nUnit 2\n")).toBe(`${R}\n${R}\n`);
    expect(pub("2735 N Halvorsen St\nSuite C\n")).toBe(`${R}\n${R}\n`);
    expect(pub("Chicago, IL 60614-3318\nUnit price\n")).toBe(`Chicago, IL 60614-${R}\nUnit price\n`);
  });
});
