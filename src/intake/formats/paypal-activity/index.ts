/** Stage 2 (intake), format: PayPal "Activity" CSV downloads (English or German), by their header. */
import type { PurchasesFormat } from "../format.js";
import { purchasesReader } from "../shared/purchases.js";
import { purchaseWords } from "../shared/words.js";
import { looksLikePayPalActivity, parsePayPalActivity } from "./parse.js";

export const paypalActivity: PurchasesFormat<"paypal-activity", "paypal-activity"> = {
  media: "paypal-activity",
  family: "purchases",
  kind: "purchase",
  orderSource: "paypal-activity",
  sniff: ({ text }) => text !== undefined && looksLikePayPalActivity(text),
  read: purchasesReader((text, { files: [file] }) => parsePayPalActivity(text, file.shown)),
  words: purchaseWords({ name: "PayPal activity CSV", summary: "PayPal activity export" }),
};
