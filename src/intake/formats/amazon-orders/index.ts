/** Stage 2 (intake), format: Amazon "Request my data" order history (Retail.OrderHistory.N.csv), by its header. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { PurchasesFormat } from "../format.js";
import { purchasesReader } from "../shared/purchases.js";
import { purchaseWords } from "../shared/words.js";
import { AMAZON_ORDERS_NAME, looksLikeAmazonOrderHistory, parseAmazonOrderHistory } from "./parse.js";

export const amazonOrders: PurchasesFormat<"amazon-orders", "amazon-order-history"> = {
  media: "amazon-orders",
  family: "purchases",
  kind: "purchase",
  orderSource: "amazon-order-history",
  sniff: ({ text }) => text !== undefined && looksLikeAmazonOrderHistory(text),
  maxBytes: INPUT_BYTES.text,
  names: /Retail\.OrderHistory[^/]*\.csv$/i,
  read: purchasesReader(AMAZON_ORDERS_NAME, (text, { files: [file], meta }) => parseAmazonOrderHistory(text, file.shown, meta.orders)),
  words: purchaseWords({ name: AMAZON_ORDERS_NAME, summary: "Amazon order history export" }),
};
