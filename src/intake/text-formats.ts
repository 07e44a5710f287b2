/**
 * Text evidence, recognised by content: platform exports (Meta JSON threads, WhatsApp .txt, message CSV),
 * purchase records (Amazon, PayPal, generic CSV/JSON) and .eml receipts. Each reader returns a typed
 * payload; attachments and media a reader resolves are "consumed" (they belong to that item, not to
 * exhibits of their own).
 */
import type { EvidenceMeta } from "../model/case.js";
import type { MediaType, RenderedPayload } from "../model/evidence.js";
import { looksLikeMetaThread } from "./sources/meta-json.js";
import { looksLikeWhatsApp, parseWhatsApp } from "./sources/whatsapp-txt.js";
import { looksLikeChatCsv, parseChatCsv } from "./sources/chat-csv.js";
import { looksLikeAmazonOrderHistory, parseAmazonOrderHistory } from "./sources/amazon-orders-csv.js";
import { looksLikePayPalActivity, parsePayPalActivity } from "./sources/paypal-csv.js";
import { looksLikeGenericPurchasesCsv, looksLikeGenericPurchasesJson, parseGenericPurchasesCsv, parseGenericPurchasesJson } from "./sources/generic-purchases.js";
import { looksLikeEml, parseEml } from "./sources/eml.js";
import type { PurchaseOrder } from "../model/purchase.js";
import { InvalidInputError } from "../util/errors.js";

export type TextMedia = Exclude<MediaType, "png" | "jpeg" | "webp" | "pdf">;

/** Decide a text file's format from its content; undefined when it is none we read. */
export function sniffText(data: Buffer): TextMedia | undefined {
  const head = data.subarray(0, 65536).toString("utf8");
  if (head.includes("\u0000")) return undefined;
  if (looksLikeMetaThread(head)) return "meta-thread";
  if (looksLikeGenericPurchasesJson(head)) return "purchases-json";
  if (looksLikeEml(head)) return "eml";
  if (looksLikeAmazonOrderHistory(head)) return "amazon-orders";
  if (looksLikePayPalActivity(head)) return "paypal-activity";
  if (looksLikeChatCsv(head)) return "chat-csv";
  if (looksLikeGenericPurchasesCsv(head)) return "purchases-csv";
  if (looksLikeWhatsApp(head)) return "whatsapp";
  return undefined;
}

export interface TextReadContext {
  shown: string;
  timeZone: string;
  meta: EvidenceMeta;
  /** Attachment name next to the file → case-relative path, or undefined (and records it as consumed). */
  resolveAttachment(name: string): string | undefined;
}

/** Read a single-file text format (Meta threads are read by the caller, from all their files). */
export async function readTextEvidence(media: TextMedia, data: Buffer, ctx: TextReadContext): Promise<{ payload: RenderedPayload; kind: "message-log" | "purchase"; capturedAt?: string }> {
  const text = data.toString("utf8");
  switch (media) {
    case "whatsapp":
      return {
        kind: "message-log",
        payload: { type: "conversation", conversation: parseWhatsApp(text, { timeZone: ctx.meta.timeZone ?? ctx.timeZone, dateOrder: ctx.meta.dateOrder, displayPath: ctx.shown, resolveAttachment: ctx.resolveAttachment }) },
      };
    case "chat-csv":
      return { kind: "message-log", payload: { type: "conversation", conversation: parseChatCsv(text, { timeZone: ctx.meta.timeZone ?? ctx.timeZone, displayPath: ctx.shown, resolveAttachment: ctx.resolveAttachment }) } };
    case "amazon-orders":
      return purchases(parseAmazonOrderHistory(text, ctx.shown), ctx);
    case "paypal-activity":
      return purchases(parsePayPalActivity(text, ctx.shown), ctx);
    case "purchases-csv":
      return purchases(parseGenericPurchasesCsv(text, ctx.shown, ctx.timeZone), ctx);
    case "purchases-json":
      return purchases(parseGenericPurchasesJson(text, ctx.shown, ctx.timeZone), ctx);
    case "eml": {
      const email = await parseEml(data, ctx.shown);
      return { kind: "purchase", payload: { type: "email", email }, capturedAt: undefined };
    }
    case "meta-thread":
      throw new Error("Meta threads are read from all their files by intake");
  }
}

function purchases(all: PurchaseOrder[], ctx: TextReadContext): { payload: RenderedPayload; kind: "purchase" } {
  let orders = all;
  if (ctx.meta.orders?.length) {
    const byId = new Map(all.map((o) => [o.orderId, o]));
    const missing = ctx.meta.orders.filter((id) => !byId.has(id));
    if (missing.length) throw new InvalidInputError({ file: ctx.shown, field: "orders" }, `no order ${missing.join(", ")} in this file; it holds ${all.map((o) => o.orderId).slice(0, 8).join(", ")}${all.length > 8 ? ", …" : ""}`);
    orders = ctx.meta.orders.map((id) => byId.get(id)!);
  }
  if (orders.length === 0) throw new InvalidInputError({ file: ctx.shown }, "holds no orders");
  return { kind: "purchase", payload: { type: "purchases", orders } };
}
