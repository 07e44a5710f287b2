/** Stage 2 (intake), format: the generic purchases CSV (one row per item), by its header. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { PurchasesFormat } from "../format.js";
import { purchasesReader } from "../shared/purchases.js";
import { purchaseWords } from "../shared/words.js";
import { looksLikeGenericPurchasesCsv, parseGenericPurchasesCsv, PURCHASES_CSV_NAME } from "./parse.js";

export const purchasesCsv: PurchasesFormat<"purchases-csv", "generic-csv"> = {
  media: "purchases-csv",
  family: "purchases",
  kind: "purchase",
  orderSource: "generic-csv",
  sniff: ({ text }) => text !== undefined && looksLikeGenericPurchasesCsv(text),
  maxBytes: INPUT_BYTES.text,
  read: purchasesReader(PURCHASES_CSV_NAME, (text, { files: [file], timeZone, meta }) =>
    parseGenericPurchasesCsv(text, file.shown, timeZone, meta.orders),
  ),
  words: purchaseWords({ name: PURCHASES_CSV_NAME, summary: PURCHASES_CSV_NAME }),
};
