/** Stage 2 (intake), format: Amazon "Request my data" order history (Retail.OrderHistory.N.csv), by its header. */
import type { PurchasesFormat } from "../format.js";
import { purchasesReader } from "../shared/purchases.js";
import { purchaseWords } from "../shared/words.js";
import { looksLikeAmazonOrderHistory, parseAmazonOrderHistory } from "./parse.js";

export const amazonOrders: PurchasesFormat<"amazon-orders", "amazon-order-history"> = {
  media: "amazon-orders",
  family: "purchases",
  kind: "purchase",
  orderSource: "amazon-order-history",
  sniff: ({ text }) => text !== undefined && looksLikeAmazonOrderHistory(text),
  read: purchasesReader((text, { files: [file] }) => parseAmazonOrderHistory(text, file.shown)),
  words: purchaseWords({ name: "Amazon Retail.OrderHistory CSV", summary: "Amazon order history export" }),
};
