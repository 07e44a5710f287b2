/** Stage 2 (intake), format: PayPal "Activity" CSV downloads (English or German), by their header. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { PurchasesFormat } from "../format.js";
import { purchasesReader } from "../shared/purchases.js";
import { purchaseWords } from "../shared/words.js";
import { looksLikePayPalActivity, PAYPAL_ACTIVITY_NAME, parsePayPalActivity } from "./parse.js";

export const paypalActivity: PurchasesFormat<"paypal-activity", "paypal-activity"> = {
  media: "paypal-activity",
  family: "purchases",
  kind: "purchase",
  orderSource: "paypal-activity",
  sniff: ({ text }) => text !== undefined && looksLikePayPalActivity(text),
  maxBytes: INPUT_BYTES.text,
  read: purchasesReader(PAYPAL_ACTIVITY_NAME, (text, { files: [file], meta }) =>
    parsePayPalActivity(text, file.shown, { orders: meta.orders }),
  ),
  words: purchaseWords({ name: PAYPAL_ACTIVITY_NAME, summary: "PayPal activity export" }),
};
