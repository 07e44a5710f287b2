/** Test-purchase records: orders from marketplace/payment exports and receipts. */
import type { Money } from "./money.js";

/**
 * What an order records as its source: one per purchase-record format in the registry (intake/formats/index.ts,
 * which also exports them as PURCHASE_SOURCES).
 */
export type PurchaseSource = import("../intake/formats/index.js").PurchaseSource;

export interface Address {
  name?: string;
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  /** The address as exported, when it came as one text. */
  raw?: string;
}

export interface OrderLine {
  name: string;
  quantity: number;
  unitPrice?: Money;
  /** ASIN, SKU or item id. */
  itemId?: string;
}

export interface PurchaseOrder {
  source: PurchaseSource;
  orderId: string;
  /** UTC ISO-8601. */
  orderedAt?: string;
  seller?: string;
  lines: OrderLine[];
  /** Named amounts as exported: "Subtotal", "Shipping", "Tax", "Total", "Fee", "Net"… */
  amounts: { label: string; amount: Money }[];
  status?: string;
  /** Payment description as exported ("Visa ending in 4417"); may hold numbers that redaction masks. */
  payment?: string;
  shipTo?: Address;
  tracking?: string;
  /** Other exported fields worth showing, label → value, in export order. */
  details: { label: string; value: string }[];
  /** Where in its file the order was read ("lines 2–3", "orders[0]"): the file is named beside it, by its case path. */
  origin: string;
}

export interface EmailHeader {
  name: string;
  value: string;
}

export interface EmailAttachmentInfo {
  filename: string;
  contentType: string;
  bytes: number;
  sha256: `sha256:${string}`;
}

/** An .eml receipt: the headers that matter for authentication, a readable body, attachments listed. */
export interface EmailReceipt {
  headers: EmailHeader[];
  subject?: string;
  from?: string;
  to?: string;
  /** UTC ISO-8601 from the Date header. */
  date?: string;
  messageId?: string;
  /** Summary of DKIM-Signature headers (d=, s=) and Authentication-Results, as found; never "verified" offline. */
  authentication: string[];
  /** The body as plain text (text/plain part, else the HTML part reduced to text). */
  text: string;
  attachments: EmailAttachmentInfo[];
}
