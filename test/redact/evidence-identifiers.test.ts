/**
 * Redaction must not eat evidence: tracking numbers, order ids, ASINs, PayPal transaction ids and TBA shipment ids
 * pass through every kind of rendered document untouched (a chat message, an e-mail body, a purchase record, each
 * built by the real page models), while card numbers (Luhn-valid with an issuer's length) and IBANs (mod-97 valid with
 * their country's length) are still masked, and near misses are left alone.
 */
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../src/model/conversation.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import type { EmailReceipt, PurchaseOrder } from "../../src/model/purchase.js";
import type { TextSegment } from "../../src/model/redaction.js";
import { cardIssuer, ibanChecks, luhn } from "../../src/redact/identifiers.js";
import { publicText, Redactor } from "../../src/redact/index.js";
import { emailModel, purchasesModel, transcriptModel } from "../../src/render/document-models.js";
import { CARD_NUMBERS, EVIDENCE_IDENTIFIERS, IBANS, NEAR_MISSES } from "../helpers/identifiers.js";
import { config } from "../helpers/items.js";

const settings = { minors: [], patterns: [], streetAddresses: true };

/** Every text a model shows, as the public twin shows it. */
function publicTextsOf(model: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if ("segments" in v) {
      out.push(publicText((v as { segments: TextSegment[] }).segments));
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(model);
  return out;
}

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

/** The text as each kind of document shows it in the public twin: a chat message, an e-mail body, a purchase record's fields. */
function renderedEverywhere(text: string): { chat: string; email: string; purchase: string } {
  const redactor = new Redactor(settings);
  const conversation: Conversation = {
    platform: "whatsapp",
    title: "",
    participants: ["Kestrel Pan"],
    messages: [
      {
        ref: "M00001",
        at: "2026-03-01T18:00:00Z",
        sender: "Kestrel Pan",
        system: false,
        text,
        links: [],
        attachments: [],
        reactions: [],
        notes: [],
        origin: "line 1",
      },
    ],
  };
  const chat = transcriptModel(item("whatsapp", { type: "conversation", conversation }), conversation, config(), redactor, new Map());
  const email: EmailReceipt = { headers: [{ name: "Subject", value: `Shipped: ${text}` }], authentication: [], text, attachments: [] };
  const mail = emailModel(item("eml", { type: "email", email }), email, config(), redactor);
  const order: PurchaseOrder = {
    source: "generic-csv",
    orderId: "5501",
    lines: [{ name: `Studded pumps (${text})`, quantity: 1 }],
    amounts: [],
    payment: text,
    details: [{ label: "Note", value: text }],
    origin: "purchases.csv line 2",
  };
  const summary = purchasesModel(
    item("purchases-csv", { type: "purchases", orders: [order] }),
    [order],
    config(),
    redactor,
    "purchases CSV",
  );
  return {
    chat: publicTextsOf(chat.messages).join("\n"),
    email: publicTextsOf(mail).join("\n"),
    purchase: publicTextsOf(summary.orders).join("\n"),
  };
}

describe("evidence identifiers survive redaction", () => {
  it.each(EVIDENCE_IDENTIFIERS)("the table's $kind is correctly shaped, its check digit right", ({ checks }) => {
    expect(checks()).toBe(true);
  });

  it.each(EVIDENCE_IDENTIFIERS)("$kind $value is untouched in a chat, an e-mail and a purchase record", ({ value }) => {
    const text = `paid by card yesterday; tracking ${value}, see also ${value}.`;
    const shown = renderedEverywhere(text);
    for (const [where, t] of Object.entries(shown)) expect(t, where).toContain(text);
  });

  it("keeps a number an account label is followed by, when an evidence label stands nearer to it", () => {
    const red = new Redactor(settings);
    const text = "paid by card; Hermes tracking 1234567890123456";
    expect(publicText(red.apply(text, "i", "p"))).toBe(text);
    expect(publicText(red.apply("gift card no. 1234567890123456", "i", "p"))).toBe("gift card no. XXXXXXXXXXXX3456");
  });
});

describe("financial accounts are still masked", () => {
  it("has near misses that pass the Luhn check, so the issuer's prefix and length are what leaves them alone", () => {
    expect(luhn("9999999999999995")).toBe(true);
    expect(luhn("411111111111116")).toBe(true);
    expect(luhn("4111111111111112")).toBe(false);
  });

  it.each(CARD_NUMBERS)("masks a $issuer card number to its last four, wherever it is shown", ({ value }) => {
    expect(cardIssuer(value.replace(/\D/g, ""))).toBeDefined();
    const shown = renderedEverywhere(`pay me directly with ${value} please`);
    const last4 = value.replace(/\D/g, "").slice(-4);
    for (const [where, t] of Object.entries(shown)) {
      expect(t, where).not.toContain(value);
      expect(t.replace(/[\s-]/g, ""), where).toContain(`X${last4}`);
    }
  });

  it.each(IBANS)("masks the IBAN %s to its country and last four", (iban) => {
    expect(ibanChecks(iban.replace(/ /g, ""))).toBe(true);
    const shown = renderedEverywhere(`wire to IBAN ${iban} today`);
    const compact = iban.replace(/ /g, "");
    for (const [where, t] of Object.entries(shown)) {
      expect(t, where).not.toContain(iban);
      expect(t.replace(/ /g, ""), where).toContain(`${compact.slice(0, 2)}XX`);
      expect(t.replace(/ /g, ""), where).toContain(compact.slice(-4));
    }
  });

  it.each(NEAR_MISSES)("leaves a near miss alone: $why ($value)", ({ value }) => {
    const text = `the number is ${value} as sent`;
    const shown = renderedEverywhere(text);
    for (const [where, t] of Object.entries(shown)) expect(t, where).toContain(text);
  });
});
